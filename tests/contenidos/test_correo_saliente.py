"""The portal's outgoing mail queue against a real SMTP server: stored first, a failure never
reaches the page, retried later, delivered exactly once."""

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command

from contenidos import correo
from contenidos.models import CorreoSaliente
from tests.servidores import puerto_libre

pytestmark = pytest.mark.django_db


def mensaje(destino="ana@example.org"):
    m = EmailMultiAlternatives("Asunto", "Texto", to=[destino], headers={"X-Prueba": "1"})
    m.attach_alternative("<p>Texto</p>", "text/html")
    return m


def test_a_failed_mail_is_kept_and_a_retry_delivers_it_once(settings, servidor_smtp):
    smtp_real = settings.EMAIL_PORT
    settings.EMAIL_PORT = puerto_libre()  # nobody listens: mail is down
    assert correo.encolar_y_enviar(mensaje()) is False
    guardado = CorreoSaliente.objects.get()
    assert guardado.enviado_el is None and guardado.intentos == 1
    assert "ConnectionRefusedError" in guardado.ultimo_error

    settings.EMAIL_PORT = smtp_real
    assert correo.reenviar_pendientes() == (1, 0)
    assert correo.reenviar_pendientes() == (0, 0)
    assert correo.enviar(guardado.pk) is False  # already sent: never twice
    assert len(servidor_smtp.recibidos) == 1
    recibido = servidor_smtp.recibidos[0]
    assert recibido["To"] == "ana@example.org" and recibido["X-Prueba"] == "1"
    assert recibido.get_body(preferencelist=("html",)) is not None


def test_a_claimed_mail_is_not_sent_by_another_process(settings, servidor_smtp):
    guardado = correo.encolar(mensaje())
    assert correo._reclamar(guardado.pk) is True
    assert correo.enviar(guardado.pk) is False  # someone else holds the claim
    assert servidor_smtp.recibidos == []


def test_the_retry_command_covers_portal_mail(settings, servidor_smtp):
    smtp_real = settings.EMAIL_PORT
    settings.EMAIL_PORT = puerto_libre()
    correo.encolar_y_enviar(mensaje("luis@example.org"))
    settings.EMAIL_PORT = smtp_real
    call_command("reenviar_pendientes")
    assert [m["To"] for m in servidor_smtp.recibidos] == ["luis@example.org"]
