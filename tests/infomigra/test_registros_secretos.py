"""Logs never carry the secrets of a URL (follow-up, password-reset and boletín tokens), full IP
addresses, nor a traceback for a refused (403) request."""

import io
import json
import logging

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from infomigra.registros import FormateadorJSON, enmascarar

pytestmark = pytest.mark.django_db


@pytest.fixture
def salida():
    """Every log line, formatted as in production (JSON on the console handler)."""
    flujo = io.StringIO()
    manejador = logging.StreamHandler(flujo)
    manejador.setFormatter(FormateadorJSON())
    raiz = logging.getLogger()
    nivel = raiz.level
    raiz.addHandler(manejador)
    raiz.setLevel(logging.INFO)
    yield flujo
    raiz.removeHandler(manejador)
    raiz.setLevel(nivel)


def _lineas(flujo):
    return [json.loads(linea) for linea in flujo.getvalue().splitlines() if linea]


def test_follow_up_token_is_logged_as_the_url_pattern(client, salida, sede_a):
    from consultas.models import Consulta
    from consultas.models.remotas import EnlaceSeguimiento

    consulta = Consulta.objects.create(canal="web", sede=sede_a, tipo_migrante="potencial")
    token = EnlaceSeguimiento.para(consulta).token
    assert client.get(f"/consulta/seguimiento/{token}/").status_code == 200
    assert client.get(f"/consulta/seguimiento/{token[:-4]}abcd/").status_code == 404
    texto = salida.getvalue()
    assert token not in texto and token[:-4] not in texto
    peticiones = [linea for linea in _lineas(salida) if linea["logger"] == "infomigra.peticiones"]
    assert peticiones[0]["path"] == "/consulta/seguimiento/<str:token>/"
    assert peticiones[0]["route"] == "portal_consulta:seguimiento"


def test_password_reset_token_never_reaches_the_log(client, salida, asesor_a):
    uid = urlsafe_base64_encode(force_bytes(asesor_a.pk))
    token = default_token_generator.make_token(asesor_a)
    respuesta = client.get(f"/cuentas/reset/{uid}/{token}/")
    assert respuesta.status_code == 302  # to the set-password form
    assert token not in salida.getvalue()
    assert "/cuentas/reset/<uidb64>/<token>/" in salida.getvalue()


def test_boletin_tokens_never_reach_the_log(client, salida):
    from contenidos.boletin import token_confirmacion
    from contenidos.models import Suscriptor

    suscriptor = Suscriptor.objects.create(email="lectora@example.org")
    confirmar = token_confirmacion(suscriptor)
    client.get(f"/boletin/confirmar/{confirmar}/")
    client.get(f"/boletin/baja/{suscriptor.token}/")
    client.get(f"/boletin/baja/{suscriptor.token}x/no-existe/")  # unresolved: masked path
    texto = salida.getvalue()
    assert confirmar not in texto and suscriptor.token not in texto
    assert confirmar.split(":")[0] not in texto  # the email, base64-encoded


def test_masking_keeps_words_and_slugs():
    assert enmascarar("GET /videos/la-tarjeta-del-migrante-retornado/ 200") == (
        "GET /videos/la-tarjeta-del-migrante-retornado/ 200"
    )
    assert enmascarar("Not Found: /consulta/seguimiento/3f9a0c1e2b4d5f6a7b8c9d0e/") == (
        "Not Found: /consulta/seguimiento/***/"
    )
    assert enmascarar("de 203.0.113.57 y 2001:db8:85a3:8d3:1319:8a2e:370:7348") == (
        "de 203.0.113.0 y 2001:db8:85a3::"
    )


def test_a_login_failure_logs_a_masked_address(client, salida, asesor_a):
    client.post(
        "/cuentas/login/",
        {"username": "asesor_a", "password": "mala"},
        REMOTE_ADDR="203.0.113.57",
    )
    texto = salida.getvalue()
    assert "203.0.113.57" not in texto
    assert "203.0.113.0" in texto


def test_a_refused_request_logs_one_line_without_traceback(cliente_de, asesor_a, salida):
    assert cliente_de(asesor_a).get("/gestion/auditoria/").status_code == 403
    [rechazo] = [linea for linea in _lineas(salida) if linea["logger"] == "django.request"]
    assert rechazo["level"] == "WARNING"
    assert "traceback" not in rechazo


def test_deployment_guide_keeps_paths_out_of_access_logs():
    from django.conf import settings

    guia = (settings.BASE_DIR / "docs" / "despliegue.md").read_text()
    assert "--access-logfile -" not in guia
    assert (
        "log_format infomigra" in guia and "$request_uri" not in guia.split("log_format")[1][:200]
    )
