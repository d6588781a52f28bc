"""While the database is down or restarting, pages answer 503 with Retry-After and a friendly
page, not a 500."""

import pytest
from django.db import OperationalError
from django.db.backends import utils
from django.urls import path

from infomigra.urls import urlpatterns as urls_del_proyecto

pytestmark = pytest.mark.django_db


def falla(request):
    raise RuntimeError("fallo de prueba")


urlpatterns = [path("falla/", falla), *urls_del_proyecto]


@pytest.fixture
def base_caida(monkeypatch):
    def sin_conexion(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(utils.CursorWrapper, "execute", sin_conexion)
    monkeypatch.setattr(utils.CursorWrapper, "executemany", sin_conexion)


@pytest.mark.parametrize("ruta", ["/", "/preguntas-frecuentes/", "/cuentas/login/"])
def test_database_outage_answers_503_with_retry_after(client, base_caida, ruta):
    client.raise_request_exception = False
    respuesta = client.get(ruta)
    assert respuesta.status_code == 503
    assert respuesta["Retry-After"] == "30"
    html = respuesta.content.decode()
    assert "Volvemos en un momento" in html
    assert "Connection refused" not in html


def test_other_faults_still_answer_500(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    respuesta = client.get("/falla/")
    assert respuesta.status_code == 500
    assert "Retry-After" not in respuesta.headers
