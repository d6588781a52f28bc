"""English versions of every profile guide, country page and alert, with the same facts."""

import re

import pytest
from django.utils import translation

from contenidos.carga import DIRECTORIO, cargar_todo
from contenidos.models import Alerta, Guia, Pagina, PaisGuia
from infomigra.vocabulario import TipoMigrante

pytestmark = pytest.mark.django_db


def _cuerpo(ruta):
    return ruta.read_text(encoding="utf-8").split("\n\n", 1)[1]


def _cifras(texto):
    """Every number, with thousands and decimal separators removed (50 000 = 50,000)."""
    encontrados = re.finditer(r"\d+(?:[ .,]\d{3})*(?:[.,]\d+)?", texto)
    return {re.sub(r"[ .,]", "", m.group()) for m in encontrados}


def _enlaces_externos(texto):
    """External links; a page's own language variant (``etias_es``/``etias_en``) counts once."""
    return {re.sub(r"_(es|en)$", "", u) for u in re.findall(r"https?://[^\s)\]]+", texto)}


def _pares():
    for ingles in sorted(DIRECTORIO.rglob("*.en.md")):
        yield ingles.with_name(ingles.name.replace(".en.md", ".md")), ingles


def test_every_guide_and_country_page_has_an_english_version():
    for carpeta in ("perfiles", "paises"):
        for espanol in (DIRECTORIO / carpeta).glob("*.md"):
            if ".en." not in espanol.name:
                assert espanol.with_name(espanol.stem + ".en.md").exists(), espanol.name


def test_every_published_spanish_guide_country_and_information_page_has_english():
    """Through the database, so a page added later (a new seed file) is covered too."""
    cargar_todo()
    claves = ((Guia, "perfil"), (PaisGuia, "iso"), (Pagina, "slug"))
    sin_ingles = []
    for modelo, clave in claves:
        ingles = set(modelo.objects.filter(idioma="en").values_list(clave, flat=True))
        for valor in modelo.objects.publicados().filter(idioma="es").values_list(clave, flat=True):
            if valor not in ingles:
                sin_ingles.append(f"{modelo.__name__} {valor}")
    assert sin_ingles == []
    assert Pagina.objects.filter(idioma="en").count() >= 9


def test_information_pages_are_served_in_english(client):
    cargar_todo()
    for pagina in Pagina.objects.filter(idioma="en"):
        with translation.override("en"):
            url = pagina.get_absolute_url()
        assert url.startswith("/en/"), url
        html = client.get(url).content.decode()
        espanol = Pagina.objects.get(slug=pagina.slug, idioma="es")
        assert f"<h1>{pagina.titulo}</h1>" in html, pagina.slug
        assert f"<h1>{espanol.titulo}</h1>" not in html, pagina.slug


@pytest.mark.parametrize("espanol,ingles", list(_pares()), ids=lambda r: r.name)
def test_english_versions_state_the_same_facts(espanol, ingles):
    assert _cifras(_cuerpo(ingles)) == _cifras(_cuerpo(espanol))
    assert _enlaces_externos(_cuerpo(ingles)) == _enlaces_externos(_cuerpo(espanol))
    internos = re.findall(r"\]\((/[^)]*)\)", _cuerpo(ingles))
    assert all(enlace.startswith("/en/") for enlace in internos), internos


def test_english_pages_are_served_in_english(client):
    cargar_todo()
    for codigo in TipoMigrante.values:
        guia = Guia.objects.get(perfil=codigo, idioma="en")
        html = client.get(f"/en/perfil/{codigo}/").content.decode()
        assert guia.titulo in html and '<article class="guia" lang="es"' not in html, codigo
    for pais in PaisGuia.objects.filter(idioma="es"):
        ingles = PaisGuia.objects.get(iso=pais.iso, idioma="en")
        html = client.get(f"/en/paises/{pais.iso}/").content.decode()
        assert ingles.titulo in html, pais.iso
        assert pais.titulo not in html, pais.iso


def test_alerts_follow_the_language(client):
    cargar_todo()
    assert Alerta.objects.filter(idioma="en").count() == Alerta.objects.filter(idioma="es").count()
    ingles = client.get("/en/").content.decode()
    espanol = client.get("/").content.decode()
    assert 'Trafficking in persons: call <a href="tel:1818">1818</a>' in ingles
    assert "Trata de personas: llame al" not in ingles
    assert 'Trata de personas: llame al <a href="tel:1818">1818</a>' in espanol
    assert "Trafficking in persons" not in espanol
