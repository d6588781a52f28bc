"""Drafts: 404 for the public and other roles; rendered with a "Borrador" banner for Editors."""

import pytest

from contenidos.carga import cargar_todo
from contenidos.models import Boletin, Guia, Pagina, PaisGuia, Video

pytestmark = pytest.mark.django_db


@pytest.fixture
def borradores(db):
    cargar_todo()
    for qs in (
        Guia.objects.filter(perfil="andino"),
        PaisGuia.objects.filter(iso="BO"),
        Video.objects.filter(slug="la-tarjeta-del-migrante-retornado"),
        Boletin.objects.filter(numero=2),
        Pagina.objects.filter(slug="acerca"),
    ):
        for obj in qs:
            obj.publicado = False
            obj.save()


URLS = [
    "/perfil/andino/",
    "/paises/BO/",
    "/videos/la-tarjeta-del-migrante-retornado/",
    "/boletin/2/",
    "/acerca/",
]


def test_drafts_are_404_for_the_public(client, borradores):
    for url in URLS:
        assert client.get(url).status_code == 404, url


def test_drafts_are_404_for_an_asesor(cliente_de, asesor_a, borradores):
    cliente = cliente_de(asesor_a)
    for url in URLS:
        assert cliente.get(url).status_code == 404, url


def test_editor_previews_drafts_with_banner(cliente_de, editor, borradores):
    cliente = cliente_de(editor)
    for url in URLS:
        respuesta = cliente.get(url)
        assert respuesta.status_code == 200, url
        assert "Borrador" in respuesta.content.decode(), url


def test_drafts_are_left_out_of_lists_and_home(client, borradores):
    assert 'href="/paises/BO/"' not in client.get("/paises/").content.decode()
    assert (
        "/videos/la-tarjeta-del-migrante-retornado/" not in client.get("/videos/").content.decode()
    )
    assert 'href="/boletin/2/"' not in client.get("/boletin/").content.decode()
    assert "Boletín n.º 1" in client.get("/").content.decode()


def test_published_page_has_no_banner_for_editor(cliente_de, editor, borradores):
    html = cliente_de(editor).get("/perfil/potencial/").content.decode()
    assert "Borrador" not in html


def test_admin_change_page_links_to_preview(cliente_de, editor, borradores):
    editor.is_staff = True
    editor.save()
    guia = Guia.objects.get(perfil="andino", idioma="es")
    html = cliente_de(editor).get(f"/admin/contenidos/guia/{guia.pk}/change/").content.decode()
    assert 'href="/perfil/andino/"' in html


def test_back_office_menu_links_editors_to_content(cliente_de, editor):
    cliente = cliente_de(editor)
    html = cliente.get("/gestion/").content.decode()
    assert 'href="/gestion/contenidos/"' in html
    # The workspace keeps a way to the admin, where the catalogues stay.
    assert 'href="/admin/"' in cliente.get("/gestion/contenidos/").content.decode()
