"""Search synonyms kept by Editors under /gestion/faq/sinonimos/: list, search, create, edit,
delete; named Spanish errors; only Editors; an edit changes both searches at once, cached pages
included."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from contenidos.cache import almacen, clave_pagina
from contenidos.models import VersionPortal
from faq.models import Sinonimo
from infomigra.vocabulario import ROL_ASESOR, ROL_EDITOR, ROL_RESPONSABLE
from tests.faq_ayudas import crear_pregunta

pytestmark = pytest.mark.django_db

LISTA = "/gestion/faq/sinonimos/"
NUEVO = "/gestion/faq/sinonimos/nuevo/"
FAQ = "/preguntas-frecuentes/"
SITIO = "/buscar/"
PERMISOS = {"view_sinonimo", "add_sinonimo", "change_sinonimo", "delete_sinonimo"}


@pytest.fixture
def pasaporte(db):
    return crear_pregunta(
        "Mi empleador se quedó con mi pasaporte, ¿es legal?",
        "Nadie puede retener sus documentos de identidad.",
        tema="derechos-laborales",
        perfiles=("extranjero",),
    )


@pytest.fixture
def carne(db):
    return crear_pregunta(
        "¿Cómo obtengo mi Carné de Extranjería?",
        "Se tramita ante Migraciones con su calidad migratoria aprobada.",
        perfiles=("extranjero",),
    )


def _datos(termino="guardadito", equivalentes="pasaporte", **extra):
    return {"termino": termino, "equivalentes": equivalentes, "en_ambos_sentidos": "on",
            "activo": "on", **extra}  # fmt: skip


def _anonimo_ve(ruta, q, pregunta):
    """Whether an anonymous visitor's search results (not the «most consulted» fallback) link
    to ``pregunta``; the page goes through the page cache, which keeps it for the next one."""
    respuesta = Client().get(ruta, {"q": q})
    assert respuesta.status_code == 200
    # Browsers and the edge revalidate search results on every visit: an edit shows at once.
    assert respuesta["Cache-Control"] == "public, no-cache"
    resultados = respuesta.content.decode().split("populares-faq", 1)[0]
    return f"/{pregunta.slug}/" in resultados


def _en_cache(ruta, q):
    return almacen.leer(clave_pagina(f"{ruta}?q={q}"), almacen.generacion()) is not None


def test_only_the_editor_role_holds_the_synonym_permissions():
    def codigos(rol):
        grupo = Group.objects.get(name=rol)
        return set(grupo.permissions.filter(content_type__app_label="faq").values_list(
            "codename", flat=True))  # fmt: skip

    assert codigos(ROL_EDITOR) >= PERMISOS
    assert not PERMISOS & codigos(ROL_RESPONSABLE)
    assert not PERMISOS & codigos(ROL_ASESOR)


def test_the_menu_link_shows_only_to_who_may_use_it(cliente_de, editor, responsable, asesor_a):
    assert LISTA in cliente_de(editor).get("/gestion/").content.decode()
    assert LISTA not in cliente_de(responsable).get("/gestion/").content.decode()
    assert LISTA not in cliente_de(asesor_a).get("/gestion/").content.decode()
    assert LISTA in cliente_de(editor).get("/gestion/contenidos/").content.decode()


def test_list_searches_accent_blind_and_pages(cliente_de, editor):
    cliente = cliente_de(editor)
    total = Sinonimo.objects.count()
    assert total > 25  # the seeded entries fill more than one page
    html = cliente.get(LISTA).content.decode()
    assert f"{total} sinónimos." in html
    assert "Página 1 de" in html and "pagina=2" in html
    segunda = cliente.get(LISTA, {"pagina": 2}).content.decode()
    assert "Página 2 de" in segunda
    html = cliente.get(LISTA, {"q": "CARNE DE EXTRANJERIA"}).content.decode()
    assert "carnet de extranjería" in html and "brevete" not in html
    assert cliente.get(LISTA, {"q": "x" * 500, "pagina": "abc"}).status_code == 200
    assert "Ningún sinónimo contiene" in cliente.get(LISTA, {"q": "zzzqqq"}).content.decode()


def test_the_form_is_rendered_with_crispy_bootstrap(cliente_de, editor):
    html = cliente_de(editor).get(NUEVO).content.decode()
    assert 'id="div_id_termino"' in html and "form-check-input" in html
    assert "<script" not in html.split("<main", 1)[1]  # plain form, no JavaScript needed


def test_editor_adds_edits_and_deletes_and_both_searches_follow_at_once(
    cliente_de, editor, pasaporte, carne
):
    cliente = cliente_de(editor)
    for ruta in (FAQ, SITIO):
        assert not _anonimo_ve(ruta, "guardadito", pasaporte)
        assert _en_cache(ruta, "guardadito")  # the empty answer is a cached public page

    respuesta = cliente.post(NUEVO, _datos(), follow=True)
    assert "creado: las búsquedas ya lo usan" in respuesta.content.decode()
    sinonimo = Sinonimo.objects.get(termino="guardadito")
    for ruta in (FAQ, SITIO):
        assert _anonimo_ve(ruta, "guardadito", pasaporte), ruta

    respuesta = cliente.post(
        f"{LISTA}{sinonimo.pk}/", _datos(equivalentes="carné de extranjería"), follow=True
    )
    assert "guardado: las búsquedas ya usan el cambio" in respuesta.content.decode()
    for ruta in (FAQ, SITIO):
        assert _anonimo_ve(ruta, "guardadito", carne), ruta
        assert not _anonimo_ve(ruta, "guardadito", pasaporte), ruta

    confirmar = cliente.get(f"{LISTA}{sinonimo.pk}/borrar/")
    assert "Sí, borrar" in confirmar.content.decode()
    assert Sinonimo.objects.filter(pk=sinonimo.pk).exists()  # a GET never deletes
    respuesta = cliente.post(f"{LISTA}{sinonimo.pk}/borrar/", follow=True)
    assert "borrado: las búsquedas ya no lo usan" in respuesta.content.decode()
    assert not Sinonimo.objects.filter(pk=sinonimo.pk).exists()
    for ruta in (FAQ, SITIO):
        assert not _anonimo_ve(ruta, "guardadito", carne), ruta


def test_an_edit_made_by_another_process_applies_to_the_next_search(settings, pasaporte):
    """Another server process saved a synonym: this one got no signal, only the database."""
    settings.CACHE_PORTAL_VERIFICAR = 0  # the page cache re-reads the generation every request
    assert not _anonimo_ve(FAQ, "guardadito", pasaporte)
    Sinonimo.objects.bulk_create([Sinonimo(termino="guardadito", equivalentes="pasaporte")])
    VersionPortal.avanzar()  # what the other process' save signal wrote
    assert _anonimo_ve(FAQ, "guardadito", pasaporte)
    assert _anonimo_ve(SITIO, "guardadito", pasaporte)


CASOS_INVALIDOS = [
    ({"termino": "  "}, "Término: escriba la palabra o expresión que usa la gente."),
    ({"equivalentes": ""}, "Equivalentes: escriba al menos una palabra equivalente."),
    ({"equivalentes": " , ,"}, "Equivalentes: escriba al menos una palabra equivalente."),
    ({"termino": "a" * 81}, "Término: admite como máximo 80 caracteres (tiene 81)."),
    ({"equivalentes": "b" * 301}, "Equivalentes: admite como máximo 300 caracteres (tiene 301)."),
    ({"termino": "plata<script>"}, "Término: solo se admiten letras"),
    ({"equivalentes": "dinero; DROP"}, "Equivalentes: solo se admiten letras"),
    ({"termino": "de la"}, "Término: «de la» no tiene ninguna palabra que la búsqueda use"),
    ({"termino": "una dos tres cuatro cinco"}, "Término: use como máximo 4 palabras."),
    ({"equivalentes": "dinero,, plata"}, "Equivalentes: no deje una coma sin palabra."),
    ({"equivalentes": "pasaporte, Pasapórte"}, "Equivalentes: «Pasapórte» está repetido."),
    ({"equivalentes": "pasaporte, Guardadíto"}, "Equivalentes: «Guardadíto» es el mismo término"),
]


@pytest.mark.parametrize(("cambios", "mensaje"), CASOS_INVALIDOS)
def test_bad_input_is_refused_with_a_named_spanish_message(cliente_de, editor, cambios, mensaje):
    antes = Sinonimo.objects.count()
    respuesta = cliente_de(editor).post(NUEVO, _datos(**cambios))
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    assert "Revise los campos marcados" in respuesta.content.decode()
    assert Sinonimo.objects.count() == antes


def test_a_duplicate_term_is_refused_accent_and_case_blind(cliente_de, editor):
    cliente = cliente_de(editor)
    assert cliente.post(NUEVO, _datos()).status_code == 302
    respuesta = cliente.post(NUEVO, _datos(termino="GUARDADÍTO", equivalentes="documento"))
    assert respuesta.status_code == 400
    assert "Término: ya existe un sinónimo para «GUARDADÍTO»" in respuesta.content.decode()
    assert Sinonimo.objects.filter(termino__iexact="guardadito").count() == 1
    # Saving the entry itself again is not a duplicate of itself.
    sinonimo = Sinonimo.objects.get(termino="guardadito")
    assert cliente.post(f"{LISTA}{sinonimo.pk}/", _datos(activo="")).status_code == 302
    sinonimo.refresh_from_db()
    assert sinonimo.activo is False


def test_seeded_entries_can_be_saved_unchanged(cliente_de, editor):
    cliente = cliente_de(editor)
    for sinonimo in Sinonimo.objects.all():
        datos = _datos(sinonimo.termino, sinonimo.equivalentes)
        if not sinonimo.en_ambos_sentidos:
            datos.pop("en_ambos_sentidos")
        respuesta = cliente.post(f"{LISTA}{sinonimo.pk}/", datos)
        assert respuesta.status_code == 302, (sinonimo, respuesta.content.decode()[-2000:])


@pytest.mark.parametrize("rol", ["responsable", "asesor_a"])
def test_other_roles_can_neither_see_nor_change_synonyms(request, cliente_de, rol):
    sinonimo = Sinonimo.objects.create(termino="guardadito", equivalentes="pasaporte")
    cliente = cliente_de(request.getfixturevalue(rol))
    assert cliente.get(LISTA).status_code == 403
    assert cliente.post(NUEVO, _datos(termino="otro")).status_code == 403
    assert cliente.post(f"{LISTA}{sinonimo.pk}/", _datos(equivalentes="visa")).status_code == 403
    assert cliente.post(f"{LISTA}{sinonimo.pk}/borrar/").status_code == 403
    sinonimo.refresh_from_db()
    assert sinonimo.equivalentes == "pasaporte"
    assert not Sinonimo.objects.filter(termino="otro").exists()


def test_anonymous_is_sent_to_login_and_unknown_entries_are_404(client, cliente_de, editor):
    respuesta = client.post(NUEVO, _datos())
    assert respuesta.status_code == 302 and respuesta["Location"].startswith("/cuentas/login/")
    assert not Sinonimo.objects.filter(termino="guardadito").exists()
    cliente = cliente_de(editor)
    assert cliente.get(f"{LISTA}999999/").status_code == 404
    assert cliente.post(f"{LISTA}999999/borrar/").status_code == 404
