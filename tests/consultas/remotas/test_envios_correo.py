"""Outgoing mail through a real SMTP server (aiosmtpd): an answer counts only once accepted,
failures are visible and reported; acknowledgements, subjects and reminders."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from consultas.models import Consulta
from consultas.remotas import servicios as remotas
from tests.consultas.ayudas import consulta_remota
from tests.consultas.remotas.correos import correo, leer

pytestmark = pytest.mark.django_db


def test_failed_answer_stays_pending_then_is_reported_and_staff_told(
    servidor_smtp, cliente_de, asesor_a, responsable, sede_a, settings, capsys
):
    settings.CORREO_MAX_INTENTOS = 2
    asesor_a.email = "asesora@trabajo.example"
    asesor_a.save()
    responsable.email = "jefa@trabajo.example"
    responsable.save()
    consulta = consulta_remota(sede_a, canal="correo", email="no.existe@example.org")
    servidor_smtp.rechazar.add("no.existe@example.org")

    cliente_de(asesor_a).post(
        f"/gestion/bandeja/{consulta.codigo}/", {"respuesta": "Puede pedir la visa en línea."}
    )
    consulta.refresh_from_db()
    assert consulta.estado == "pendiente" and consulta.respondida is None
    bandeja = cliente_de(asesor_a).get("/gestion/bandeja/").content.decode()
    assert consulta.codigo in bandeja
    assert "Respuesta no enviada (reintentando)" in bandeja
    hilo = cliente_de(asesor_a).get(f"/gestion/bandeja/{consulta.codigo}/").content.decode()
    assert "No enviado (reintentando)" in hilo

    with pytest.raises(CommandError, match="1 correo"):
        call_command("reenviar_pendientes")
    salida = capsys.readouterr().err
    assert consulta.codigo in salida and "no.existe@example.org" in salida
    assert "no se volverá a intentar" in salida and "550" in salida

    # One notice each, through the queue.
    avisos = [m for m in servidor_smtp.recibidos if consulta.codigo in str(m["Subject"])]
    destinos = sorted(m["To"] for m in avisos)
    assert destinos == ["asesora@trabajo.example", "jefa@trabajo.example"]
    for aviso in avisos:
        assert aviso["Auto-Submitted"] == "auto-generated"
        assert "Recipient address rejected" in aviso.get_content()
        assert "no.existe@example.org" in aviso.get_content()

    consulta.refresh_from_db()
    assert consulta.estado == "pendiente"
    bandeja = cliente_de(asesor_a).get("/gestion/bandeja/").content.decode()
    assert "Envío fallido" in bandeja and "User unknown" in bandeja
    # Given up: later runs do not retry it nor fail again.
    call_command("reenviar_pendientes")


def test_answer_accepted_by_smtp_marks_answered(servidor_smtp, asesor_a, sede_a):
    consulta = consulta_remota(sede_a, canal="correo")
    remotas.responder(consulta, asesor_a, "Respuesta.")
    consulta.refresh_from_db()
    assert consulta.estado == "respondida" and consulta.respondida is not None
    assert len(servidor_smtp.recibidos) == 1


def test_email_consultation_gets_acknowledgement_with_code_and_link(servidor_imap, servidor_smtp):
    servidor_imap.entregar(
        servidor_imap.usuario, correo("<acuse@example.org>", asunto="Trabajo en Chile")
    )
    leer()
    consulta = Consulta.objects.get()
    assert len(servidor_smtp.recibidos) == 1
    acuse = servidor_smtp.recibidos[0]
    assert acuse["To"] == "luis@example.org"
    assert acuse["Auto-Submitted"] == "auto-replied"
    assert acuse["In-Reply-To"] == "<acuse@example.org>"
    texto = acuse.get_body(("plain",)).get_content()
    assert consulta.codigo in texto and "/consulta/seguimiento/" in texto


@pytest.mark.parametrize(
    "crudo",
    [
        correo("<vacaciones@example.org>", asunto="Respuesta automática: Consulta"),
        correo("<ooo@example.org>", asunto="Out of Office: Consulta"),
        correo("<ferias@example.org>", asunto="Resposta automática: em férias"),
        correo("<auto@example.org>", Auto_Submitted="auto-replied"),
        correo("<demonio@example.org>", de="MAILER-DAEMON@mx.example.org"),
    ],
    ids=["vacaciones-es", "out-of-office-en", "ferias-pt", "auto-submitted", "rebote"],
)
def test_no_acknowledgement_nor_consultation_for_machines(servidor_imap, servidor_smtp, crudo):
    servidor_imap.entregar(servidor_imap.usuario, crudo)
    assert leer()[0] == 0
    assert Consulta.objects.count() == 0
    assert servidor_smtp.recibidos == []


def test_flood_sender_is_discarded_without_acknowledgement(servidor_imap, servidor_smtp, settings):
    settings.CORREO_LIMITE_POR_REMITENTE = 3
    for i in range(5):
        servidor_imap.entregar(
            servidor_imap.usuario, correo(f"<flood{i}@example.org>", de="bot@spam.example")
        )
    leer()
    assert Consulta.objects.filter(estado="pendiente").count() == 3
    descartadas = Consulta.objects.filter(estado="descartada")
    assert descartadas.count() == 2 and "por hora" in descartadas.first().motivo_descarte
    assert len(servidor_smtp.recibidos) == 3  # nothing is lost, but no more robots fed


def test_answer_subject_keeps_the_original_for_mail_clients(servidor_imap, servidor_smtp, asesor_a):
    servidor_imap.entregar(
        servidor_imap.usuario, correo("<asunto@example.org>", asunto="RE: Visa de estudiante")
    )
    leer()
    consulta = Consulta.objects.get()
    remotas.responder(consulta, asesor_a, "Le explicamos.")
    assert servidor_smtp.recibidos[-1]["Subject"] == f"Re: Visa de estudiante [{consulta.codigo}]"


def test_reminders_are_marked_automatic_with_our_message_id_and_plural(
    servidor_smtp, asesor_a, sede_a, settings
):
    settings.DEFAULT_FROM_EMAIL = "INFOMIGRA <no-responder@infomigra.example.pe>"
    asesor_a.email = "asesora@trabajo.example"
    asesor_a.save()
    consulta_remota(sede_a, horas=30)
    call_command("recordatorio_pendientes")
    recordatorio = servidor_smtp.recibidos[0]
    assert recordatorio["Subject"] == "1 consulta espera respuesta hace más de 24 h"
    assert recordatorio["Auto-Submitted"] == "auto-generated"
    assert recordatorio["Message-ID"].endswith("@infomigra.example.pe>")
