"""The portal and back-office layouts: accessible skeleton, Spanish, no third-party hosts."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_home_layout_is_accessible_and_local(client):
    html = client.get("/").content.decode()
    assert '<html lang="es">' in html
    assert 'href="#contenido"' in html and 'id="contenido"' in html
    assert html.count("<h1") == 1
    assert "/static/bootstrap/css/bootstrap.min.css" in html
    externos = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert externos == []
    assert "Sede central — Lima" in html  # offices come from the database


def test_english_version_under_prefix(client):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html


def test_language_switch_works_without_javascript(client):
    respuesta = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/en/"


def test_404_page_is_spanish(client, settings):
    settings.DEBUG = False
    respuesta = client.get("/no-existe/")
    assert respuesta.status_code == 404
    assert "Página no encontrada" in respuesta.content.decode()


def test_500_page_is_spanish(rf, settings):
    from infomigra.views import error_servidor

    settings.SERVICIO_NOMBRE = "SIMLA"
    respuesta = error_servidor(rf.get("/"))
    html = respuesta.content.decode()
    assert respuesta.status_code == 500
    assert "Ocurrió un error en el servidor" in html
    assert '<html lang="es">' in html
    assert "SIMLA" in html


def test_portal_navigation_reaches_every_section(client):
    html = client.get("/").content.decode()
    for ruta in (
        "/preguntas-frecuentes/",
        "/paises/",
        "/videos/",
        "/boletin/",
        "/instituciones/",
        "/acerca/",
        "/consulta/",
    ):
        assert f'href="{ruta}"' in html, ruta
