"""Editor journey in real Chromium without JavaScript: edit a guide, preview it, publish it
and see it on the portal; axe finds no serious or critical violation on the workspace."""

import pytest

from contenidos.models import Guia
from tests.navegador import axe_graves, iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUEVO = "## Antes de firmar\n\nPida el contrato **por escrito** y en español."


def test_editor_previews_publishes_and_sees_the_guide(live_server, navegador, editor):
    guia = Guia.objects.create(
        perfil="potencial", titulo="Guía para quien piensa migrar", cuerpo="Texto viejo."
    )
    contexto = navegador.new_context(
        locale="es-PE", viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    pagina = contexto.new_page()
    pagina.set_default_timeout(15_000)
    try:
        iniciar_sesion(pagina, live_server, editor)
        pagina.goto(live_server.url + "/gestion/")
        pagina.click(".menu-escritorio summary:text('Contenidos')")
        pagina.click(".menu-escritorio details[open] a:text('Contenidos del portal')")
        pagina.click("main a:text('Guías por perfil')")
        assert "Borrador" in pagina.locator("main table").inner_text()
        pagina.click("main a:text('Guía para quien piensa migrar')")

        caja = pagina.locator("#id_cuerpo")
        assert caja.get_attribute("rows") == "30"
        caja.fill(NUEVO)
        pagina.click("button:text('Vista previa')")
        previa = pagina.locator(".vista-previa")
        assert previa.locator("h2", has_text="Antes de firmar").count() == 1
        assert previa.locator("strong").inner_text() == "por escrito"
        assert pagina.input_value("#id_cuerpo") == NUEVO  # the text is kept, not saved yet
        guia.refresh_from_db()
        assert guia.cuerpo == "Texto viejo."

        pagina.click("button:text('Publicar')")
        assert "Publicado" in pagina.locator(".alert-success").inner_text()
        pagina.click("main a:text('Ver en el portal')")
        assert pagina.url.endswith("/perfil/potencial/")
        assert pagina.locator("main strong", has_text="por escrito").count() >= 1
    finally:
        contexto.close()


def test_workspace_pages_have_no_serious_axe_violation(live_server, pagina, editor):
    guia = Guia.objects.create(perfil="potencial", titulo="Guía", cuerpo="Texto.", publicado=True)
    iniciar_sesion(pagina, live_server, editor)
    graves = {}
    for ruta in ("/gestion/contenidos/", "/gestion/contenidos/guias/"):
        pagina.goto(live_server.url + ruta)
        graves[ruta] = axe_graves(pagina)
    pagina.goto(live_server.url + f"/gestion/contenidos/guias/{guia.pk}/")
    pagina.fill("#id_cuerpo", NUEVO)
    pagina.click("button:text('Vista previa')")
    graves["vista previa"] = axe_graves(pagina)
    assert {k: v for k, v in graves.items() if v} == {}
