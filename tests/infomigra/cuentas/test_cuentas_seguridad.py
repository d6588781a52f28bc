"""Account protection: login throttling, session lifetime and two-factor authentication."""

import time
from base64 import b32decode
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from infomigra.cuentas import alta
from infomigra.red import direccion_cliente
from infomigra.seguridad import CLAVE_ACTIVIDAD, CLAVE_INICIO
from infomigra.vocabulario import ROL_ASESOR, ROL_EDITOR, ROL_RESPONSABLE
from tests.conftest import CLAVE, crear_usuario

pytestmark = pytest.mark.django_db


def ingresar(client, usuario, clave, **extra):
    return client.post("/cuentas/login/", {"username": usuario, "password": clave}, **extra)


def ingresar_verificado(client, usuario):
    """Log in through the form, then pass 2FA as django_otp.login() does."""
    from django_otp import DEVICE_ID_SESSION_KEY

    ingresar(client, usuario.username, CLAVE)
    sesion = client.session
    sesion[DEVICE_ID_SESSION_KEY] = usuario.totpdevice_set.get().persistent_id
    sesion.save()


def codigo_actual(dispositivo):
    dispositivo.refresh_from_db()
    return f"{totp(dispositivo.bin_key, step=dispositivo.step, digits=dispositivo.digits):06d}"


# --- Login throttling -----------------------------------------------------------------------


def test_five_failures_lock_the_account_with_spanish_message(client, asesor_a):
    for _ in range(4):
        assert ingresar(client, "asesor_a", "mala-clave").status_code == 200
    bloqueo = ingresar(client, "asesor_a", "mala-clave")
    assert bloqueo.status_code == 429
    contenido = bloqueo.content.decode()
    assert "Ingreso bloqueado temporalmente" in contenido
    assert "5 intentos fallidos" in contenido
    assert "15 minutos" in contenido
    # Even the right password is refused during the cool-off.
    correcta = ingresar(client, "asesor_a", CLAVE)
    assert correcta.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_and_address(client, asesor_a, asesor_b):
    for _ in range(5):
        ingresar(client, "asesor_a", "mala-clave")
    # Another user from the same address, and the same user from another address, still log in.
    assert ingresar(client, "asesor_b", CLAVE).status_code == 302
    client.logout()
    assert ingresar(client, "asesor_a", CLAVE, REMOTE_ADDR="10.9.8.7").status_code == 302


def test_failures_below_limit_are_reset_by_a_success(client, asesor_a):
    for _ in range(4):
        ingresar(client, "asesor_a", "mala-clave")
    assert ingresar(client, "asesor_a", CLAVE).status_code == 302
    client.logout()
    for _ in range(4):
        ingresar(client, "asesor_a", "mala-clave")
    assert ingresar(client, "asesor_a", CLAVE).status_code == 302


def test_overlong_username_is_refused_and_still_throttled(client):
    # django-axes stores the username in a 255-character column: on PostgreSQL a longer one
    # used to end in a 500 (found by test_entradas_hostiles). The staff login form rejects it
    # as a field error; the admin's own login form still reaches axes, which records it cut.
    from axes.models import AccessAttempt

    largo = "0" * 300
    respuesta = ingresar(client, largo, "mala-clave")
    assert respuesta.status_code == 200
    assert 'id="id_username_error"' in respuesta.content.decode()
    assert "150 caracteres" in respuesta.content.decode()
    for _ in range(4):
        respuesta = client.post("/admin/login/", {"username": largo, "password": "mala-clave"})
        assert respuesta.status_code == 200
    assert client.post("/admin/login/", {"username": largo, "password": "x"}).status_code == 429
    intento = AccessAttempt.objects.get()
    assert intento.username == largo[:255]
    assert intento.failures_since_start == 5


def test_client_address_ignores_forwarded_for_without_proxy(settings):
    settings.PROXY_SSL_HEADER = False
    peticion = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert direccion_cliente(peticion) == "10.0.0.1"


def test_client_address_behind_proxy_is_the_proxy_appended_entry(settings):
    settings.PROXY_SSL_HEADER = True
    peticion = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert direccion_cliente(peticion) == "203.0.113.9"


