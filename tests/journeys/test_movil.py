"""A phone (360×740): compact header with a menu that works without JavaScript, the profile
chooser in the first screen, and a FAQ page that lists questions with folded answers."""

import pytest

from tests.journeys.ayudas import altura_cabecera
from tests.journeys.conftest import ALTO

pytestmark = pytest.mark.browser

PAGINAS = ["/", "/perfil/potencial/", "/paises/ES/", "/preguntas-frecuentes/", "/consulta/"]


@pytest.mark.parametrize("ruta", PAGINAS)
def test_header_takes_at_most_a_fifth_of_the_screen(sitio, movil, ruta):
    movil.goto(sitio.url + ruta)
    assert altura_cabecera(movil) <= 0.20 * ALTO


def test_menu_opens_and_navigates_without_javascript(sitio, sin_js):
    sin_js.goto(sitio.url + "/")
    enlace = sin_js.get_by_role("link", name="Preguntas frecuentes").first
    assert not enlace.is_visible()
    sin_js.click("summary:has-text('Menú')")
    sin_js.locator(".menu-movil-panel").get_by_role("link", name="Preguntas frecuentes").click()
    sin_js.wait_for_url("**/preguntas-frecuentes/")


def test_first_profile_card_is_in_the_first_screen(sitio, movil):
    movil.goto(sitio.url + "/")
    caja = movil.locator("a.perfil").first.bounding_box()
    assert caja["y"] + caja["height"] <= ALTO


def test_faq_page_starts_with_search_and_folds_answers(sitio, movil):
    movil.goto(sitio.url + "/preguntas-frecuentes/")
    primero = movil.locator("main input:not([type=hidden]), main select, main textarea").first
    assert primero.get_attribute("type") == "search"
    preguntas = movil.locator(".resultados-faq details.pregunta-faq")
    assert preguntas.count() >= 5
    assert not preguntas.first.locator(".respuesta-faq").is_visible()
    alto = movil.evaluate("document.documentElement.scrollHeight")
    assert alto <= 8 * ALTO, f"la página mide {alto} px"
    preguntas.first.locator("summary").click()
    assert preguntas.first.locator(".respuesta-faq").is_visible()
