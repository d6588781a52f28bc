"""Secure defaults: deploy checks, HTTPS, cookies and security headers on every response."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def ejecutar(orden, **entorno):
    """Run a manage.py command with only the given variables (plus PATH) set."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/")}
    env.update(entorno)
    return subprocess.run(
        [sys.executable, "manage.py", *orden],
        cwd=RAIZ,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def entorno_minimo(tmp_path, **extra):
    return {
        "DEBUG": "0",
        "SECRET_KEY": "k3y-" + "x7Q9pL2m" * 7,
        "ALLOWED_HOSTS": "infomigra.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        **extra,
    }


# The privacy notice's legal facts (each deployment sets them; see docs/despliegue.md).
AVISO_COMPLETO = {
    "PRIVACIDAD_BANCO_NOMBRE": "Orientación al migrante",
    "PRIVACIDAD_BANCO_REGISTRO": "RNPDP-PJP N° 1234",
    "PRIVACIDAD_DIRECCION": "Av. X 1, Lima",
    "PRIVACIDAD_ENCARGADOS": "ninguno",
    "PRIVACIDAD_OFICIAL_CONTACTO": "oficial@example.org",
}


def ajustes_en(tmp_path, **extra):
    codigo = (
        "import json; from django.conf import settings as s; print(json.dumps({k: "
        "getattr(s, k, None) for k in ['SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', "
        "'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER']}))"
    )
    resultado = ejecutar(["shell", "-c", codigo], **entorno_minimo(tmp_path, **extra))
    assert resultado.returncode == 0, resultado.stderr
    return json.loads(resultado.stdout.strip().splitlines()[-1])


@pytest.mark.sistema
def test_deploy_check_passes_with_only_the_required_variables(tmp_path):
    resultado = ejecutar(
        ["check", "--deploy", "--fail-level", "WARNING"],
        **entorno_minimo(tmp_path, **AVISO_COMPLETO),
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "no issues" in resultado.stdout


@pytest.mark.sistema
def test_deploy_check_warns_without_the_data_bank_registration(tmp_path):
    resultado = ejecutar(["check", "--deploy"], **entorno_minimo(tmp_path))
    assert "infomigra.W001" in resultado.stdout + resultado.stderr
    assert "PRIVACIDAD_BANCO_REGISTRO" in resultado.stdout + resultado.stderr


def test_https_is_on_by_default_without_debug(tmp_path):
    ajustes = ajustes_en(tmp_path)
    assert ajustes["SECURE_SSL_REDIRECT"] is True
    assert ajustes["SESSION_COOKIE_SECURE"] is True
    assert ajustes["CSRF_COOKIE_SECURE"] is True
    assert ajustes["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert ajustes["SECURE_PROXY_SSL_HEADER"] is None


def test_https_0_serves_plain_http_for_local_runs(tmp_path):
    ajustes = ajustes_en(tmp_path, HTTPS="0")
    assert ajustes["SECURE_SSL_REDIRECT"] is False
    assert ajustes["SESSION_COOKIE_SECURE"] is False
    assert ajustes["SECURE_HSTS_SECONDS"] == 0


def test_proxy_ssl_header_is_opt_in(tmp_path):
    ajustes = ajustes_en(tmp_path, PROXY_SSL_HEADER="1")
    assert ajustes["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


@pytest.fixture
def https_por_defecto(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    return settings


def test_plain_http_is_redirected_to_https(client, https_por_defecto):
    respuesta = client.get("/cuentas/login/")
    assert respuesta.status_code == 301
    assert respuesta["Location"] == "https://testserver/cuentas/login/"


def test_health_check_answers_plain_http_probes(client, https_por_defecto):
    assert client.get("/salud/").status_code == 200


def test_https_response_has_hsts_and_secure_cookies(client, https_por_defecto):
    respuesta = client.get("/cuentas/login/", secure=True)
    assert respuesta.status_code == 200
    # Preload is opt-in (HSTS_PRELOAD=1): leaving a preload list takes months.
    assert respuesta["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookie = respuesta.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_behind_proxy_forwarded_proto_counts_as_https(client, https_por_defecto):
    https_por_defecto.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    respuesta = client.get("/cuentas/login/", HTTP_X_FORWARDED_PROTO="https")
    assert respuesta.status_code == 200


def test_session_cookie_is_httponly_lax_and_secure(client, asesor_a, https_por_defecto):
    from tests.conftest import CLAVE

    respuesta = client.post(
        "/cuentas/login/", {"username": "asesor_a", "password": CLAVE}, secure=True
    )
    assert respuesta.status_code == 302
    cookie = respuesta.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_content_security_policy_is_strict(client):
    politica = client.get("/").headers["Content-Security-Policy"]
    directivas = {
        parte.split()[0]: parte.split()[1:] for parte in politica.split(";") if parte.strip()
    }
    assert directivas["default-src"] == ["'self'"]
    assert directivas["script-src"] == ["'self'"]
    assert directivas["style-src"] == ["'self'"]
    assert directivas["img-src"] == ["'self'", "data:"]
    assert directivas["object-src"] == ["'none'"]
    assert directivas["base-uri"] == ["'self'"]
    assert directivas["frame-ancestors"] == ["'none'"]
    assert directivas["form-action"] == ["'self'"]
    assert directivas["media-src"] == ["'self'"]
    assert "unsafe-inline" not in politica
    assert "unsafe-eval" not in politica


@pytest.mark.parametrize("ruta", ["/", "/cuentas/login/", "/salud/"])
def test_security_headers_on_every_response(client, ruta):
    cabeceras = client.get(ruta).headers
    assert cabeceras["Referrer-Policy"] == "same-origin"
    assert cabeceras["X-Content-Type-Options"] == "nosniff"
    assert cabeceras["X-Frame-Options"] == "DENY"
    assert cabeceras["Cross-Origin-Opener-Policy"] == "same-origin"
    assert cabeceras["Cross-Origin-Resource-Policy"] == "same-origin"
    assert cabeceras["Permissions-Policy"] == (
        "camera=(), microphone=(), geolocation=(), payment=()"
    )


@pytest.mark.parametrize("ruta", ["/gestion/", "/cuentas/login/", "/admin/login/"])
def test_private_areas_are_never_cached(cliente_de, asesor_a, ruta):
    respuesta = cliente_de(asesor_a).get(ruta)
    assert "no-store" in respuesta["Cache-Control"]
    assert "private" in respuesta["Cache-Control"]


def test_portal_pages_may_be_cached(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_nul_characters_in_the_address_are_a_clean_400(client):
    respuesta = client.get("/buscar/", {"q": "visa\x00"})
    assert respuesta.status_code == 400
    assert "caracteres no válidos" in respuesta.content.decode()
    assert client.get("/buscar/", {"q": "visa"}).status_code == 200
