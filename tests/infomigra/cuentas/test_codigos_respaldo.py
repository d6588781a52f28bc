"""Two-factor backup codes: shown once at set-up, each one lets the person in once; the login
page links to password reset; the 2FA pages use the back-office layout."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from infomigra.vocabulario import ROL_RESPONSABLE
from tests.conftest import CLAVE, crear_usuario

pytestmark = pytest.mark.django_db


@pytest.fixture
def jefa(sede_a):
    return crear_usuario("jefa", ROL_RESPONSABLE, sede_a)


def ingresar(client, usuario="jefa"):
    return client.post("/cuentas/login/", {"username": usuario, "password": CLAVE})


def codigo_app(dispositivo):
    dispositivo.refresh_from_db()
    return f"{totp(dispositivo.bin_key):06d}"


def activar(client):
    """Set up the app as a new Responsable does (with the enrolment link); returns the backup
    codes shown."""
    from django.contrib.auth import get_user_model

    from infomigra.cuentas import alta

    ingresar(client)
    client.get(alta.emitir(get_user_model().objects.get(username="jefa")))
    client.get("/cuentas/doble-factor/?next=/gestion/")
    dispositivo = TOTPDevice.objects.get(confirmed=False)
    respuesta = client.post(
        "/cuentas/doble-factor/", {"codigo": codigo_app(dispositivo), "next": "/gestion/"}
    )
    pagina = client.get(respuesta["Location"])
    return pagina, pagina.context["nuevos"]


def test_setup_shows_ten_backup_codes_once(client, jefa):
    pagina, codigos = activar(client)
    html = pagina.content.decode()
    assert len(codigos) == 10 and len(set(codigos)) == 10
    assert all(codigo in html for codigo in codigos)
    assert "no se volverán a mostrar" in html
    assert 'href="/gestion/"' in html  # «Continuar» goes where the person was going

    otra_vez = client.get("/cuentas/doble-factor/respaldo/").content.decode()
    assert not any(codigo in otra_vez for codigo in codigos)
    assert "Le quedan 10 códigos de respaldo sin usar" in otra_vez


def test_a_backup_code_lets_the_person_in_once(client, jefa):
    _pagina, codigos = activar(client)
    client.logout()

    ingresar(client)
    assert client.get("/gestion/").status_code == 302
    escrito = codigos[0].upper().replace("-", " ")  # typed in capitals, with a space
    respuesta = client.post(
        "/cuentas/doble-factor/verificar/", {"codigo": escrito, "next": "/gestion/"}
    )
    assert respuesta["Location"] == "/gestion/"
    assert client.get("/gestion/").status_code == 200
    client.logout()

    ingresar(client)
    repetido = client.post("/cuentas/doble-factor/verificar/", {"codigo": codigos[0]})
    assert "El código no es correcto" in repetido.content.decode()
    assert client.get("/gestion/").status_code == 302
    StaticDevice.objects.get(user=jefa).throttle_reset()  # as if the wait had passed
    ok = client.post("/cuentas/doble-factor/verificar/", {"codigo": codigos[1]})
    assert ok.status_code == 302
    assert "Le quedan 8 códigos" in client.get("/cuentas/doble-factor/").content.decode()


def test_new_codes_replace_the_old_ones(client, jefa):
    _pagina, viejos = activar(client)
    respuesta = client.post("/cuentas/doble-factor/respaldo/", {"next": "/gestion/"})
    nuevos = client.get(respuesta["Location"]).context["nuevos"]
    assert len(nuevos) == 10 and not set(nuevos) & set(viejos)
    client.logout()
    ingresar(client)
    viejo = client.post("/cuentas/doble-factor/verificar/", {"codigo": viejos[2]})
    assert "El código no es correcto" in viejo.content.decode()


def test_unverified_session_cannot_make_new_codes(client, jefa):
    activar(client)
    client.logout()
    ingresar(client)
    respuesta = client.post("/cuentas/doble-factor/respaldo/")
    assert respuesta["Location"] == "/cuentas/doble-factor/verificar/"
    assert client.get("/cuentas/doble-factor/respaldo/").context["nuevos"] is None


def test_badly_typed_code_gets_a_spanish_message(client, jefa):
    activar(client)
    client.logout()
    ingresar(client)
    pagina = client.post("/cuentas/doble-factor/verificar/", {"codigo": "12345"})
    assert "El código tiene 6 dígitos" in pagina.content.decode()
    assert pagina.status_code == 200


def test_login_page_links_to_password_reset(client):
    html = client.get("/cuentas/login/").content.decode()
    assert 'href="/cuentas/password_reset/"' in html
    assert client.get("/cuentas/password_reset/").status_code == 200


def test_2fa_pages_use_the_back_office_layout(client, jefa):
    ingresar(client)
    html = client.get("/cuentas/doble-factor/?next=/gestion/").content.decode()
    assert 'class="cabecera-gestion"' in html
    assert 'class="pie' not in html  # no portal footer
    assert "Preguntas frecuentes" not in html  # no portal navigation
    assert 'action="/cuentas/logout/"' in html
