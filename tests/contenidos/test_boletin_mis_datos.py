"""A boletín subscriber can, from the link in every edition mail, download their data and
delete their subscription with it (not only unsubscribe): nothing of the address is left in
any table afterwards."""

import json
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from contenidos import boletin as servicio
from contenidos.carga import cargar_todo
from contenidos.models import Suscriptor
from infomigra.correo.models import CorreoSaliente
from tests.volcado import volcado

pytestmark = pytest.mark.django_db

CORREO = "lucia.mamani.quispe@example.org"


@pytest.fixture
def edicion_recibida(client):
    """A subscriber who subscribed, confirmed and received edition 2; returns the link of the
    edition mail (path only)."""
    cargar_todo()
    client.post("/boletin/suscribirse/", {"email": CORREO})
    confirmar = re.search(r"http://\S+?(/boletin/confirmar/\S+?/)", mail.outbox[0].body)
    assert "Suscripción confirmada" in client.get(confirmar.group(1)).content.decode()
    mail.outbox.clear()
    call_command("enviar_boletin", "2", stdout=StringIO())
    edicion = mail.outbox[0]
    assert "Para descargar sus datos o borrar su suscripción con sus datos" in edicion.body
    assert "Descargar o borrar mis datos" in edicion.alternatives[0][0]
    return re.search(r"http://\S+?(/boletin/baja/\S+?/)", edicion.body).group(1)


def test_subscriber_downloads_their_data_from_the_mail_link(client, edicion_recibida):
    pagina = client.get(edicion_recibida).content.decode()
    assert "Descargar mis datos" in pagina and "Borrar mi suscripción y mis datos" in pagina
    respuesta = client.post(edicion_recibida, {"accion": "datos"})
    assert respuesta["Content-Type"] == "application/json"
    assert "attachment" in respuesta["Content-Disposition"]
    datos = json.loads(respuesta.content)
    assert datos["email"] == CORREO and datos["temas"] == []
    assert datos["confirmado_el"] and datos["ediciones_recibidas"] == [2]
    assert Suscriptor.objects.get().activo  # downloading changes nothing


def test_deleting_needs_confirmation_then_leaves_no_trace(client, edicion_recibida):
    sin_confirmar = client.post(edicion_recibida, {"accion": "borrar"})
    assert sin_confirmar.status_code == 400
    assert "Marque la confirmación" in sin_confirmar.content.decode()
    assert Suscriptor.objects.exists()
    assert CorreoSaliente.objects.filter(destinatario=CORREO).exists()  # the confirmation
    assert CORREO in volcado()

    respuesta = client.post(edicion_recibida, {"accion": "borrar", "confirmar": "on"})
    assert "Se borraron su suscripción y sus datos" in respuesta.content.decode()
    assert not Suscriptor.objects.exists()
    texto = volcado()
    assert CORREO not in texto
    assert edicion_recibida.split("/")[-2] not in texto  # nor the private token
    assert client.get(edicion_recibida).status_code == 404


def test_one_click_unsubscribe_still_only_unsubscribes(client, edicion_recibida):
    respuesta = client.post(edicion_recibida, {"List-Unsubscribe": "One-Click"})
    assert "Se dio de baja" in respuesta.content.decode()
    suscriptor = Suscriptor.objects.get()
    assert not suscriptor.activo and suscriptor.email == CORREO
    assert servicio.suscriptores_de(CORREO.upper()).get() == suscriptor
