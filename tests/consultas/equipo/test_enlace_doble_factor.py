"""A Responsable mails a new staff member the one-time link that enrols their first 2FA device
(through the outgoing-mail queue); the link works for that user only."""

import re

import pytest
from django.core import mail
from django.forms.models import model_to_dict

from infomigra.correo import cola
from infomigra.correo.models import CorreoSaliente
from infomigra.cuentas.models import EnlaceAlta
from infomigra.vocabulario import ROL_ASESOR, ROL_RESPONSABLE
from tests.conftest import CLAVE, crear_usuario
from tests.servidores_correo import puerto_libre
from tests.volcado import volcado

pytestmark = pytest.mark.django_db


def url_de(pk):
    return f"/gestion/equipo/usuarios/{pk}/enlace-doble-factor/"


@pytest.fixture
def nuevo(sede_a):
    usuario = crear_usuario("nuevo.asesor", ROL_ASESOR, sede_a)
    usuario.email = "nuevo.asesor@example.org"
    usuario.save()
    return usuario


def test_responsable_mails_the_link_and_it_enrols_that_user(cliente_de, responsable, nuevo, client):
    lista = cliente_de(responsable).get("/gestion/equipo/").content.decode()
    assert url_de(nuevo.pk) in lista and "Enviar enlace de activación" in lista
    assert url_de(responsable.pk) not in lista  # has a device already
    respuesta = client.post(url_de(nuevo.pk), follow=True)
    assert "Se envió a nuevo.asesor@example.org el enlace" in respuesta.content.decode()
    assert CorreoSaliente.objects.filter(destinatario="nuevo.asesor@example.org").exists()
    [correo] = mail.outbox
    assert correo.to == ["nuevo.asesor@example.org"]
    ruta = re.search(r"http://\S+?(/cuentas/doble-factor/alta/\S+?/)", correo.body).group(1)
    assert ruta.split("/")[-2] not in EnlaceAlta.objects.get().token_hash

    client.logout()
    client.post("/cuentas/login/", {"username": "nuevo.asesor", "password": CLAVE})
    assert client.get(ruta)["Location"] == "/cuentas/doble-factor/"
    assert "otpauth://" in client.get("/cuentas/doble-factor/").content.decode()


def test_the_queue_never_holds_the_link_and_the_mail_sent_later_works(
    settings, servidor_smtp, cliente_de, responsable, nuevo, client
):
    smtp_real = settings.EMAIL_PORT
    settings.EMAIL_PORT = puerto_libre()  # mail is down: the link waits in the queue
    cliente_de(responsable).post(url_de(nuevo.pk))
    guardado = CorreoSaliente.objects.get(destinatario="nuevo.asesor@example.org")
    campos = repr(model_to_dict(guardado))
    assert "/doble-factor/alta/" not in campos and "/doble-factor/alta/" not in volcado()
    assert guardado.enviado_el is None and guardado.objeto == EnlaceAlta.objects.get()

    settings.EMAIL_PORT = smtp_real
    assert cola.reenviar_pendientes() == (1, [])
    [recibido] = servidor_smtp.recibidos
    cuerpo = recibido.get_body(preferencelist=("plain",)).get_content()
    ruta = re.search(r"http://\S+?(/cuentas/doble-factor/alta/(\S+?)/)", cuerpo)
    assert ruta.group(2) not in volcado()  # only its hash is stored
    guardado.refresh_from_db()
    assert guardado.enviado_el is not None and guardado.texto == guardado.html == ""

    client.post("/cuentas/login/", {"username": "nuevo.asesor", "password": CLAVE})
    assert client.get(ruta.group(1))["Location"] == "/cuentas/doble-factor/"


def test_a_new_link_drops_the_unsent_mail_of_the_old_one(settings, cliente_de, responsable, nuevo):
    settings.EMAIL_PORT = puerto_libre()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    cliente_de(responsable).post(url_de(nuevo.pk))
    cliente_de(responsable).post(url_de(nuevo.pk))
    [pendiente] = CorreoSaliente.objects.por_enviar()
    assert pendiente.objeto == EnlaceAlta.objects.get(usuario=nuevo)


def test_only_a_responsable_and_never_for_another_responsable(cliente_de, asesor_a, nuevo, sede_a):
    assert cliente_de(asesor_a).post(url_de(nuevo.pk)).status_code == 403
    otra = crear_usuario("otra.jefa", ROL_RESPONSABLE, sede_a)
    otra.email = "otra@example.org"
    otra.save()
    jefa = crear_usuario("jefa", ROL_RESPONSABLE, sede_a)
    from tests.conftest import dar_doble_factor

    dar_doble_factor(jefa)
    assert cliente_de(jefa).post(url_de(otra.pk)).status_code == 403
    assert not EnlaceAlta.objects.exists() and mail.outbox == []


def test_without_email_the_responsable_is_told(cliente_de, responsable, nuevo):
    nuevo.email = ""
    nuevo.save()
    respuesta = cliente_de(responsable).post(url_de(nuevo.pk), follow=True)
    assert "no tiene correo electrónico" in respuesta.content.decode()
    assert not EnlaceAlta.objects.exists()
