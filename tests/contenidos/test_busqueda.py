"""Search box: guides, countries, videos and boletines, accent-insensitive, extensible."""

import pytest

pytestmark = pytest.mark.django_db


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
