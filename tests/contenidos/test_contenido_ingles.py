"""English versions of every profile guide, country page and alert, with the same facts."""

import re

import pytest

from contenidos.carga import DIRECTORIO, cargar_todo
from contenidos.models import Alerta, Guia, PaisGuia
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
    assert "Trafficking in persons: call 1818" in ingles
    assert "Trata de personas: llame al 1818" not in ingles
    assert "Trata de personas: llame al 1818" in espanol
    assert "Trafficking in persons" not in espanol
