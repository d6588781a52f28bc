"""A live gunicorn with DEBUG off and the production middleware and headers (plain HTTP on
loopback), a fresh database with the demo content, and helpers to drive it from Chromium.

The outgoing SMTP server is a loopback port nobody listens on: mail is always down here.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servidores import base_nueva, esperar_puerto, puerto_libre

RAIZ = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
ANCHO, ALTO = 360, 740


CLAVE_TOTP = "3132333435363738393031323334353637383930"


class Sitio:
    """The running site: its base URL and a way to run management commands against it."""

    def __init__(self, url, entorno):
        self.url = url
        self.entorno = entorno
        self.puerto_smtp = int(entorno["EMAIL_PORT"])
        self.clave_asesora = ""

    def manage(self, *argumentos, entrada=None):
        resultado = subprocess.run(
            [sys.executable, "manage.py", *argumentos],
            cwd=RAIZ,
            env=self.entorno,
            input=entrada,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert resultado.returncode == 0, resultado.stderr[-3000:]
        return resultado.stdout

    def consultar(self, codigo_python):
        """Run Python in a Django shell against the site's database; returns what it prints."""
        return self.manage("shell", "--no-imports", "-c", codigo_python).strip()


@pytest.fixture(scope="session")
def sitio(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("recorridos")
    url_base, borrar = base_nueva(carpeta, "recorridos")
    puerto, puerto_smtp = puerto_libre(), puerto_libre()
    entorno = {
        **os.environ,
        "DATABASE_URL": url_base,
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": "r" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{puerto}",
        "STATIC_ROOT": str(carpeta / "estaticos"),
        "SERVICIO_CORREO": "infomigra@trabajo.example",
        "DEFAULT_FROM_EMAIL": "INFOMIGRA <infomigra@trabajo.example>",
        # Mail is down: nobody listens on this port.
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(puerto_smtp),
        "EMAIL_TIMEOUT": "3",
        "CONSULTA_TIEMPO_MINIMO": "1",
        "CONSULTA_LIMITE_POR_HORA": "50",
        "VISITAS_ACTIVAS": "0",
    }
    entorno.pop("DJANGO_SETTINGS_MODULE", None)
    sitio = Sitio(f"http://127.0.0.1:{puerto}", entorno)
    sitio.manage("migrate", "--noinput")
    salida = sitio.manage("cargar_demo", "--demo", "--consultas", "0")
    for linea in salida.splitlines():  # the logins come once, in a box, with random passwords
        partes = linea.strip("| ").split()
        if partes[:1] == ["asesora"]:
            sitio.clave_asesora = partes[-1]
    # Every staff role needs two-step verification: the advisor gets an authenticator with a
    # known key, so the journey types the current code as a person reads it from the phone.
    sitio.consultar(
        "from django.contrib.auth import get_user_model; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        "TOTPDevice.objects.create(user=get_user_model().objects.get(username='asesora'), "
        f"name='teléfono', key='{CLAVE_TOTP}', confirmed=True)"
    )
    sitio.manage("collectstatic", "--noinput", "--verbosity", "0")
    # The server's log goes to a file: a pipe nobody reads fills up and blocks the workers.
    registro = open(carpeta / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    proceso = subprocess.Popen(
        [str(GUNICORN), "infomigra.wsgi", "--bind", f"127.0.0.1:{puerto}", "--workers", "2"],
        cwd=RAIZ,
        env=entorno,
        stdout=registro,
        stderr=subprocess.STDOUT,
    )
    try:
        esperar_puerto(puerto, proceso, segundos=60)
        yield sitio
    finally:
        proceso.terminate()
        proceso.wait(30)
        registro.close()
        borrar()


@pytest.fixture
def movil(navegador):
    """A phone-sized Spanish browser page (360×740)."""
    contexto = navegador.new_context(
        locale="es-PE", viewport={"width": ANCHO, "height": ALTO}, is_mobile=True, has_touch=True
    )
    page = contexto.new_page()
    page.set_default_timeout(15_000)
    yield page
    contexto.close()


@pytest.fixture
def movil_ingles(navegador):
    """A phone-sized browser whose language is English (Accept-Language: en-US)."""
    contexto = navegador.new_context(
        locale="en-US", viewport={"width": ANCHO, "height": ALTO}, is_mobile=True, has_touch=True
    )
    page = contexto.new_page()
    page.set_default_timeout(15_000)
    yield page
    contexto.close()


@pytest.fixture
def sin_js(navegador):
    contexto = navegador.new_context(
        locale="es-PE", viewport={"width": ANCHO, "height": ALTO}, java_script_enabled=False
    )
    page = contexto.new_page()
    page.set_default_timeout(15_000)
    yield page
    contexto.close()