def test_lockout_behind_proxy_follows_forwarded_address(client, asesor_a, settings):
    settings.PROXY_SSL_HEADER = True
    for _ in range(5):
        ingresar(client, "asesor_a", "mala-clave", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert (
        ingresar(client, "asesor_a", CLAVE, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    )
    # Same proxy (REMOTE_ADDR), another client: not locked.
    assert (
        ingresar(client, "asesor_a", CLAVE, HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 302
    )


def test_password_validators_reject_weak_passwords(asesor_a):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for debil in ("corta", "1234567890123", "password123", "asesor_a2026"):
        with pytest.raises(ValidationError):
            validate_password(debil, user=asesor_a)
    validate_password("Un.Paseo.Por.Arequipa-47", user=asesor_a)


# --- Session lifetime -----------------------------------------------------------------------


def _mover_sesion(client, **segundos_atras):
    sesion = client.session
    ahora = time.time()
    for clave, atras in segundos_atras.items():
        sesion[clave] = ahora - atras
    sesion.save()


def test_login_stamps_session_start(client, asesor_a):
    antes = time.time()
    ingresar(client, "asesor_a", CLAVE)
    assert client.session[CLAVE_INICIO] >= antes
    assert client.session[CLAVE_ACTIVIDAD] >= antes


def test_idle_session_is_closed_after_30_minutes(client, asesor_a):
    ingresar_verificado(client, asesor_a)
    _mover_sesion(client, **{CLAVE_ACTIVIDAD: 29 * 60})
    assert client.get("/gestion/").status_code == 200
    _mover_sesion(client, **{CLAVE_ACTIVIDAD: 31 * 60})
    respuesta = client.get("/gestion/", follow=True)
    assert respuesta.redirect_chain[0][0].startswith("/cuentas/login/")
    assert "Su sesión se cerró por inactividad" in respuesta.content.decode()
    assert "_auth_user_id" not in client.session


def test_activity_refreshes_the_idle_timer(client, asesor_a):
    ingresar_verificado(client, asesor_a)
    _mover_sesion(client, **{CLAVE_ACTIVIDAD: 20 * 60})
    assert client.get("/gestion/").status_code == 200
    assert time.time() - client.session[CLAVE_ACTIVIDAD] < 5


def test_session_ends_after_absolute_lifetime_despite_activity(client, asesor_a):
    ingresar_verificado(client, asesor_a)
    _mover_sesion(client, **{CLAVE_INICIO: 9 * 3600, CLAVE_ACTIVIDAD: 60})
    assert client.get("/gestion/").status_code == 200
    _mover_sesion(client, **{CLAVE_INICIO: 10 * 3600 + 60, CLAVE_ACTIVIDAD: 10})
    respuesta = client.get("/gestion/", follow=True)
    assert respuesta.redirect_chain[0][0].startswith("/cuentas/login/")
    assert "Su sesión alcanzó su duración máxima" in respuesta.content.decode()


# --- Two-factor authentication --------------------------------------------------------------


@pytest.fixture
def responsable_nuevo(sede_a):
    """A Responsable without any 2FA device yet."""
    return crear_usuario("jefa", ROL_RESPONSABLE, sede_a)


def test_responsable_without_device_is_sent_to_setup(client, responsable_nuevo):
    respuesta = ingresar(client, "jefa", CLAVE)
    assert respuesta.status_code == 302
    respuesta = client.get("/gestion/")
    assert respuesta.status_code == 302
    destino = urlparse(respuesta["Location"])
    assert destino.path == "/cuentas/doble-factor/"
    assert parse_qs(destino.query)["next"] == ["/gestion/"]
    assert client.get("/gestion/auditoria/").status_code == 302


def test_responsable_sets_up_totp_with_qr_and_reaches_gestion(client, responsable_nuevo):
    ingresar(client, "jefa", CLAVE)
    client.get(alta.emitir(responsable_nuevo))  # the one-time enrolment link
    pagina = client.get("/cuentas/doble-factor/?next=/gestion/")
    contenido = pagina.content.decode()
    assert "Su rol exige la verificación en dos pasos" in contenido
    assert "<svg" in contenido and "otpauth://totp/" in contenido
    dispositivo = TOTPDevice.objects.get(user=responsable_nuevo, confirmed=False)
    secreto = pagina.context["secreto"]
    assert b32decode(secreto) == dispositivo.bin_key
    assert "<script" not in contenido

    incorrecto = f"{(int(codigo_actual(dispositivo)) + 1) % 1_000_000:06d}"
    mala = client.post("/cuentas/doble-factor/", {"codigo": incorrecto, "next": "/gestion/"})
    assert "El código no es correcto" in mala.content.decode()
    # Wrong codes throttle the device: an immediate retry is asked to wait.
    espera = client.post("/cuentas/doble-factor/", {"codigo": codigo_actual(dispositivo)})
    assert "espere unos segundos" in espera.content.decode()
    dispositivo.throttle_reset()  # as if the wait had passed

    respuesta = client.post(
        "/cuentas/doble-factor/", {"codigo": codigo_actual(dispositivo), "next": "/gestion/"}
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/cuentas/doble-factor/respaldo/?next=%2Fgestion%2F"
    dispositivo.refresh_from_db()
    assert dispositivo.confirmed
    assert client.get("/gestion/").status_code == 200


def test_responsable_with_device_must_verify_after_login(client, responsable_nuevo):
    dispositivo = TOTPDevice.objects.create(user=responsable_nuevo, name="app", confirmed=True)
    ingresar(client, "jefa", CLAVE)
    respuesta = client.get("/gestion/")
    assert urlparse(respuesta["Location"]).path == "/cuentas/doble-factor/verificar/"
    pagina = client.post("/cuentas/doble-factor/verificar/", {"codigo": "12ab56"})
    assert "El código tiene solo dígitos" in pagina.content.decode()
    respuesta = client.post(
        "/cuentas/doble-factor/verificar/",
        {"codigo": codigo_actual(dispositivo), "next": "/gestion/"},
    )
    assert respuesta["Location"] == "/gestion/"
    assert client.get("/gestion/").status_code == 200


def test_verification_refuses_an_external_next(client, responsable_nuevo):
    dispositivo = TOTPDevice.objects.create(user=responsable_nuevo, name="app", confirmed=True)
    ingresar(client, "jefa", CLAVE)
    respuesta = client.post(
        "/cuentas/doble-factor/verificar/",
        {"codigo": codigo_actual(dispositivo), "next": "https://malicioso.example/"},
    )
    assert respuesta["Location"] == "/gestion/"


@pytest.mark.parametrize("rol", [ROL_ASESOR, ROL_EDITOR])
def test_every_role_without_2fa_is_sent_to_setup(client, sede_a, rol):
    usuario = crear_usuario("nuevo", rol, sede_a)
    ingresar(client, "nuevo", CLAVE)
    respuesta = client.get("/gestion/")
    assert urlparse(respuesta["Location"]).path == "/cuentas/doble-factor/"
    client.get(alta.emitir(usuario))
    pagina = client.get("/cuentas/doble-factor/")
    assert "Su rol exige" in pagina.content.decode()
    dispositivo = TOTPDevice.objects.get(user=usuario)
    client.post("/cuentas/doble-factor/", {"codigo": codigo_actual(dispositivo)})
    assert client.get("/gestion/").status_code in (200, 403)  # an Editor has no dashboard page
    client.logout()
    ingresar(client, "nuevo", CLAVE)
    assert urlparse(client.get("/gestion/")["Location"]).path == "/cuentas/doble-factor/verificar/"


def test_responsable_fixture_is_verified_for_other_tests(cliente_de, responsable):
    assert cliente_de(responsable).get("/gestion/").status_code == 200


def test_admin_also_requires_2fa_for_responsable(client, responsable_nuevo):
    responsable_nuevo.is_staff = True
    responsable_nuevo.save()
    ingresar(client, "jefa", CLAVE)
    respuesta = client.get("/admin/")
    assert urlparse(respuesta["Location"]).path == "/cuentas/doble-factor/"
