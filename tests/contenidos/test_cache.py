"""Public pages are cached per language and redrawn when content is saved or deleted."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contenidos.carga import cargar_todo
from contenidos.models import Alerta, Guia, VersionPortal

pytestmark = pytest.mark.django_db


@pytest.fixture
def contenido(db):
    return cargar_todo()


def test_cached_home_costs_two_small_queries(client, contenido):
    client.get("/")
    with CaptureQueriesContext(connection) as consultas:
        html = client.get("/").content.decode()
    assert "Cuidado con las ofertas de empleo falsas" in html
    # The content generation, and the shared cache read (the database cache unless REDIS_URL).
    assert len(consultas) == 2


def test_saving_an_alert_redraws_the_home(client, contenido):
    client.get("/")
    alerta = Alerta.objects.get(titulo="Trata de personas: llame al 1818")
    alerta.titulo = "Trata de personas: la Línea 1818 atiende las 24 horas"
    alerta.save()
    html = client.get("/").content.decode()
    assert "la Línea 1818 atiende las 24 horas" in html


def test_deleting_and_unpublishing_redraw_the_page(client, contenido):
    assert "Cuidado con las ofertas" in client.get("/").content.decode()
    Alerta.objects.get(titulo="Cuidado con las ofertas de empleo falsas").delete()
    assert "Cuidado con las ofertas" not in client.get("/").content.decode()
    guia = Guia.objects.get(perfil="retornado", idioma="es")
    client.get("/perfil/retornado/")
    guia.cuerpo += "\n\n## Nueva etapa de prueba\n"
    guia.save()
    assert "Nueva etapa de prueba" in client.get("/perfil/retornado/").content.decode()


def test_cache_is_kept_per_language(client, contenido):
    assert '<html lang="es">' in client.get("/").content.decode()
    ingles = client.get("/en/").content.decode()
    assert "What is your situation?" in ingles
    assert "¿Cuál es su situación?" not in ingles


def test_generation_moves_on_each_save(contenido):
    antes = VersionPortal.actual()
    guia = Guia.objects.first()
    guia.save()
    medio = VersionPortal.actual()
    guia.save()
    assert antes < medio < VersionPortal.actual()


def test_cached_page_carries_each_visitors_own_csrf_token(contenido):
    from django.test import Client

    from contenidos.cache import MARCA_CSRF

    tokens = []
    for _ in range(2):
        visitante = Client(enforce_csrf_checks=True)
        respuesta = visitante.get("/boletin/")
        html = respuesta.content.decode()
        assert MARCA_CSRF not in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert "csrftoken" in respuesta.cookies
        tokens.append(token)
        enviado = visitante.post(
            "/boletin/suscribirse/", {"email": "ana@ejemplo.pe", "csrfmiddlewaretoken": token}
        )
        assert enviado.status_code == 302
    assert tokens[0] != tokens[1]


def test_editors_bypass_the_page_cache(client, cliente_de, editor, contenido):
    assert "Borrador" not in client.get("/perfil/andino/").content.decode()
    Guia.objects.filter(perfil="andino").update(publicado=False)  # no signal: cache is stale
    html = cliente_de(editor).get("/perfil/andino/").content.decode()
    assert "Borrador" in html
