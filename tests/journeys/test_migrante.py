"""The migrant's journey on a phone (360×740), from the home page to an answered thread in the
staff inbox, with the mail server down the whole time."""

import pytest

from tests.journeys.ayudas import iniciar_sesion

pytestmark = pytest.mark.browser


def ir_por_menu(pagina, nombre):
    pagina.click(".menu-movil summary")
    pagina.locator(".menu-movil-panel").get_by_role("link", name=nombre).click()


def test_migrant_journey_on_a_phone_reaches_the_staff_inbox(sitio, movil, navegador):
    pagina = movil
    pagina.goto(sitio.url + "/")
    pagina.get_by_role("link", name="Pienso migrar").click()
    pagina.wait_for_url("**/perfil/potencial/")
    assert pagina.locator("h1").is_visible()

    pagina.locator("main").get_by_role("link", name="Guías de país").click()
    pagina.locator("main a[href='/paises/JP/']").click()
    pagina.wait_for_url("**/paises/JP/")

    ir_por_menu(pagina, "Preguntas frecuentes")
    pagina.fill("main input[type=search]", "visa de trabajo")
    pagina.locator("main form[role=search] button[type=submit]").click()
    assert "visa de trabajo" in pagina.locator(".resumen-resultados").inner_text()
    primera = pagina.locator(".resultados-faq details").first
    primera.locator("summary").click()
    assert primera.locator(".respuesta-faq").is_visible()

    ir_por_menu(pagina, "Videos")
    pagina.locator("main a[href^='/videos/']").first.click()
    assert pagina.locator("main video, main .diapositiva").first.is_visible()

    ir_por_menu(pagina, "Boletín")
    pagina.click("main a[href$='/boletin/suscribirse/']")  # the form has its own page
    pagina.fill("#id_email", "migrante.viaje@example.org")
    with pagina.expect_navigation() as suscripcion:
        pagina.locator("form[action$='/boletin/suscribirse/'] button[type=submit]").click()
    assert suscripcion.value.status == 200

    ir_por_menu(pagina, "Haga su consulta")
    pagina.select_option("#id_tipo_migrante", "potencial")
    pagina.select_option("#id_pais", "JP")
    pagina.select_option("#id_tema", index=1)
    pagina.fill("#id_pregunta", "¿Qué visa necesito para trabajar en una fábrica en Japón?")
    pagina.fill("#id_email", "migrante.viaje@example.org")
    pagina.check("#id_consentimiento")
    pagina.wait_for_timeout(1100)
    pagina.locator("main form button[type=submit]").first.click()
    pagina.wait_for_url("**/consulta/enviada/")
    codigo = pagina.locator(".codigo-consulta").inner_text().strip()

    pagina.click("a.enlace-seguimiento")
    pagina.fill("#id_texto", "Trabajo como operario desde hace cinco años.")
    with pagina.expect_navigation() as envio:
        pagina.click("#escribir ~ form button[type=submit]")
    assert envio.value.status == 200
    assert "Recibimos su mensaje" in pagina.locator(".mensajes").inner_text()

    personal = navegador.new_context(locale="es-PE")
    try:
        asesora = personal.new_page()
        iniciar_sesion(asesora, sitio)
        asesora.goto(sitio.url + "/gestion/bandeja/")
        asesora.get_by_role("link", name=codigo).click()
        hilo = asesora.locator("main").inner_text()
        assert "Trabajo como operario desde hace cinco años." in hilo
        assert "fábrica en Japón" in hilo
    finally:
        personal.close()
