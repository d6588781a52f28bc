"""Markdown bodies become sanitised HTML on save; nothing is parsed per request."""

import pytest

from contenidos.models import Guia, PaisGuia
from contenidos.texto import partir_fuentes
from infomigra.texto import markdown_a_html
from infomigra.texto import plegar as normalizar

pytestmark = pytest.mark.django_db


def test_script_and_handlers_are_stripped_on_save():
    guia = Guia.objects.create(
        perfil="andino",
        titulo="Prueba",
        cuerpo=(
            "## Etapa\n\n<script>alert('x')</script>\n\n"
            '<a href="javascript:alert(1)" onclick="robar()">enlace</a>\n\n'
            '<img src="x" onerror="robar()">\n\n**negrita**'
        ),
    )
    html = guia.cuerpo_html
    assert "<script" not in html and "alert('x')" not in html
    assert "onclick" not in html and "javascript:" not in html and "onerror" not in html
    assert "<img" not in html
    assert "<strong>negrita</strong>" in html
    assert '<h2 id="etapa">Etapa</h2>' in html


def test_headings_are_indexed_and_h1_is_demoted():
    html, indice = markdown_a_html("# Decidir\n\ntexto\n\n## Preparar el viaje\n\n### Detalle\n")
    assert "<h1" not in html
    assert indice == [
        {"id": "decidir", "titulo": "Decidir"},
        {"id": "preparar-el-viaje", "titulo": "Preparar el viaje"},
    ]


def test_external_links_get_noopener_and_tables_survive():
    html, _ = markdown_a_html(
        "[MTPE](https://www.gob.pe/mtpe)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert 'rel="noopener noreferrer"' in html
    assert "<table>" in html and "<th>a</th>" in html


def test_body_html_is_stored_not_rendered_per_request(client):
    pais = PaisGuia.objects.create(
        iso="PE", nombre="Perú", tipo="origen", titulo="Perú", cuerpo="*hola*", publicado=True
    )
    PaisGuia.objects.filter(pk=pais.pk).update(cuerpo="*cambiado sin guardar*")
    html = client.get("/paises/PE/").content.decode()
    assert "<em>hola</em>" in html and "cambiado" not in html


def test_sources_are_split_with_links():
    assert partir_fuentes("Ley 28950 (2007) | MTPE (https://www.gob.pe/mtpe)") == [
        {"texto": "Ley 28950 (2007)", "url": ""},
        {"texto": "MTPE", "url": "https://www.gob.pe/mtpe"},
    ]


def test_search_text_is_folded():
    assert normalizar("  Pensión  EN España ") == "pension en espana"
