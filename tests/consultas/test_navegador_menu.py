"""The Responsable's back-office menu in real Chromium: grouped by task, one line at desktop
width, a <details> «Menú» on a phone; the walk-in form fits 360 px. No JavaScript needed."""

import pytest

from tests.navegador import axe_graves, iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_desktop_menu_is_one_line_of_task_groups(live_server, navegador, responsable):
    contexto = navegador.new_context(
        locale="es-PE", viewport={"width": 1280, "height": 800}, java_script_enabled=False
    )
    pagina = contexto.new_page()
    try:
        iniciar_sesion(pagina, live_server, responsable)
        pagina.goto(live_server.url + "/gestion/")
        grupos = pagina.locator(".menu-escritorio > li")
        titulos = [t.strip() for t in grupos.all_inner_texts()]
        assert titulos[:4] == ["Atención", "Reportes", "Contenidos", "Administración"]
        # + the outreach services (workshops, partners) and the account menu, named after the user
        assert titulos[4:] == ["Difusión", responsable.get_full_name() or responsable.username]
        alturas = {round(g.bounding_box()["y"]) for g in grupos.all()}
        assert len(alturas) == 1, "the groups wrap over more than one line"
        assert pagina.locator("header").bounding_box()["height"] < 70
        assert not pagina.locator(".menu-movil").is_visible()

        pagina.click(".menu-escritorio summary:text('Administración')")
        enlaces = pagina.locator(".menu-escritorio details[open] a").all_inner_texts()
        assert enlaces == ["Sedes y equipo", "Auditoría", "Datos personales", "Importar"]
        pagina.click(".menu-escritorio details[open] a:text('Auditoría')")
        assert pagina.url.endswith("/gestion/auditoria/")

        pagina.click(".menu-cuenta summary")
        cuenta = pagina.locator(".menu-cuenta details[open]").inner_text()
        assert "Verificación en dos pasos" in cuenta and "Cambiar contraseña" in cuenta
        assert "Salir" in cuenta
    finally:
        contexto.close()


def test_phone_menu_is_a_details_and_the_walk_in_form_fits(live_server, navegador, responsable):
    contexto = navegador.new_context(
        locale="es-PE", viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    pagina = contexto.new_page()
    try:
        iniciar_sesion(pagina, live_server, responsable)
        pagina.goto(live_server.url + "/gestion/")
        assert not pagina.locator(".menu-escritorio").is_visible()
        assert pagina.locator("header").bounding_box()["height"] <= 740 * 0.2
        pagina.click(".menu-movil summary")
        pagina.click(".menu-movil a:text('Nueva atención')")
        assert pagina.url.endswith("/gestion/consultas/nueva/")

        ancho = pagina.evaluate("document.documentElement.scrollWidth")
        assert ancho <= 360, f"the walk-in form scrolls sideways ({ancho} px)"
        for selector in ("#id_canal", "#id_tipo_migrante", "#id_resumen", "#id_edad"):
            caja = pagina.locator(selector).bounding_box()
            assert caja["x"] >= 0 and caja["x"] + caja["width"] <= 360, selector
        guardar = pagina.locator("button:text('Guardar y registrar otra')")
        caja = guardar.bounding_box()
        assert caja["x"] + caja["width"] <= 360
    finally:
        contexto.close()


@pytest.mark.parametrize("ancho", [360, 1280])
def test_back_office_pages_have_no_serious_axe_violation(
    live_server, navegador, responsable, ancho
):
    contexto = navegador.new_context(locale="es-PE", viewport={"width": ancho, "height": 800})
    pagina = contexto.new_page()
    graves = {}
    try:
        iniciar_sesion(pagina, live_server, responsable)
        for ruta in ("/gestion/", "/gestion/consultas/nueva/", "/gestion/consultas/"):
            pagina.goto(live_server.url + ruta)
            pagina.click(".menu-movil summary" if ancho < 992 else ".menu-cuenta summary")
            encontradas = axe_graves(pagina)
            if encontradas:
                graves[ruta] = encontradas
    finally:
        contexto.close()
    assert graves == {}
