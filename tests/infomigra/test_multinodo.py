"""Two stateless app nodes (gunicorn on two loopback ports) sharing one database and one Redis.

Runs on the configured database engine: a fresh PostgreSQL database when DATABASE_URL points at
PostgreSQL, else a fresh SQLite file. Redis is Debian's redis-server, started here.
"""

import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import falta_programa
from tests.servidores import base_nueva, esperar_puerto, puerto_libre

pytestmark = pytest.mark.sistema

RAIZ = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

CLAVES_DEMO = {}


@pytest.fixture(scope="module")
def redis_servidor(tmp_path_factory):
    binario = shutil.which("redis-server")
    if not binario:
        falta_programa("redis-server no está instalado (apt-get install redis-server)")
    puerto = puerto_libre()
    carpeta = tmp_path_factory.mktemp("redis")
    proceso = subprocess.Popen(
        [
            binario,
            "--port",
            str(puerto),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(carpeta),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    esperar_puerto(puerto, proceso)
    yield f"redis://127.0.0.1:{puerto}/0"
    proceso.terminate()
    proceso.wait(10)


@pytest.fixture(scope="module")
def base_compartida(tmp_path_factory):
    """A fresh, migrated database shared by both nodes; dropped afterwards."""
    url, borrar = base_nueva(tmp_path_factory.mktemp("nodos"), "nodos")
    estaticos = tmp_path_factory.mktemp("estaticos")
    entorno = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "s" * 50,
        "STATIC_ROOT": str(estaticos),
    }
    for comando in (
        ["migrate", "--noinput"],
        ["cargar_demo", "--demo", "--consultas", "0"],
        ["collectstatic", "--noinput"],
        # Staff pass two-step verification: the advisor's authenticator has a known key.
        [
            "shell",
            "--no-imports",
            "-c",
            "from django.contrib.auth import get_user_model; "
            "from django_otp.plugins.otp_totp.models import TOTPDevice; "
            "TOTPDevice.objects.create(user=get_user_model().objects.get(username='asesora'), "
            f"name='telefono', key='{CLAVE_TOTP}', confirmed=True)",
        ],
    ):
        resultado = subprocess.run(
            [sys.executable, "manage.py", *comando],
            cwd=RAIZ,
            env=entorno,
            check=True,
            capture_output=True,
            timeout=300,
        )
        for linea in resultado.stdout.decode().splitlines():
            partes = linea.strip("| ").split()  # the logins come in a box
            if comando[0] == "cargar_demo" and partes[:1] == ["asesora"]:
                CLAVES_DEMO["asesora"] = partes[-1]  # random, printed once
    yield url, estaticos
    borrar()


@pytest.fixture(scope="module")
def nodos(base_compartida, redis_servidor):
    url, estaticos = base_compartida
    entorno = {
        **os.environ,
        "DATABASE_URL": url,
        "STATIC_ROOT": str(estaticos),
        "REDIS_URL": redis_servidor,
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": "s" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Two web submissions per address and hour; no minimum fill time for the test client.
        "CONSULTA_LIMITE_POR_HORA": "2",
        "CONSULTA_TIEMPO_MINIMO": "0",
        # Visits flushed on every view, country from a trusted proxy header.
        "VISITAS_LOTE": "1",
        "VISITAS_CABECERA_PAIS": "HTTP_CF_IPCOUNTRY",
    }
    procesos, urls = [], []
    for _ in range(2):
        puerto = puerto_libre()
        proceso = subprocess.Popen(
            [str(GUNICORN), "infomigra.wsgi", "--bind", f"127.0.0.1:{puerto}", "--workers", "1"],
            cwd=RAIZ,
            env=entorno,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        procesos.append(proceso)
        esperar_puerto(puerto, proceso)
        urls.append(f"http://127.0.0.1:{puerto}")
    yield urls, entorno
    for proceso in procesos:
        proceso.terminate()
        proceso.wait(10)


class Navegante:
    """A tiny HTTP client with a cookie jar shared across nodes (like one browser)."""

    def __init__(self):
        self.galletas = http.cookiejar.CookieJar()
        self.abridor = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.galletas), _SinRedirecciones()
        )

    def pedir(self, url, datos=None, cabeceras=None):
        cuerpo = urllib.parse.urlencode(datos).encode() if datos is not None else None
        solicitud = urllib.request.Request(url, data=cuerpo, headers=cabeceras or {})
        try:
            with self.abridor.open(solicitud, timeout=20) as respuesta:
                return respuesta.status, respuesta.headers, respuesta.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


