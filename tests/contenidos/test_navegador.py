"""The portal in real Chromium: axe-core finds no serious/critical violation, every page works
without JavaScript, the home page is light and asks nothing from another host."""

import gzip
from importlib.resources import files

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGINAS = [
    "/",
    "/perfil/potencial/",
    "/en/perfil/extranjero/",
    "/paises/",
    "/paises/ES/",
    "/videos/",
    "/videos/como-reconocer-una-oferta-de-trabajo-falsa/",
    "/boletin/",
    "/boletin/1/",
    "/instituciones/",
    "/instituciones/?pais=ES&perfil=emigrante",
    "/instituciones/convenios/",
    "/acerca/",
    "/buscar/?q=visa",
]
AXE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def test_axe_finds_no_serious_or_critical_violations(live_server, pagina, contenido):
    graves = {}
    for ruta in PAGINAS:
        pagina.goto(live_server.url + ruta)
        # Injected through DevTools, so the page's strict CSP (no inline scripts) stays on.
        pagina.evaluate(AXE + "\n;undefined")
        resultado = pagina.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        encontradas = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
            for v in resultado["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if encontradas:
            graves[ruta] = encontradas
    assert graves == {}


def test_every_page_works_without_javascript(live_server, navegador, contenido):
    contexto = navegador.new_context(java_script_enabled=False, locale="es-PE")
    pagina = contexto.new_page()
    try:
        for ruta in PAGINAS:
            respuesta = pagina.goto(live_server.url + ruta)
            assert respuesta.status == 200, ruta
            assert pagina.locator("h1").count() == 1, ruta
            assert pagina.locator("html").get_attribute("lang") in ("es", "en"), ruta
            assert pagina.locator("a.enlace-saltar[href='#contenido']").count() == 1, ruta
        # Plain forms: filter the directory and search, no script involved.
        pagina.goto(live_server.url + "/instituciones/")
        pagina.select_option("#id_pais", "ES")
        pagina.click("main button[type=submit]")
        assert "pais=ES" in pagina.url
        assert "España" in pagina.locator("main h2").first.inner_text()
        pagina.goto(live_server.url + "/")
        pagina.fill("#q-inicio", "pension")
        pagina.press("#q-inicio", "Enter")
        assert "/buscar/?q=pension" in pagina.url
        # The video is a plain <video controls> with a download link.
        pagina.goto(live_server.url + "/videos/como-reconocer-una-oferta-de-trabajo-falsa/")
        assert pagina.locator("video[controls]").count() == 1
        assert pagina.locator("video[autoplay]").count() == 0
        assert pagina.locator("a[download]").count() == 1
    finally:
        contexto.close()


def test_home_is_light_and_local(live_server, pagina, contenido):
    recursos = []
    pagina.on("response", lambda r: recursos.append(r))
    pagina.goto(live_server.url + "/", wait_until="networkidle")
    externas = [r.url for r in recursos if not r.url.startswith(live_server.url)]
    assert externas == []
    comprimido = sum(len(gzip.compress(r.body(), 6)) for r in recursos if r.status == 200)
    assert comprimido <= 150 * 1024, f"{comprimido} bytes comprimidos"
    tipos = {r.request.resource_type for r in recursos}
    assert "script" not in tipos  # the home page needs no JavaScript at all


def test_print_button_appears_with_javascript(live_server, pagina, contenido):
    pagina.goto(live_server.url + "/perfil/retornado/")
    assert pagina.locator("[data-imprimir]").is_visible()
    pagina.emulate_media(media="print")
    assert not pagina.locator("nav.navegacion").is_visible()
