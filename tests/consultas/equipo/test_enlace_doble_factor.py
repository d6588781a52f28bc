"""A Responsable mails a new staff member the one-time link that enrols their first 2FA device
(through the outgoing-mail queue); the link works for that user only."""

import re

import pytest
from django.core import mail

from infomigra.correo.models import CorreoSaliente
from infomigra.cuentas.models import EnlaceAlta
from infomigra.vocabulario import ROL_ASESOR, ROL_RESPONSABLE
from tests.conftest import CLAVE, crear_usuario

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
