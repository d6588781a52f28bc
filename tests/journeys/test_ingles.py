"""The portal in English from an English browser: the switch sticks, links keep the language
and content that has no translation says so, in English."""

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

SIN_IDIOMA = ("/static/", "/media/", "/gestion/", "/cuentas/", "/admin/", "/i18n/", "/salud/")


def comprobar_pagina_inglesa(pagina):
    """On /en/…, in English; every internal link stays in English; Spanish content is noted."""
    ruta = urlsplit(pagina.url).path
    assert ruta.startswith("/en/"), f"terminó en {pagina.url}"
    assert pagina.get_attribute("html", "lang") == "en"
    # The language switch itself (hreflang) is the one link meant to leave English.
    enlaces = pagina.eval_on_selector_all(
        "a[href^='/']:not([hreflang])", "es => es.map(e => e.getAttribute('href'))"
    )
    espanol = [h for h in enlaces if not h.startswith("/en/") and not h.startswith(SIN_IDIOMA)]
    assert espanol == [], f"{ruta}: enlaces a páginas en español {espanol}"
    if pagina.locator("main [lang=es]").count():
        nota = pagina.locator(".nota-idioma").first
        assert nota.is_visible(), f"{ruta}: contenido en español sin aviso"
        assert "not yet available in your language" in nota.inner_text()


def test_english_browser_switches_to_english_and_stays(sitio, movil_ingles):
    pagina = movil_ingles
    pagina.goto(sitio.url + "/")
    assert pagina.get_attribute("html", "lang") == "es"
    pagina.click(".menu-movil summary")
    # On portal pages the switch is a plain link to the same page in the other language.
    pagina.click(".menu-movil-panel a[hreflang=en]")
    pagina.wait_for_load_state()
    comprobar_pagina_inglesa(pagina)

    pagina.click("a.perfil >> nth=0")
    comprobar_pagina_inglesa(pagina)
    pagina.goto(pagina.url.split("/en/")[0] + "/en/paises/")
    comprobar_pagina_inglesa(pagina)
    pagina.locator("main a[href^='/en/paises/']").first.click()
    comprobar_pagina_inglesa(pagina)
    pagina.click(".menu-movil summary")
    pagina.locator(".menu-movil-panel a[href='/en/preguntas-frecuentes/']").click()
    comprobar_pagina_inglesa(pagina)
    pagina.fill("input[type=search]", "visa")
    pagina.locator("main form[role=search] button[type=submit]").click()
    comprobar_pagina_inglesa(pagina)
    pagina.goto(pagina.url.split("/en/")[0] + "/en/videos/")
    comprobar_pagina_inglesa(pagina)
    pagina.locator("main a[href^='/en/videos/']").first.click()
    comprobar_pagina_inglesa(pagina)
    pagina.goto(pagina.url.split("/en/")[0] + "/en/consulta/")
    comprobar_pagina_inglesa(pagina)
    assert re.search(r"question", pagina.locator("h1").inner_text(), re.I)


def test_switching_back_to_spanish_from_english(sitio, movil_ingles):
    movil_ingles.goto(sitio.url + "/en/preguntas-frecuentes/")
    movil_ingles.click(".menu-movil summary")
    movil_ingles.click(".menu-movil-panel a[hreflang=es]")
    movil_ingles.wait_for_url(sitio.url + "/preguntas-frecuentes/")
    assert movil_ingles.get_attribute("html", "lang") == "es"
