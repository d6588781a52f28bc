"""The private follow-up page in a real browser: reply, see the link and fix the address."""

import re

import pytest

from tests.journeys.ayudas import enviar_consulta, url_seguimiento

pytestmark = pytest.mark.browser


def test_person_replies_on_the_follow_up_page_without_a_csrf_error(sitio, movil):
    enviar_consulta(movil, sitio, email="ana.respuesta@example.org")
    movil.goto(url_seguimiento(sitio, movil.locator(".codigo-consulta").inner_text().strip()))
    movil.fill("#id_texto", "Olvidé decir que tengo pasaporte vigente.")
    respuesta = movil.expect_navigation()
    with respuesta as navegacion:
        movil.click("#escribir ~ form button[type=submit]")
    assert navegacion.value.status == 200
    assert "Olvidé decir que tengo pasaporte vigente." in movil.locator(".hilo").inner_text()
    # The token never leaks to another site: no referrer leaves this origin.
    cabeceras = movil.request.get(movil.url).headers
    assert cabeceras["referrer-policy"] in {"same-origin", "no-referrer"}
    assert 'name="referrer" content="no-referrer"' not in movil.content()


def test_confirmation_shows_the_link_the_address_and_an_unbroken_code(sitio, movil):
    enviar_consulta(movil, sitio, email="mal.escrito@exmaple.org")
    texto = movil.locator("main").inner_text()
    assert "mal.escrito@exmaple.org" in texto
    enlace = movil.locator("a.enlace-seguimiento")
    assert re.search(r"/consulta/seguimiento/[\w-]+/$", enlace.get_attribute("href"))
    codigo = movil.locator(".codigo-consulta")
    caja = codigo.bounding_box()
    altura_linea = codigo.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    assert caja["height"] < 1.5 * altura_linea, "el código se parte en dos líneas"


def test_person_corrects_a_mistyped_address_from_the_follow_up_page(sitio, movil):
    enviar_consulta(movil, sitio, email="mal.escrito@exmaple.org")
    codigo = movil.locator(".codigo-consulta").inner_text().strip()
    movil.click("a.enlace-seguimiento")
    movil.fill("#id_email", "bien.escrito@example.org")
    movil.click("#cambiar-correo ~ form button[type=submit]")
    assert "bien.escrito@example.org" in movil.locator("main").inner_text()
    guardado = sitio.consultar(
        "from consultas.models import Consulta; "
        f"print(Consulta.objects.get(codigo='{codigo}').email)"
    )
    assert guardado == "bien.escrito@example.org"
