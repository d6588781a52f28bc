"""The staff personal-data page finds a boletín subscriber by email, exports their data and
deletes the subscription with the mails stored for it: nothing of the address survives in any
table."""

import json

import pytest

from consultas.privacidad.auditoria import RegistroAcceso
from contenidos import boletin
from contenidos.models import Suscriptor, Tema
from infomigra.correo.models import CorreoSaliente
from tests.volcado import volcado

pytestmark = pytest.mark.django_db

CORREO = "jorge.condori.apaza@example.org"
URL = "/gestion/datos-personales/"


@pytest.fixture
def suscriptor(db):
    # A real subscription: the confirmation mail is stored in the outgoing queue too.
    nuevo = boletin.suscribir(CORREO, [Tema.objects.get(codigo="retorno")], "es")
    boletin.confirmar(nuevo)
    assert CorreoSaliente.objects.filter(destinatario=CORREO).exists()
    return nuevo


def test_staff_finds_a_subscriber_and_the_view_is_logged(cliente_de, responsable, suscriptor):
    html = cliente_de(responsable).post(URL, {"email": CORREO.upper()}).content.decode()
    assert "Suscripción al boletín" in html and CORREO in html
    assert RegistroAcceso.objects.filter(accion="ver", objeto=f"boletin-{suscriptor.pk}").exists()


def test_staff_exports_the_subscriber(cliente_de, responsable, suscriptor):
    respuesta = cliente_de(responsable).post(URL, {"email": CORREO, "accion": "exportar"})
    datos = json.loads(respuesta.content)
    [exportado] = datos["otros_servicios"]["boletin"]
    assert exportado["email"] == CORREO and exportado["temas"] == ["retorno"]
    assert exportado["confirmado_el"]


def test_staff_deletes_the_subscriber_and_nothing_is_left(cliente_de, responsable, suscriptor):
    assert CORREO in volcado()
    respuesta = cliente_de(responsable).post(
        URL, {"email": CORREO, "accion": "eliminar", "confirmar": "on"}, follow=True
    )
    assert "1 suscripciones al boletín" in respuesta.content.decode()
    assert not Suscriptor.objects.exists()
    assert not CorreoSaliente.objects.filter(destinatario__iexact=CORREO).exists()
    texto = volcado()
    assert CORREO not in texto
    assert suscriptor.token not in texto
