"""The one outgoing-mail queue against a real SMTP server (aiosmtpd): stored first, a failure
never reaches the caller, retried later, given up after CORREO_MAX_INTENTOS with its owner
told, delivered exactly once."""

from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.utils import timezone

from contenidos import boletin
from contenidos.models import Suscriptor
from infomigra.correo import cola
from infomigra.correo.models import CorreoSaliente
from tests.servidores_correo import puerto_libre

pytestmark = pytest.mark.django_db


def mensaje(destino="ana@example.org"):
    m = EmailMultiAlternatives("Asunto", "Texto", to=[destino], headers={"X-Prueba": "1"})
    m.attach_alternative("<p>Texto</p>", "text/html")
    return m


def test_a_failed_mail_is_kept_and_a_retry_delivers_it_once(settings, servidor_smtp):
    smtp_real = settings.EMAIL_PORT
    settings.EMAIL_PORT = puerto_libre()  # nobody listens: mail is down
    assert cola.encolar_y_enviar(mensaje()) is False
    guardado = CorreoSaliente.objects.get()
    assert guardado.enviado_el is None and guardado.intentos == 1
    assert "ConnectionRefusedError" in guardado.ultimo_error

    settings.EMAIL_PORT = smtp_real
    assert cola.reenviar_pendientes() == (1, [])
    assert cola.reenviar_pendientes() == (0, [])
    assert cola.enviar(guardado.pk) is False  # already sent: never twice
    assert len(servidor_smtp.recibidos) == 1
    recibido = servidor_smtp.recibidos[0]
    assert recibido["To"] == "ana@example.org" and recibido["X-Prueba"] == "1"
    assert recibido.get_body(preferencelist=("html",)) is not None
    # The Message-ID stored is the one sent, on the service's own domain.
    guardado.refresh_from_db()
    assert recibido["Message-ID"] == guardado.message_id
    assert guardado.message_id.endswith(f"@{cola.dominio_de_correo()}>")
    assert guardado.enviado_el is not None and guardado.ultimo_error == ""


def test_a_claimed_mail_is_not_sent_by_another_process(servidor_smtp):
    guardado = cola.encolar_mensaje(mensaje())
    assert cola.reclamar(CorreoSaliente.objects.por_enviar(), guardado.pk) is True
    assert cola.enviar(guardado.pk) is False  # someone else holds the claim
    assert cola.reenviar_pendientes() == (0, [])  # held, not failed
    assert servidor_smtp.recibidos == []


def test_the_claim_of_a_sender_that_died_is_retaken(servidor_smtp):
    guardado = cola.encolar_mensaje(mensaje())
    viejo = timezone.now() - cola.RECLAMO_CADUCA - timedelta(seconds=1)
    CorreoSaliente.objects.filter(pk=guardado.pk).update(reclamado_el=viejo, intentos=1)
    assert cola.enviar(guardado.pk) is True
    assert len(servidor_smtp.recibidos) == 1
    assert CorreoSaliente.objects.get().intentos == 2


def test_the_last_failure_gives_up_and_tells_the_owner(settings, servidor_smtp, monkeypatch):
    settings.CORREO_MAX_INTENTOS = 2
    avisos = []
    monkeypatch.setattr(
        Suscriptor,
        "correo_fallido",
        lambda self, correo, definitivo: avisos.append((self.email, correo.pk, definitivo)),
        raising=False,
    )
    servidor_smtp.rechazar.add("nadie@example.org")
    suscriptor = boletin.suscribir("nadie@example.org", [], "es")
    correo = CorreoSaliente.objects.get()
    assert correo.objeto == suscriptor and correo.intentos == 1
    assert avisos == [("nadie@example.org", correo.pk, False)]

    assert cola.reenviar_pendientes() == (0, [correo])
    correo.refresh_from_db()
    assert correo.abandonado_el is not None and correo.intentos == 2
    assert "destinatario rechazado (550" in correo.ultimo_error
    assert avisos[-1] == ("nadie@example.org", correo.pk, True)
    # Given up: never tried again.
    assert cola.reenviar_pendientes() == (0, [])
    assert cola.enviar(correo.pk) is False
    assert CorreoSaliente.objects.get().intentos == 2 and servidor_smtp.recibidos == []


def test_the_owner_is_told_of_the_delivery(servidor_smtp, monkeypatch):
    entregados = []
    monkeypatch.setattr(
        Suscriptor, "correo_enviado", lambda self, correo: entregados.append(correo.pk),
        raising=False,
    )  # fmt: skip
    boletin.suscribir("luz@example.org", [], "es")
    assert entregados == [CorreoSaliente.objects.get().pk]
    assert len(servidor_smtp.recibidos) == 1


def test_an_owner_mail_is_rendered_when_sent_and_stores_no_link(settings, servidor_smtp):
    smtp_real = settings.EMAIL_PORT
    settings.EMAIL_PORT = puerto_libre()
    boletin.suscribir("rosa@example.org", [], "es")
    fila = repr(CorreoSaliente.objects.values().get())
    assert "/boletin/" not in fila and "http" not in fila  # no link kept in the table
    settings.EMAIL_PORT = smtp_real
    assert cola.reenviar_pendientes() == (1, [])
    texto = servidor_smtp.recibidos[0].get_body(preferencelist=("plain",)).get_content()
    assert "/boletin/confirmar/" in texto


def test_a_mail_whose_owner_is_gone_is_recorded_not_lost(settings, servidor_smtp):
    smtp_real = settings.EMAIL_PORT
    settings.EMAIL_PORT = puerto_libre()
    boletin.suscribir("eva@example.org", [], "es").delete()
    settings.EMAIL_PORT = smtp_real
    assert cola.reenviar_pendientes()[0] == 0
    correo = CorreoSaliente.objects.get()
    assert "ya no existe" in correo.ultimo_error and correo.enviado_el is None
    assert servidor_smtp.recibidos == []


def test_the_retry_command_covers_queued_mail(settings, servidor_smtp):
    smtp_real = settings.EMAIL_PORT
    settings.EMAIL_PORT = puerto_libre()
    cola.encolar_y_enviar(mensaje("luis@example.org"))
    settings.EMAIL_PORT = smtp_real
    call_command("reenviar_pendientes")
    assert [m["To"] for m in servidor_smtp.recibidos] == ["luis@example.org"]


def test_forgetting_an_address_drops_unsent_mail_and_empties_sent_mail(settings, servidor_smtp):
    cola.encolar_y_enviar(mensaje("ana@example.org"))
    settings.EMAIL_PORT = puerto_libre()
    cola.encolar_y_enviar(mensaje("ANA@example.org"))
    cola.encolar_y_enviar(mensaje("otra@example.org"))
    assert cola.olvidar_direccion("Ana@Example.org") == 2
    quedan = list(CorreoSaliente.objects.order_by("pk").values_list("destinatario", "texto"))
    assert quedan == [("", ""), ("otra@example.org", "Texto")]
