"""Public pages are cached per language and redrawn when content is saved or deleted."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contenidos.models import Alerta, Guia, VersionPortal

pytestmark = pytest.mark.django_db


def test_cached_home_costs_no_query(client, contenido, settings):
    settings.CACHE_PORTAL_VERIFICAR = 60  # the generation was read by the first request
    client.get("/")
    with CaptureQueriesContext(connection) as consultas:
        html = client.get("/").content.decode()
    assert "Cuidado con las ofertas de empleo falsas" in html
    assert len(consultas) == 0


def test_saving_an_alert_redraws_the_home(client, contenido):
    client.get("/")
    alerta = Alerta.objects.get(titulo="Trata de personas: llame al 1818")
    alerta.titulo = "Trata de personas: la Línea 1818 atiende las 24 horas"
    alerta.save()
    html = client.get("/").content.decode()
    assert 'la Línea <a href="tel:1818">1818</a> atiende las 24 horas' in html


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


def test_subscription_form_has_its_own_page_with_each_visitors_token(contenido):
    from django.test import Client

    tokens = []
    for _ in range(2):
        visitante = Client(enforce_csrf_checks=True)
        assert not visitante.get("/boletin/").cookies  # the edition list: no form, no cookie
        respuesta = visitante.get("/boletin/suscribirse/")
        html = respuesta.content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert "csrftoken" in respuesta.cookies
        assert "no-store" in respuesta["Cache-Control"]
        tokens.append(token)
        enviado = visitante.post(
            "/boletin/suscribirse/", {"email": "ana@ejemplo.pe", "csrfmiddlewaretoken": token}
        )
        assert enviado.status_code == 302
    assert tokens[0] != tokens[1]


def test_editors_bypass_the_page_cache(client, cliente_de, editor, contenido):
    assert "Borrador" not in client.get("/perfil/andino/").content.decode()
    Guia.objects.filter(perfil="andino").update(publicado=False)  # no signal: cache is stale
    respuesta = cliente_de(editor).get("/perfil/andino/")
    assert "Borrador" in respuesta.content.decode()
    assert "private" in respuesta["Cache-Control"]
    assert "no-store" in respuesta["Cache-Control"]
    assert "public" not in respuesta["Cache-Control"]
