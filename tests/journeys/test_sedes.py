"""Where and when people are attended: every active office's address, hours and a phone that a
phone can dial, in the footer of every page and on the consultation page."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("ruta", ["/", "/consulta/"])
def test_offices_show_address_hours_and_a_tappable_phone(sitio, movil, ruta):
    movil.goto(sitio.url + ruta)
    lugares = ["footer"] + (["main"] if ruta == "/consulta/" else [])
    for lugar in lugares:
        bloque = movil.locator(lugar)
        texto = bloque.inner_text()
        assert "Av. Salaverry 655" in texto
        assert "Lunes a viernes, de 8:30 a 16:30" in texto
        enlace = bloque.locator("a[href='tel:016306000']")
        assert enlace.count() == 1 and enlace.inner_text() == "(01) 630-6000"
        assert bloque.locator(".sedes a[href^='tel:']").count() == 3
    linea = movil.locator("footer a[href='tel:1818']")
    assert linea.inner_text() == "1818"


def test_the_free_line_is_tappable_inside_a_country_guide(sitio, movil):
    movil.goto(sitio.url + "/paises/ES/")
    assert movil.locator("main a[href='tel:1818']").count() >= 1
