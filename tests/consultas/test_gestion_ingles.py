"""The back office in English: it follows the language cookie or the browser's language."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def idioma_por_defecto_al_terminar():
    """Requests leave their language active in the thread: do not leak English to later tests."""
    yield
    translation.deactivate()


def test_back_office_menu_in_english_with_accept_language(cliente_de, asesor_a):
    respuesta = cliente_de(asesor_a).get("/gestion/", HTTP_ACCEPT_LANGUAGE="en")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert '<html lang="en">' in html
    assert respuesta["Content-Language"] == "en"
    for texto in ("Back-office dashboard", "New consultation", "Consultations", "Inbox", "Log out"):
        assert texto in html
    assert "Nueva atención" not in html


def test_back_office_follows_the_language_cookie(cliente_de, asesor_a):
    cliente = cliente_de(asesor_a)
    cliente.cookies["django_language"] = "en"
    html = cliente.get("/gestion/consultas/nueva/").content.decode()
    for texto in ("Person assisted", "Contact details (optional)", "Save and log another"):
        assert texto in html
    errores = cliente.post("/gestion/consultas/nueva/", {}).content.decode()
    assert "Check the marked fields:" in errores
    assert "Choose the profile of the person assisted." in errores


def test_back_office_stays_in_spanish_without_a_language_choice(cliente_de, asesor_a):
    html = cliente_de(asesor_a).get("/gestion/").content.decode()
    assert '<html lang="es">' in html
    assert "Nueva atención" in html


def test_back_office_has_no_english_prefix(cliente_de, asesor_a):
    assert cliente_de(asesor_a).get("/en/gestion/").status_code == 404


def test_unprefixed_portal_pages_stay_in_spanish(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="es">' in html
    assert "¿Cuál es su situación?" in html


def test_english_report_dates_use_english_month_names(cliente_de, asesor_a):
    html = (
        cliente_de(asesor_a)
        .get("/gestion/reportes/diario/2026-03-02/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "Consultations of Monday, March 2, 2026" in html
    assert "Back to the daily report" in html


def test_staff_login_page_in_english(client):
    html = client.get("/cuentas/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Staff login" in html
