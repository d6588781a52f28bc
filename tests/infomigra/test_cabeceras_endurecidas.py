"""Session cookie ends with the browser, no server banner, no open CORS on static files, HSTS
preload opt-in, and the second factor in front of password change."""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.test import Client

from tests.conftest import CLAVE, crear_usuario, dar_doble_factor
from tests.infomigra.ayudas import leer_ajuste
from tests.servidores import esperar_puerto, puerto_libre

pytestmark = pytest.mark.django_db
RAIZ = Path(__file__).resolve().parents[2]


def test_session_cookie_ends_with_the_browser(client, asesor_a):
    respuesta = client.post("/cuentas/login/", {"username": "asesor_a", "password": CLAVE})
    cookie = respuesta.cookies["sessionid"]
    assert cookie.value
    assert cookie["expires"] == "" and cookie["max-age"] == ""


def test_hsts_preload_is_opt_in():
    assert leer_ajuste("s.SECURE_HSTS_PRELOAD") == "False"
    assert leer_ajuste("s.SECURE_HSTS_PRELOAD", HSTS_PRELOAD="1") == "True"


def test_static_files_are_not_open_to_every_origin(settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    respuesta = Client().get("/static/css/infomigra.css")
    assert respuesta.status_code == 200
    assert "Access-Control-Allow-Origin" not in respuesta.headers


def test_password_change_needs_the_second_factor(client, sede_a):
    from infomigra.vocabulario import ROL_ASESOR

    usuario = crear_usuario("cambio", ROL_ASESOR, sede_a)
    dar_doble_factor(usuario)
    client.post("/cuentas/login/", {"username": "cambio", "password": CLAVE})
    respuesta = client.get("/cuentas/password_change/")
    assert respuesta.status_code == 302
    assert urlparse(respuesta["Location"]).path == "/cuentas/doble-factor/verificar/"
    nueva = "Otra.Clave.Muy.Larga.77"
    client.post(
        "/cuentas/password_change/",
        {"old_password": CLAVE, "new_password1": nueva, "new_password2": nueva},
    )
    usuario.refresh_from_db()
    assert usuario.check_password(CLAVE)


@pytest.mark.sistema
def test_gunicorn_does_not_name_itself(tmp_path):
    puerto = puerto_libre()
    entorno = {
        **os.environ,
        "SECRET_KEY": "s" * 50,
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proceso = subprocess.Popen(
        [str(gunicorn), "infomigra.wsgi", "--bind", f"127.0.0.1:{puerto}", "--workers", "1"],
        cwd=RAIZ,
        env=entorno,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        esperar_puerto(puerto, proceso)
        try:
            respuesta = urllib.request.urlopen(f"http://127.0.0.1:{puerto}/salud/", timeout=10)
            cabeceras = respuesta.headers
        except urllib.error.HTTPError as error:  # no tables in the empty database: 503
            cabeceras = error.headers
        assert "gunicorn" not in cabeceras.get("Server", "").lower()
    finally:
        proceso.terminate()
        proceso.wait(10)
