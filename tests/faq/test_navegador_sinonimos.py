"""An Editor adds a search synonym through the back office in real Chromium without JavaScript,
and an anonymous portal search that found nothing now finds the FAQ entry, on the FAQ page and
on /buscar/; axe finds no serious or critical violation on the synonym pages."""

import pytest

from faq.models import Sinonimo
from tests.faq_ayudas import crear_pregunta
from tests.navegador import axe_graves, iniciar_sesion

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("semillas"),
]


@pytest.fixture
def pasaporte(contenido):
    return crear_pregunta(
        "Mi empleador se quedó con mi pasaporte, ¿es legal?",
        "Nadie puede retener sus documentos de identidad.",
        tema="derechos-laborales",
        perfiles=("extranjero",),
    )


def _contexto(navegador):
    contexto = navegador.new_context(
        locale="es-PE", viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    contexto.set_default_timeout(15_000)
    return contexto


def _buscar(pagina, live_server, ruta, caja, q):
    """Search as a visitor does: type into the page's box and press Enter (no JavaScript)."""
    pagina.goto(live_server.url + ruta)
    pagina.fill(caja, q)
    pagina.press(caja, "Enter")
    pagina.wait_for_load_state()


def _encontrada(pagina, pregunta, resultados):
    return pagina.locator(f"{resultados} a[href*='/{pregunta.slug}/']").count() > 0


def test_editor_adds_a_synonym_and_the_anonymous_search_finds_the_entry(
    live_server, navegador, editor, pasaporte
):
    visitante, oficina = _contexto(navegador), _contexto(navegador)
    portal, gestion = visitante.new_page(), oficina.new_page()
    busquedas = [
        ("/preguntas-frecuentes/", "#id_q", ".resultados-faq"),
        ("/buscar/", "#q", ".resultados-busqueda"),
    ]
    try:
        for ruta, caja, resultados in busquedas:
            _buscar(portal, live_server, ruta, caja, "guardadito")
            assert not _encontrada(portal, pasaporte, resultados), ruta

        iniciar_sesion(gestion, live_server, editor)
        gestion.goto(live_server.url + "/gestion/")
        gestion.click(".menu-escritorio summary:text('Contenidos')")
        gestion.click(".menu-escritorio details[open] a:text('Sinónimos de búsqueda')")
        gestion.click("main a:text('Nuevo sinónimo')")
        gestion.click("button:text('Guardar')")  # empty: refused, each field named
        errores = gestion.locator(".alert-danger").inner_text()
        assert "Término: escriba la palabra o expresión que usa la gente." in errores
        assert "Equivalentes: escriba al menos una palabra equivalente." in errores
        gestion.fill("#id_termino", "guardadito")
        gestion.fill("#id_equivalentes", "pasaporte, documentos")
        gestion.click("button:text('Guardar')")
        assert "las búsquedas ya lo usan" in gestion.locator(".alert-success").inner_text()
        assert "guardadito" in gestion.locator("main table").inner_text()
        assert Sinonimo.objects.filter(termino="guardadito", activo=True).exists()

        for ruta, caja, resultados in busquedas:
            _buscar(portal, live_server, ruta, caja, "guardadito")
            assert _encontrada(portal, pasaporte, resultados), ruta
    finally:
        visitante.close()
        oficina.close()


def test_synonym_pages_have_no_serious_axe_violation(live_server, pagina, editor):
    sinonimo = Sinonimo.objects.create(termino="chamba", equivalentes="trabajo, empleo")
    iniciar_sesion(pagina, live_server, editor)
    graves = {}
    for ruta in (
        "/gestion/faq/sinonimos/",
        "/gestion/faq/sinonimos/?q=chamba",
        "/gestion/faq/sinonimos/nuevo/",
        f"/gestion/faq/sinonimos/{sinonimo.pk}/",
        f"/gestion/faq/sinonimos/{sinonimo.pk}/borrar/",
    ):
        pagina.goto(live_server.url + ruta)
        graves[ruta] = axe_graves(pagina)
    pagina.goto(live_server.url + "/gestion/faq/sinonimos/nuevo/")
    pagina.click("button:text('Guardar')")
    graves["errores"] = axe_graves(pagina)
    assert {k: v for k, v in graves.items() if v} == {}
