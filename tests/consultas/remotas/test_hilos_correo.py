"""Threading edge cases, read through the real dovecot and answered through real SMTP."""

from urllib.parse import urlsplit

import pytest

from consultas.models import Consulta, Mensaje
from consultas.remotas import correo as servicio_correo
from consultas.remotas import servicios as remotas
from tests.consultas.remotas.correos import correo, leer

pytestmark = pytest.mark.django_db


def _consulta_leida(servidor_imap, crudo) -> Consulta:
    servidor_imap.entregar(servidor_imap.usuario, crudo)
    assert leer()[0] == 0
    return Consulta.objects.get()


def test_lower_case_code_in_subject_joins_the_thread(servidor_imap):
    consulta = _consulta_leida(servidor_imap, correo("<primero@example.org>"))
    servidor_imap.entregar(
        servidor_imap.usuario,
        correo("<segundo@example.org>", asunto=f"mi consulta {consulta.codigo.lower()}"),
    )
    leer()
    assert Consulta.objects.count() == 1
    assert consulta.mensajes.filter(message_id="<segundo@example.org>").exists()


def test_in_reply_to_without_angle_brackets_joins_the_thread(
    servidor_imap, servidor_smtp, asesor_a
):
    consulta = _consulta_leida(servidor_imap, correo("<inicio@example.org>"))
    respuesta = remotas.responder(consulta, asesor_a, "Necesita una visa temporaria.")
    desnudo = respuesta.message_id.strip("<>")
    servidor_imap.entregar(
        servidor_imap.usuario,
        correo("<replica@example.org>", asunto="Gracias", In_Reply_To=desnudo),
    )
    leer()
    assert Consulta.objects.count() == 1
    assert consulta.mensajes.filter(message_id="<replica@example.org>").exists()


def test_message_without_message_id_through_two_aliases_is_stored_once(servidor_imap):
    base = correo(None, cuerpo="Quiero información sobre el convenio con España.")
    for alias in (b"infomigra@trabajo.example", b"orientacion@trabajo.example"):
        servidor_imap.entregar(
            servidor_imap.usuario,
            b"Received: from mx.example.org by imap.trabajo.example; Mon, 30 Nov 2026\r\n"
            b"Delivered-To: " + alias + b"\r\n" + base,
        )
    leer()
    assert Consulta.objects.count() == 1
    assert Mensaje.objects.filter(direccion="entrada").count() == 1


def test_relayed_form_is_answered_to_the_person_in_reply_to(servidor_imap, servidor_smtp, asesor_a):
    consulta = _consulta_leida(
        servidor_imap,
        correo(
            "<formulario@formularios.example.com>",
            de="Formulario web <no-reply@formularios.example.com>",
            Reply_To="Pedro Huamán <pedro.huaman@example.pe>",
            asunto="Nuevo mensaje del formulario de contacto",
        ),
    )
    assert consulta.email == "pedro.huaman@example.pe" and consulta.nombre == "Pedro Huamán"
    remotas.responder(consulta, asesor_a, "Hola Pedro, le respondemos.")
    respuesta = servidor_smtp.recibidos[-1]
    assert respuesta["To"] == "pedro.huaman@example.pe"
    assert "no-reply" not in str(respuesta["To"])


def test_follow_up_from_another_address_is_answered_there(
    servidor_imap, servidor_smtp, asesor_a, client
):
    consulta = _consulta_leida(servidor_imap, correo("<a1@example.org>"))
    primera = remotas.responder(consulta, asesor_a, "Primera respuesta.")
    servidor_imap.entregar(
        servidor_imap.usuario,
        correo(
            "<a2@example.org>",
            de="Luis Mamani <luis.trabajo@example.com>",
            asunto=f"Re: {primera.asunto}",
            cuerpo="Le escribo desde mi correo del trabajo.",
            In_Reply_To=primera.message_id,
        ),
    )
    leer()
    remotas.responder(consulta, asesor_a, "Segunda respuesta.")
    assert servidor_smtp.recibidos[-1]["To"] == "luis.trabajo@example.com"

    ruta = urlsplit(servicio_correo.url_seguimiento(consulta)).path
    html = client.get(ruta).content.decode()
    assert "Tú escribiste" not in html
    assert "Usted escribió" in html
    assert "Mensaje recibido desde luis.trabajo@example.com" in html
