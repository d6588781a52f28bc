"""A person fixes a mistyped address on the private page: undelivered mail goes to the new one
and a new acknowledgement with the private link is delivered there."""

import time

import pytest
from django.core import signing

from consultas.models import Consulta
from consultas.remotas.forms import SAL_MARCA
from contenidos.models import Tema
from tests.servidores import puerto_libre

pytestmark = pytest.mark.django_db


def enviar(client):
    client.post(
        "/consulta/",
        {
            "tipo_migrante": "potencial",
            "pais": "ES",
            "tema": Tema.objects.get(codigo="empleo-exterior").pk,
            "pregunta": "¿Qué necesito para trabajar en España?",
            "email": "rosa@exmaple.org",
            "consentimiento": "on",
            "marca": signing.dumps(time.time() - 10, salt=SAL_MARCA),
        },
    )
    return Consulta.objects.get()


def test_fixing_the_address_redirects_pending_mail_and_acknowledges_again(
    client, settings, servidor_smtp
):
    smtp_real, settings.EMAIL_PORT = settings.EMAIL_PORT, puerto_libre()  # mail down at first
    consulta = enviar(client)
    pagina = client.get("/consulta/enviada/").content.decode()
    assert "rosa@exmaple.org" in pagina
    enlace = f"/consulta/seguimiento/{consulta.enlace_seguimiento.token}/"
    assert f'href="{enlace}"' in pagina

    settings.EMAIL_PORT = smtp_real
    respuesta = client.post(enlace, {"accion": "correo", "email": "rosa@example.org"}, follow=True)
    assert "Guardamos su correo: rosa@example.org" in respuesta.content.decode()
    consulta.refresh_from_db()
    assert consulta.email == "rosa@example.org"
    assert not consulta.mensajes.filter(destinatario="rosa@exmaple.org", enviado_el=None).exists()
    from consultas.remotas.correo import reenviar_pendientes

    reenviar_pendientes()
    destinos = [m["To"] for m in servidor_smtp.recibidos]
    assert destinos == ["rosa@example.org", "rosa@example.org"]
    assert all(enlace in m.get_body(("plain",)).get_content() for m in servidor_smtp.recibidos)


def test_an_invalid_address_is_refused_and_nothing_changes(client):
    consulta = enviar(client)
    enlace = f"/consulta/seguimiento/{consulta.enlace_seguimiento.token}/"
    respuesta = client.post(enlace, {"accion": "correo", "email": "no es un correo"})
    assert respuesta.status_code == 200
    assert "correo electrónico válida" in respuesta.content.decode()
    consulta.refresh_from_db()
    assert consulta.email == "rosa@exmaple.org"
