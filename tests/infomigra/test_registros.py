"""Structured logs: one JSON line per request, never personal data; errors with tracebacks."""

import json
import logging

import pytest
from django.urls import path

from infomigra.registros import FormateadorJSON
from infomigra.urls import urlpatterns as urls_del_proyecto

pytestmark = pytest.mark.django_db


def falla(request):
    raise RuntimeError("fallo de prueba")


urlpatterns = [path("falla/", falla), *urls_del_proyecto]


def lineas(caplog, registro="infomigra.peticiones"):
    formato = FormateadorJSON()
    return [json.loads(formato.format(r)) for r in caplog.records if r.name == registro]


def test_one_json_line_per_request_without_query_string(client, caplog):
    caplog.set_level(logging.INFO, logger="infomigra.peticiones")
    client.get("/salud/?email=persona@example.com&nombre=Ana")
    [linea] = lineas(caplog)
    assert linea["method"] == "GET"
    assert linea["path"] == "/salud/"
    assert linea["status"] == 200
    assert isinstance(linea["duration_ms"], float)
    assert linea["user_id"] is None
    texto = json.dumps(linea)
    assert "persona@example.com" not in texto and "Ana" not in texto
    assert "127.0.0.1" not in texto


def test_request_line_has_user_id_and_no_form_data(cliente_de, asesor_a, caplog):
    cliente = cliente_de(asesor_a)
    caplog.set_level(logging.INFO, logger="infomigra.peticiones")
    cliente.post("/cuentas/login/", {"username": "asesor_a", "password": "secreta-123"})
    [linea] = lineas(caplog)
    assert linea["user_id"] == asesor_a.pk
    assert "secreta-123" not in json.dumps(linea)
    assert "asesor_a" not in json.dumps(linea)


def test_server_error_is_logged_with_traceback(client, caplog, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    caplog.set_level(logging.INFO)
    respuesta = client.get("/falla/?token=abc")
    assert respuesta.status_code == 500
    [linea] = lineas(caplog)
    assert linea["status"] == 500 and linea["path"] == "/falla/"
    [error] = lineas(caplog, "django.request")
    assert error["level"] == "ERROR"
    assert "RuntimeError: fallo de prueba" in error["traceback"]
    assert "Traceback" in error["traceback"]


def test_console_handler_writes_json(settings):
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    registro = logging.makeLogRecord({"name": "x", "levelname": "INFO", "msg": "hola %s"})
    registro.args = ("mundo",)
    assert json.loads(FormateadorJSON().format(registro))["message"] == "hola mundo"
