"""Directory of institutions filtered by country and profile, and the agreements page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_directory_lists_everything_grouped_by_country(client, contenido):
    html = client.get("/instituciones/").content.decode()
    assert "71 instituciones" in html
    assert "Ministerio de Trabajo y Promoción del Empleo (MTPE)" in html
    assert re.search(r'<label\s+for="id_pais" class="form-label">\s*País\s*</label>', html)


def test_filter_by_country_and_profile(client, contenido):
    respuesta = client.get("/instituciones/", {"pais": "ES", "perfil": "emigrante"})
    instituciones = respuesta.context["instituciones"]
    assert instituciones
    assert {i.pais for i in instituciones} == {"ES"}
    assert all("emigrante" in i.perfiles for i in instituciones)
    html = respuesta.content.decode()
    assert '<option value="ES" selected>' in html
    assert "Ver todas" in html


def test_filter_by_profile_only(client, contenido):
    todas = client.get("/instituciones/").context["instituciones"]
    extranjero = client.get("/instituciones/", {"perfil": "extranjero"}).context["instituciones"]
    assert 0 < len(extranjero) < len(todas)
    assert all("extranjero" in i.perfiles for i in extranjero)


def test_invalid_filter_names_the_field(client, contenido):
    respuesta = client.get("/instituciones/", {"pais": "ZZ", "perfil": "marciano"})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "País: elija un país de la lista." in html
    assert "Su situación: elija una opción de la lista." in html
    assert 'aria-describedby="id_pais_error"' in html and 'id="id_pais_error"' in html


def test_agreements_page(client, contenido):
    html = client.get("/instituciones/convenios/").content.decode()
    assert "Decisión 545 – Instrumento Andino de Migración Laboral" in html
    assert "Decisión 583" in html
    assert "Seguridad social" in html
    assert html.count("<h1") == 1
