"""The confirmation page shows the code once and leaves the visitor without a session cookie,
so their next public pages come from the edge cache again (a session cookie bypasses it)."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing

from consultas.models import Consulta
from consultas.remotas.forms import SAL_MARCA
from contenidos.models import Tema
from tests.conftest import sesion_verificada

pytestmark = pytest.mark.django_db

URL = "/consulta/"
ENVIADA = "/consulta/enviada/"
SESION = settings.SESSION_COOKIE_NAME


def enviar(client, email="rosa@example.org"):
    tema = Tema.objects.get_or_create(codigo="empleo-exterior", defaults={"nombre": "Empleo"})[0]
    respuesta = client.post(
        URL,
        {
            "tipo_migrante": "potencial",
            "pais": "ES",
            "tema": tema.pk,
            "pregunta": "¿Qué necesito para trabajar en España como enfermera?",
            "email": email,
            "consentimiento": "on",
            "marca": signing.dumps(time.time() - 10, salt=SAL_MARCA),
        },
    )
    assert respuesta.status_code == 302 and respuesta["Location"] == ENVIADA
    return Consulta.objects.get(email=email)


def test_the_code_is_shown_once_then_the_session_and_its_cookie_are_gone(client):
    consulta = enviar(client)
    assert SESION in client.cookies and Session.objects.count() == 1

    respuesta = client.get(ENVIADA)
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert consulta.codigo in html and consulta.enlace_seguimiento.token in html
    # The browser is told to drop the cookie, and the session (email, private link) is deleted.
    assert respuesta.cookies[SESION].value == "" and respuesta.cookies[SESION]["max-age"] == 0
    assert Session.objects.count() == 0
    assert "no-store" in respuesta["Cache-Control"]


def test_a_reload_says_where_the_code_is_instead_of_showing_it(client):
    consulta = enviar(client)
    client.get(ENVIADA)

    respuesta = client.get(ENVIADA)
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Su código ya se mostró" in html
    assert "correo de confirmación" in html and settings.SERVICIO_CORREO in html
    assert consulta.codigo not in html and consulta.enlace_seguimiento.token not in html
    # No session is started again (the test client still sends the emptied cookie).
    assert SESION not in respuesta.cookies or respuesta.cookies[SESION].value == ""
    assert Session.objects.count() == 0


def test_without_a_consultation_the_page_says_where_the_code_is(client):
    respuesta = client.get(ENVIADA)
    assert respuesta.status_code == 200
    assert "Su código ya se mostró" in respuesta.content.decode()
    assert not respuesta.cookies


def test_a_head_request_does_not_use_the_code_up(client):
    consulta = enviar(client)
    assert client.head(ENVIADA).status_code == 200
    assert consulta.codigo in client.get(ENVIADA).content.decode()


def test_a_staff_member_sending_the_form_stays_logged_in(client, asesor_a):
    sesion_verificada(client, asesor_a)
    consulta = enviar(client, email="asesora@example.org")

    respuesta = client.get(ENVIADA)
    assert consulta.codigo in respuesta.content.decode()
    # The session is kept (only the key is taken out): the cookie is not deleted.
    assert SESION not in respuesta.cookies or respuesta.cookies[SESION].value
    assert client.get("/gestion/").status_code == 200
    assert consulta.codigo not in client.get(ENVIADA).content.decode()
