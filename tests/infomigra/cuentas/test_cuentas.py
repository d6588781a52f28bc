"""Login, logout and role gating of the back office."""

import pytest
from django.urls import reverse

from tests.conftest import CLAVE

pytestmark = pytest.mark.django_db


def test_anonymous_on_gestion_redirects_to_login(client):
    respuesta = client.get("/gestion/")
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith("/cuentas/login/?next=/gestion/")


def test_login_page_is_spanish_form(client):
    respuesta = client.get("/cuentas/login/")
    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    assert "Ingreso del personal" in contenido
    assert 'autocomplete="current-password"' in contenido


def test_login_with_role_reaches_dashboard(client, asesor_a):
    respuesta = client.post(
        "/cuentas/login/", {"username": "asesor_a", "password": CLAVE}, follow=True
    )
    assert respuesta.redirect_chain[-1][0] == reverse("gestion:inicio")
    assert "Panel de gestión" in respuesta.content.decode()


def test_wrong_password_shows_spanish_error(client, asesor_a):
    respuesta = client.post("/cuentas/login/", {"username": "asesor_a", "password": "mala"})
    assert respuesta.status_code == 200
    assert "Por favor" in respuesta.content.decode() or "correctos" in respuesta.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_ends_session(cliente_de, asesor_a):
    cliente = cliente_de(asesor_a)
    respuesta = cliente.post("/cuentas/logout/")
    assert respuesta.status_code in (200, 302)
    assert "_auth_user_id" not in cliente.session
    assert cliente.get("/gestion/").status_code == 302


def test_logged_in_without_role_is_forbidden(cliente_de, sin_rol):
    respuesta = cliente_de(sin_rol).get("/gestion/")
    assert respuesta.status_code == 403
    assert "Acceso no permitido" in respuesta.content.decode()


@pytest.mark.parametrize("rol", ["asesor_a", "responsable", "editor"])
def test_every_role_reaches_dashboard(request, cliente_de, rol):
    usuario = request.getfixturevalue(rol)
    assert cliente_de(usuario).get("/gestion/").status_code == 200


def test_overlong_username_is_a_form_error_not_a_crash(client):
    respuesta = client.post("/cuentas/login/", {"username": "0" * 300, "password": "x"})
    assert respuesta.status_code == 200
    assert "_auth_user_id" not in client.session
