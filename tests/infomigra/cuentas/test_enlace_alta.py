"""The first 2FA device is never enrolled with the password alone: it needs a one-time link
made for that user (stored hashed, bound to the user, expiring, single use, replaced by a newer
one). Without it the user sees how to get one and no back-office page."""

import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from infomigra.cuentas import alta
from infomigra.cuentas.models import EnlaceAlta
from infomigra.vocabulario import ROL_ASESOR, ROL_RESPONSABLE
from tests.conftest import CLAVE, crear_usuario

pytestmark = pytest.mark.django_db


@pytest.fixture
def nueva(sede_a):
    return crear_usuario("nueva", ROL_ASESOR, sede_a)


def ingresar(client, usuario="nueva"):
    client.post("/cuentas/login/", {"username": usuario, "password": CLAVE})


def test_password_alone_shows_how_to_get_the_link_and_no_device(client, nueva):
    ingresar(client)
    pagina = client.get("/cuentas/doble-factor/?next=/gestion/").content.decode()
    assert "necesita un enlace de un solo uso" in pagina
    assert "otpauth://" not in pagina and "<svg" not in pagina
    assert not TOTPDevice.objects.filter(user=nueva).exists()
    assert client.get("/gestion/").status_code == 302
    # Posting a code without the link enrols nothing either.
    client.post("/cuentas/doble-factor/", {"codigo": "123456"})
    assert not TOTPDevice.objects.filter(user=nueva).exists()


def test_link_is_stored_hashed_single_use_and_then_enrols(client, nueva):
    ruta = alta.emitir(nueva)
    token = ruta.rstrip("/").rsplit("/", 1)[-1]
    enlace = EnlaceAlta.objects.get(usuario=nueva)
    assert enlace.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in enlace.token_hash
    ingresar(client)
    assert client.get(ruta)["Location"] == "/cuentas/doble-factor/"
    assert not EnlaceAlta.objects.exists()  # used: gone
    client.get("/cuentas/doble-factor/")
    dispositivo = TOTPDevice.objects.get(user=nueva, confirmed=False)
    client.post("/cuentas/doble-factor/", {"codigo": f"{totp(dispositivo.bin_key):06d}"})
    dispositivo.refresh_from_db()
    assert dispositivo.confirmed
    assert client.get("/gestion/").status_code == 200
    client.logout()
    ingresar(client)
    assert client.get(ruta).status_code == 400  # a second use


def test_link_opens_only_after_login_and_only_for_its_user(client, nueva, sede_a):
    ruta = alta.emitir(nueva)
    respuesta = client.get(ruta)
    assert respuesta.status_code == 302 and respuesta["Location"].startswith("/cuentas/login/")
    crear_usuario("otra", ROL_RESPONSABLE, sede_a)
    ingresar(client, "otra")
    assert client.get(ruta).status_code == 400
    assert "es de otra cuenta" in client.get(ruta).content.decode()
    assert EnlaceAlta.objects.filter(usuario=nueva).exists()  # still valid for its user


def test_expired_or_replaced_links_fail(client, nueva):
    vieja = alta.emitir(nueva)
    nueva_ruta = alta.emitir(nueva)
    assert EnlaceAlta.objects.count() == 1
    ingresar(client)
    assert client.get(vieja).status_code == 400
    EnlaceAlta.objects.update(vence=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert client.get(nueva_ruta).status_code == 400
    assert client.get("/gestion/").status_code == 302


def test_command_prints_a_link_for_the_first_superuser(client, settings, db):
    from django.contrib.auth import get_user_model

    settings.SITE_URL = "https://infomigra.example"
    get_user_model().objects.create_superuser("raiz", "raiz@example.org", CLAVE)
    salida = StringIO()
    call_command("enlace_doble_factor", "raiz", stdout=salida)
    url = salida.getvalue().strip()
    assert url.startswith("https://infomigra.example/cuentas/doble-factor/alta/")
    ingresar(client, "raiz")
    assert client.get(url.removeprefix("https://infomigra.example")).status_code == 302
    assert "otpauth://" in client.get("/cuentas/doble-factor/").content.decode()
    with pytest.raises(CommandError, match="No existe el usuario"):
        call_command("enlace_doble_factor", "nadie")
