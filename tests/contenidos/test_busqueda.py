"""Search box: guides, countries, videos and boletines, accent-insensitive, extensible."""

import pytest

from contenidos import extensiones
from contenidos.carga import cargar_todo

pytestmark = pytest.mark.django_db


@pytest.fixture
def contenido(db):
    return cargar_todo()


def test_search_finds_guides_and_countries_without_accents(client, contenido):
    html = client.get("/buscar/", {"q": "pension espana"}).content.decode()
    assert 'href="/paises/ES/"' in html
    assert "resultados para «pension espana»" in html


def test_search_matches_accented_query_too(client, contenido):
    html = client.get("/buscar/", {"q": "Tarjeta del Migrante Retornado"}).content.decode()
    assert 'href="/perfil/retornado/"' in html
    assert 'href="/videos/la-tarjeta-del-migrante-retornado/"' in html


def test_empty_and_unmatched_search(client, contenido):
    assert client.get("/buscar/").status_code == 200
    html = client.get("/buscar/", {"q": "zzzxxqq"}).content.decode()
    assert "0 resultados" in html and 'href="/consulta/"' in html


def test_other_apps_can_add_results(client, contenido):
    def preguntas(consulta, idioma):
        return [{"titulo": f"Pregunta: {consulta}", "url": "/preguntas-frecuentes/7/"}]

    # Restore the registry afterwards: the faq app's own search is registered there too.
    registradas = list(extensiones.BUSQUEDAS)
    extensiones.registrar_busqueda("Preguntas frecuentes", preguntas)
    try:
        html = client.get("/buscar/", {"q": "visa"}).content.decode()
    finally:
        extensiones.BUSQUEDAS.clear()
        extensiones.BUSQUEDAS.extend(registradas)
    assert "Preguntas frecuentes" in html and 'href="/preguntas-frecuentes/7/"' in html