class _SinRedirecciones(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


CLAVE_TOTP = "3132333435363738393031323334353637383930"


def verificar_codigo(navegante, base):
    """The second step: the current code of the authenticator, on the verification form."""
    from binascii import unhexlify

    from django_otp.oath import TOTP

    ruta = base + "/cuentas/doble-factor/verificar/"
    _, _, html = navegante.pedir(ruta)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    codigo = f"{TOTP(unhexlify(CLAVE_TOTP)).token():06d}"
    return navegante.pedir(
        ruta, {"csrfmiddlewaretoken": token, "codigo": codigo}, {"Referer": ruta}
    )


def iniciar_sesion(navegante, base, usuario, clave):
    _, _, html = navegante.pedir(base + "/cuentas/login/")
    encontrado = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert encontrado, html[:500]
    token = encontrado.group(1)
    return navegante.pedir(
        base + "/cuentas/login/",
        {"csrfmiddlewaretoken": token, "username": usuario, "password": clave, "next": "/gestion/"},
        {"Referer": base + "/cuentas/login/"},
    )


def test_session_started_on_one_node_continues_on_the_other(nodos):
    (nodo1, nodo2), _ = nodos
    navegante = Navegante()
    estado, cabeceras, _ = iniciar_sesion(navegante, nodo1, "asesora", CLAVES_DEMO["asesora"])
    assert estado == 302 and cabeceras["Location"] == "/gestion/"
    estado, _, _ = verificar_codigo(navegante, nodo1)
    assert estado == 302
    # The same cookies on the other node (cookies are per host name, not per port).
    estado, _, html = navegante.pedir(nodo2 + "/gestion/")
    assert estado == 200
    assert "Panel de gestión" in html
    estado, _, _ = Navegante().pedir(nodo2 + "/gestion/")
    assert estado == 302


def test_both_nodes_report_healthy(nodos):
    for nodo in nodos[0]:
        estado, _, cuerpo = Navegante().pedir(nodo + "/salud/")
        assert estado == 200 and '"ok"' in cuerpo


def enviar_consulta(base, numero):
    """Fill and post the public consultation form like a browser; returns the status."""
    navegante = Navegante()
    _, _, html = navegante.pedir(base + "/consulta/")
    tema = re.search(r'<select name="tema"[^>]*>.*?<option value="(\d+)"', html, re.S)
    campos = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1],
        "marca": re.search(r'name="marca" value="([^"]+)"', html)[1],
        "tema": tema[1],
        "tipo_migrante": "potencial",
        "pais": "ES",
        "pregunta": f"Consulta de prueba número {numero}: ¿qué visa necesito?",
        "email": f"persona{numero}@example.org",
        "consentimiento": "on",
    }
    estado, _, _ = navegante.pedir(base + "/consulta/", campos, {"Referer": base + "/consulta/"})
    return estado


def test_rate_limit_hit_on_one_node_holds_on_the_other(nodos):
    (nodo1, nodo2), _ = nodos
    assert enviar_consulta(nodo1, 1) == 302
    assert enviar_consulta(nodo2, 2) == 302
    assert enviar_consulta(nodo2, 3) == 429
    assert enviar_consulta(nodo1, 4) == 429


def leer_visitas(entorno):
    """Visit rows as the shared database holds them, read by a separate process."""
    codigo = (
        "import json, django; django.setup();"
        "from contenidos.models import VisitaDiaria;"
        "print(json.dumps(list(VisitaDiaria.objects.values_list('seccion', 'pais', 'vistas',"
        " 'visitas').order_by('seccion', 'pais'))))"
    )
    resultado = subprocess.run(
        [sys.executable, "-c", codigo],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        timeout=60,
        env={**entorno, "DJANGO_SETTINGS_MODULE": "infomigra.settings"},
        check=True,
    )
    return [tuple(fila) for fila in json.loads(resultado.stdout.strip().splitlines()[-1])]


def test_visits_from_both_nodes_are_counted_once_each(nodos):
    (nodo1, nodo2), entorno = nodos
    antes = {(s, p): (v, u) for s, p, v, u in leer_visitas(entorno)}
    persona = {"User-Agent": "Mozilla/5.0 (Linux; Android 10) Prueba/1.0", "CF-IPCountry": "BO"}
    for nodo in (nodo1, nodo2, nodo1):
        assert Navegante().pedir(nodo + "/videos/", cabeceras=persona)[0] == 200
    otra = {**persona, "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Otra/2.0"}
    assert Navegante().pedir(nodo2 + "/videos/", cabeceras=otra)[0] == 200
    bot = {**persona, "User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"}
    assert Navegante().pedir(nodo1 + "/videos/", cabeceras=bot)[0] == 200
    despues = {(s, p): (v, u) for s, p, v, u in leer_visitas(entorno)}
    vistas, visitas = antes.get(("videos", "BO"), (0, 0))
    # Four page views by people (the bot is not counted), by two visitors, across both nodes.
    assert despues[("videos", "BO")] == (vistas + 4, visitas + 2)
