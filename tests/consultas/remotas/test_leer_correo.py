"""manage.py leer_correo against a real IMAP server (a private dovecot over TLS)."""

from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from consultas.models import Consulta, Mensaje
from consultas.remotas import buzon
from consultas.remotas import servicios as remotas

pytestmark = pytest.mark.django_db


def correo(
    message_id,
    asunto="Consulta sobre visa de trabajo",
    de="Luis Mamani <luis@example.org>",
    cuerpo="Hola, quiero trabajar en Chile. ¿Qué visa necesito?",
    **cabeceras,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = de
    msg["To"] = "infomigra@trabajo.example"
    msg["Subject"] = asunto
    msg["Date"] = format_datetime(timezone.now())
    if message_id:
        msg["Message-ID"] = message_id
    for nombre, valor in cabeceras.items():
        msg[nombre.replace("_", "-")] = valor
    msg.set_content(cuerpo)
    return msg.as_bytes()


def test_new_email_becomes_consultation_and_is_marked_seen(servidor_imap, capsys):
    servidor_imap.entregar(servidor_imap.usuario, correo("<m1@example.org>"))
    assert servidor_imap.no_leidos(servidor_imap.usuario) == 1

    call_command("leer_correo")
    assert "Consultas nuevas: 1" in capsys.readouterr().out

    consulta = Consulta.objects.get()
    assert consulta.canal == "correo" and consulta.estado == "pendiente"
    assert consulta.sede.codigo == "LIMA"
    assert consulta.email == "luis@example.org" and consulta.nombre == "Luis Mamani"
    assert "¿Qué visa necesito?" in consulta.resumen
    mensaje = consulta.mensajes.get()
    assert mensaje.message_id == "<m1@example.org>" and mensaje.direccion == "entrada"
    assert mensaje.asunto == "Consulta sobre visa de trabajo"
    assert servidor_imap.no_leidos(servidor_imap.usuario) == 0


def test_implicit_tls_connection(servidor_imap, settings):
    servidor_imap.configurar(settings, servidor_imap.usuario, tls_implicito=True)
    servidor_imap.entregar(servidor_imap.usuario, correo("<tls@example.org>"))
    call_command("leer_correo")
    assert Mensaje.objects.filter(message_id="<tls@example.org>").exists()


def test_idempotent_by_message_id(servidor_imap):
    servidor_imap.entregar(servidor_imap.usuario, correo("<dup@example.org>"))
    servidor_imap.entregar(servidor_imap.usuario, correo("<dup@example.org>"))
    call_command("leer_correo")
    call_command("leer_correo")
    assert Consulta.objects.count() == 1
    assert Mensaje.objects.filter(message_id="<dup@example.org>").count() == 1
    assert servidor_imap.no_leidos(servidor_imap.usuario) == 0


def test_reply_joins_thread_by_in_reply_to_and_reopens(servidor_imap, asesor_a, servidor_smtp):
    servidor_imap.entregar(servidor_imap.usuario, correo("<inicio@example.org>"))
    call_command("leer_correo")
    consulta = Consulta.objects.get()
    respuesta = remotas.responder(consulta, asesor_a, "Necesitas una visa temporaria.")
    consulta.refresh_from_db()
    assert consulta.estado == "respondida"
    # The person answers our email from their mail client.
    servidor_imap.entregar(
        servidor_imap.usuario,
        correo(
            "<replica@example.org>",
            asunto=f"Re: {respuesta.asunto}",
            cuerpo="Gracias, ¿cuánto cuesta?",
            In_Reply_To=respuesta.message_id,
            References=f"<inicio@example.org> {respuesta.message_id}",
        ),
    )
    call_command("leer_correo")
    assert Consulta.objects.count() == 1
    consulta.refresh_from_db()
    assert consulta.estado == "pendiente"
    assert [m.direccion for m in consulta.mensajes.all()] == ["entrada", "salida", "entrada"]
    assert consulta.mensajes.last().cuerpo.startswith("Gracias, ¿cuánto cuesta?")


def test_reply_joins_thread_by_code_in_subject_from_same_sender(servidor_imap, sede_a):
    consulta = Consulta.objects.create(
        canal="web",
        sede=sede_a,
        tipo_migrante="retornado",
        email="ana@example.org",
        estado="respondida",
    )
    servidor_imap.entregar(
        servidor_imap.usuario,
        correo("<codigo@example.org>", asunto=f"Sobre mi consulta {consulta.codigo}",
               de="Ana <ANA@example.org>"),
    )  # fmt: skip
    # The same code from a stranger does not get into that thread: it is a new consultation.
    servidor_imap.entregar(
        servidor_imap.usuario,
        correo("<intruso@example.org>", asunto=f"Re: {consulta.codigo}", de="x@example.net"),
    )
    call_command("leer_correo")
    consulta.refresh_from_db()
    assert consulta.estado == "pendiente"
    assert list(consulta.mensajes.values_list("message_id", flat=True)) == ["<codigo@example.org>"]
    assert Consulta.objects.get(email="x@example.net").canal == "correo"


@pytest.mark.parametrize(
    "cabeceras",
    [
        {"Auto_Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"Precedence": "auto_reply"},
        {"Return_Path": "<>"},
        {"de": "MAILER-DAEMON@mx.example.org"},
        {"de": "postmaster@example.org"},
    ],
    ids=["auto-submitted", "bulk", "auto_reply", "null-sender", "mailer-daemon", "postmaster"],
)
def test_auto_replies_and_bounces_are_ignored(servidor_imap, cabeceras):
    servidor_imap.entregar(servidor_imap.usuario, correo("<auto@example.org>", **cabeceras))
    call_command("leer_correo")
    assert Consulta.objects.count() == 0
    assert Mensaje.objects.count() == 0
    assert servidor_imap.no_leidos(servidor_imap.usuario) == 0


def test_auto_submitted_no_is_a_person(servidor_imap):
    servidor_imap.entregar(
        servidor_imap.usuario, correo("<persona@example.org>", Auto_Submitted="no")
    )
    call_command("leer_correo")
    assert Consulta.objects.count() == 1


def test_email_without_message_id_is_stored_once(servidor_imap):
    crudo = correo(None)
    servidor_imap.entregar(servidor_imap.usuario, crudo)
    servidor_imap.entregar(servidor_imap.usuario, crudo)
    call_command("leer_correo")
    assert Consulta.objects.count() == 1


def test_html_only_email_and_attachment_names_are_kept(servidor_imap):
    msg = EmailMessage()
    msg["From"] = "maria@example.org"
    msg["Subject"] = "Contrato"
    msg["Message-ID"] = "<html@example.org>"
    msg.set_content("<p>Adjunto mi contrato &amp; pasaporte</p>", subtype="html")
    msg.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="contrato.pdf")
    servidor_imap.entregar(servidor_imap.usuario, msg.as_bytes())
    call_command("leer_correo")
    texto = Consulta.objects.get().resumen
    assert "Adjunto mi contrato & pasaporte" in texto and "<p>" not in texto
    assert "contrato.pdf" in texto


def test_message_stays_unseen_when_storing_fails(servidor_imap, monkeypatch):
    servidor_imap.entregar(servidor_imap.usuario, correo("<falla@example.org>"))

    def romper(crudo):
        raise RuntimeError("base de datos caída")

    monkeypatch.setattr(buzon, "procesar", romper)
    with pytest.raises(CommandError, match="no se pudieron guardar"):
        call_command("leer_correo")
    assert servidor_imap.no_leidos(servidor_imap.usuario) == 1
    monkeypatch.undo()
    call_command("leer_correo")
    assert Mensaje.objects.filter(message_id="<falla@example.org>").exists()
    assert servidor_imap.no_leidos(servidor_imap.usuario) == 0


def test_bad_credentials_and_missing_host_fail_with_spanish_message(servidor_imap, settings):
    settings.IMAP_PASSWORD = "incorrecta"
    with pytest.raises(CommandError, match="No se pudo conectar al buzón"):
        call_command("leer_correo")
    settings.IMAP_HOST = ""
    with pytest.raises(CommandError, match="IMAP_HOST no está configurado"):
        call_command("leer_correo")


def test_sender_without_valid_address_is_stored_without_reply_address(servidor_imap):
    servidor_imap.entregar(servidor_imap.usuario, correo("<raro@example.org>", de="sin-arroba"))
    call_command("leer_correo")
    consulta = Consulta.objects.get()
    assert consulta.email == ""
    assert consulta.mensajes.get().remitente == "sin-arroba"
