"""Back-office inbox of remote consultations: list, flags, assignment, thread, answer by email."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from consultas.models import Consulta, Mensaje
from consultas.models.remotas import EstadoEnvio
from consultas.remotas import correo
from consultas.remotas import servicios as remotas
from tests.consultas.ayudas import consulta_remota
from tests.servidores import puerto_libre

pytestmark = pytest.mark.django_db


def test_inbox_lists_pending_remote_of_own_office_oldest_first_with_flags(
    cliente_de, asesor_a, sede_a, sede_b
):
    reciente = consulta_remota(sede_a, horas=2)
    dia = consulta_remota(sede_a, horas=30, canal="correo")
    dos_dias = consulta_remota(sede_a, horas=50)
    ajena = consulta_remota(sede_b, horas=60)
    presencial = Consulta.objects.create(canal="presencial", sede=sede_a, tipo_migrante="publico")
    respondida = consulta_remota(sede_a, horas=70, estado="respondida")

    html = cliente_de(asesor_a).get("/gestion/bandeja/").content.decode()
    posiciones = [html.index(c.codigo) for c in (dos_dias, dia, reciente)]
    assert posiciones == sorted(posiciones)
    for oculta in (ajena, presencial, respondida):
        assert oculta.codigo not in html
    assert "Más de 48 h" in html and "Más de 24 h" in html
    assert "3 consultas pendientes" in html
    assert "<caption>" in html and 'scope="col"' in html


def test_flags_by_waiting_hours(asesor_a, sede_a):
    consulta_remota(sede_a, horas=23)
    consulta_remota(sede_a, horas=25)
    consulta_remota(sede_a, horas=49)
    filas = remotas.filas_bandeja(asesor_a)
    assert [(f.alerta, f.urgente) for f in filas] == [(False, True), (True, False), (False, False)]


def test_responsable_sees_every_office(cliente_de, responsable, sede_a, sede_b):
    ajena = consulta_remota(sede_b)
    assert ajena.codigo in cliente_de(responsable).get("/gestion/bandeja/").content.decode()


def test_reply_from_person_resets_waiting_time(asesor_a, sede_a):
    consulta = consulta_remota(sede_a, horas=72, estado="respondida")
    remotas.agregar_seguimiento(consulta, "Una duda más")
    [fila] = remotas.filas_bandeja(asesor_a)
    assert fila.consulta == consulta and fila.horas < 1


def test_inbox_needs_advisor_or_responsable(client, cliente_de, editor):
    assert client.get("/gestion/bandeja/").status_code == 302
    assert cliente_de(editor).get("/gestion/bandeja/").status_code == 403


def test_menu_has_inbox_link(cliente_de, asesor_a):
    html = cliente_de(asesor_a).get("/gestion/").content.decode()
    assert 'href="/gestion/bandeja/"' in html and "Bandeja" in html


def test_assign_to_me(cliente_de, asesor_a, sede_a):
    consulta = consulta_remota(sede_a)
    cliente = cliente_de(asesor_a)
    assert cliente.get(f"/gestion/bandeja/{consulta.codigo}/asignarme/").status_code == 405
    respuesta = cliente.post(f"/gestion/bandeja/{consulta.codigo}/asignarme/", follow=True)
    consulta.refresh_from_db()
    assert consulta.asesor == asesor_a
    assert f"Se asignó la consulta {consulta.codigo}" in respuesta.content.decode()
    assert "Asignada a usted" in respuesta.content.decode()


def test_other_office_thread_and_assignment_are_404(cliente_de, asesor_a, sede_b):
    ajena = consulta_remota(sede_b)
    cliente = cliente_de(asesor_a)
    assert cliente.get(f"/gestion/bandeja/{ajena.codigo}/").status_code == 404
    assert cliente.post(f"/gestion/bandeja/{ajena.codigo}/asignarme/").status_code == 404
    assert cliente.post(f"/gestion/bandeja/{ajena.codigo}/", {"respuesta": "x"}).status_code == 404
    ajena.refresh_from_db()
    assert ajena.asesor is None and ajena.mensajes.count() == 1


def test_thread_shows_messages_and_matching_faq_suggestions(cliente_de, asesor_a, sede_a):
    from contenidos.models import Tema
    from faq.models import Pregunta

    Pregunta.objects.create(
        pregunta="¿Puedo cobrar en el Perú la pensión que gané en Italia?",
        respuesta="Consulte a la ONP por los convenios de seguridad social.",
        tema=Tema.objects.get(codigo="convenios-seguridad-social"),
        publicada=True,
    )
    Pregunta.objects.create(
        pregunta="¿Dónde denuncio la trata de personas?",
        respuesta="Llame gratis a la línea 1818, las 24 horas.",
        tema=Tema.objects.get(codigo="estafas-trata"),
        publicada=True,
    )
    consulta = consulta_remota(sede_a)
    respuesta = cliente_de(asesor_a).get(f"/gestion/bandeja/{consulta.codigo}/")
    html = respuesta.content.decode()
    assert "¿Cómo cobro mi pensión desde Italia?" in html
    assert f"/gestion/consultas/{consulta.codigo}/" in html
    assert "¿Puedo cobrar en el Perú la pensión que gané en Italia?" in html
    assert "denuncio la trata" not in html


def test_answer_is_emailed_and_marks_consultation_answered(
    cliente_de, asesor_a, sede_a, servidor_smtp
):
    consulta = consulta_remota(sede_a, horas=5)
    texto = "Puedes pedir tu pensión a través del convenio Perú–Italia.\nTrae tu DNI."
    respuesta = cliente_de(asesor_a).post(
        f"/gestion/bandeja/{consulta.codigo}/", {"respuesta": texto}, follow=True
    )
    html = respuesta.content.decode()
    assert "Respuesta enviada a persona@example.org" in html
    assert "Enviado" in html

    consulta.refresh_from_db()
    assert consulta.estado == "respondida"
    assert consulta.asesor == asesor_a
    assert consulta.respondida is not None
    assert consulta.respuesta == texto
    mensaje = consulta.mensajes.last()
    assert mensaje.direccion == "salida" and mensaje.autor == asesor_a
    assert mensaje.estado_envio == EstadoEnvio.ENVIADO and mensaje.intentos == 1

    [recibido] = servidor_smtp.recibidos
    assert recibido["To"] == "persona@example.org"
    assert recibido["Message-ID"] == mensaje.message_id
    assert consulta.codigo in recibido["Subject"]
    cuerpo = recibido.get_body(preferencelist=("plain",)).get_content()
    assert "convenio Perú–Italia" in cuerpo
    assert "/consulta/seguimiento/" in cuerpo
    html_correo = recibido.get_body(preferencelist=("html",)).get_content()
    assert "convenio Perú–Italia" in html_correo
    # The inbox no longer lists it.
    assert consulta.codigo not in cliente_de(asesor_a).get("/gestion/bandeja/").content.decode()


def test_answer_to_email_thread_replies_to_its_message_id(asesor_a, sede_a, servidor_smtp):
    consulta = consulta_remota(sede_a, canal="correo")
    consulta.mensajes.update(message_id="<original@correo.example>")
    remotas.responder(consulta, asesor_a, "Respuesta")
    [recibido] = servidor_smtp.recibidos
    assert recibido["In-Reply-To"] == "<original@correo.example>"
    assert "<original@correo.example>" in recibido["References"]


def test_empty_answer_shows_error_and_stores_nothing(cliente_de, asesor_a, sede_a):
    consulta = consulta_remota(sede_a)
    respuesta = cliente_de(asesor_a).post(
        f"/gestion/bandeja/{consulta.codigo}/", {"respuesta": " "}
    )
    assert respuesta.status_code == 200
    assert "Este campo es obligatorio" in respuesta.content.decode()
    assert consulta.mensajes.count() == 1


def test_smtp_down_keeps_answer_then_retry_sends_exactly_once(
    cliente_de, asesor_a, sede_a, servidor_smtp, settings
):
    consulta = consulta_remota(sede_a)
    settings.EMAIL_PORT = puerto_libre()  # nothing listens there: the SMTP server is "down"
    respuesta = cliente_de(asesor_a).post(
        f"/gestion/bandeja/{consulta.codigo}/",
        {"respuesta": "Tu respuesta importante"},
        follow=True,
    )
    html = respuesta.content.decode()
    assert "La respuesta quedó guardada, pero el correo no se pudo enviar" in html
    assert "No enviado" in html and "Se reintentará automáticamente" in html
    mensaje = consulta.mensajes.get(direccion="salida")
    assert mensaje.estado_envio == EstadoEnvio.NO_ENVIADO
    assert mensaje.intentos == 1 and mensaje.ultimo_error
    consulta.refresh_from_db()
    # Not answered until SMTP accepts it: it stays in the inbox.
    assert consulta.estado == "pendiente" and consulta.respuesta == ""

    # Still down: the retry fails loudly and keeps it.
    with pytest.raises(CommandError):
        call_command("reenviar_pendientes")
    assert servidor_smtp.recibidos == []

    settings.EMAIL_PORT = servidor_smtp.puerto  # back up
    call_command("reenviar_pendientes")
    call_command("reenviar_pendientes")
    assert len(servidor_smtp.recibidos) == 1
    assert servidor_smtp.recibidos[0]["Message-ID"] == mensaje.message_id
    mensaje.refresh_from_db()
    assert mensaje.estado_envio == EstadoEnvio.ENVIADO and mensaje.intentos == 3
    consulta.refresh_from_db()
    assert consulta.estado == "respondida" and consulta.respuesta == "Tu respuesta importante"


def test_a_claimed_message_is_not_sent_by_another_process(asesor_a, sede_a, servidor_smtp):
    consulta = consulta_remota(sede_a)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(correo, "enviar", lambda mensaje_id: False)  # answer stored, not sent yet
        mensaje = remotas.responder(consulta, asesor_a, "Hola")
    # Another process claimed it a moment ago (and is sending it).
    Mensaje.objects.filter(pk=mensaje.pk).update(reclamado_el=timezone.now())
    assert correo.enviar(mensaje.pk) is False
    assert correo.reenviar_pendientes() == (0, [])
    assert servidor_smtp.recibidos == []
    # A claim abandoned long ago (process died) can be retaken.
    Mensaje.objects.filter(pk=mensaje.pk).update(reclamado_el=timezone.now() - timedelta(hours=1))
    assert correo.reenviar_pendientes() == (1, [])
    assert correo.reenviar_pendientes() == (0, [])
    assert len(servidor_smtp.recibidos) == 1


def test_answer_without_email_address_is_refused_with_message(cliente_de, asesor_a, sede_a):
    consulta = consulta_remota(sede_a, canal="correo", email="")
    respuesta = cliente_de(asesor_a).post(
        f"/gestion/bandeja/{consulta.codigo}/", {"respuesta": "Hola"}
    )
    assert "no tiene correo electrónico al que responder" in respuesta.content.decode()
    consulta.refresh_from_db()
    assert consulta.estado == "pendiente" and consulta.mensajes.count() == 1
