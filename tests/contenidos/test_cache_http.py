"""Public pages are cookie-free and cacheable by any shared cache; private ones are never stored.

The in-process page cache answers repeat anonymous requests before sessions, authentication,
CSRF and locale run (contenidos/cache.py).
"""

import gzip as gzip_lib

import pytest
from django.conf import settings
from django.test import Client

from contenidos import visitas
from contenidos.models import Guia, VisitaDiaria

pytestmark = pytest.mark.django_db

PUBLICAS = [
    "/",
    "/en/",
    "/perfil/retornado/",
    "/en/perfil/extranjero/",
    "/paises/",
    "/paises/ES/",
    "/videos/",
    "/boletin/",
    "/instituciones/",
    "/instituciones/?pais=ES",
    "/instituciones/convenios/",
    "/acerca/",
    "/privacidad/",
    "/buscar/?q=visa",
    "/preguntas-frecuentes/",
    "/preguntas-frecuentes/?q=visa",
]


def _sin_vary_de_cookie_ni_idioma(respuesta):
    vary = {v.strip().lower() for v in respuesta.get("Vary", "").split(",") if v.strip()}
    return not vary & {"cookie", "accept-language"}


@pytest.mark.parametrize("ruta", PUBLICAS)
def test_public_pages_set_no_cookie_and_are_publicly_cacheable(contenido, ruta):
    for vez in ("primera", "repetida"):  # drawn by the view, then answered by the cache
        respuesta = Client().get(ruta)
        assert respuesta.status_code == 200, vez
        assert not respuesta.cookies, vez
        assert respuesta["Cache-Control"] == (
            "public, no-cache"  # search results revalidate: an edit shows at once
            if "?q=" in ruta
            else "public, max-age=60, s-maxage=300, stale-while-revalidate=600"
        )
        assert _sin_vary_de_cookie_ni_idioma(respuesta), respuesta.get("Vary")
        assert respuesta["ETag"].startswith('"')
        assert respuesta["Last-Modified"].endswith("GMT")
        assert 'name="csrfmiddlewaretoken"' not in respuesta.content.decode()


def test_cache_control_comes_from_settings(contenido, settings):
    settings.CACHE_PORTAL_CONTROL = "public, max-age=5, s-maxage=7"
    assert Client().get("/paises/")["Cache-Control"] == "public, max-age=5, s-maxage=7"


def test_language_switch_on_portal_pages_is_a_link(contenido):
    html = Client().get("/perfil/retornado/").content.decode()
    assert 'href="/en/perfil/retornado/"' in html
    assert "set_language" not in html and "/i18n/setlang/" not in html
    assert 'href="/perfil/extranjero/"' in Client().get("/en/perfil/extranjero/").content.decode()


@pytest.mark.parametrize("ruta", ["/", "/paises/ES/"])
def test_conditional_requests_get_304(contenido, ruta):
    cliente = Client()
    primera = cliente.get(ruta)
    for cabeceras in (
        {"HTTP_IF_NONE_MATCH": primera["ETag"]},
        {"HTTP_IF_MODIFIED_SINCE": primera["Last-Modified"]},
    ):
        respuesta = cliente.get(ruta, **cabeceras)
        assert respuesta.status_code == 304
        assert respuesta.content == b""
        assert respuesta["ETag"] == primera["ETag"]
    assert cliente.get(ruta, HTTP_IF_NONE_MATCH='"otra"').status_code == 200


def test_an_edit_changes_the_etag(contenido):
    antes = Client().get("/perfil/retornado/")["ETag"]
    guia = Guia.objects.get(perfil="retornado", idioma="es")
    guia.cuerpo += "\n\nUn párrafo nuevo."
    guia.save()
    respuesta = Client().get("/perfil/retornado/", HTTP_IF_NONE_MATCH=antes)
    assert respuesta.status_code == 200
    assert "Un párrafo nuevo." in respuesta.content.decode()


def test_another_process_edit_is_seen_within_the_check_interval(contenido, settings):
    """Another worker's edit only moves the generation in the database: this process sees it
    at its next check (CACHE_PORTAL_VERIFICAR seconds), not before."""
    from contenidos.cache import almacen

    settings.CACHE_PORTAL_VERIFICAR = 3600
    Client().get("/perfil/retornado/")
    Guia.objects.filter(perfil="retornado", idioma="es").update(titulo="Título de otro proceso")
    from contenidos.models import VersionPortal

    VersionPortal.avanzar()  # what the other process's signal does (no local olvidar())
    assert "Título de otro proceso" not in Client().get("/perfil/retornado/").content.decode()
    almacen._leida = float("-inf")  # the interval has passed
    assert "Título de otro proceso" in Client().get("/perfil/retornado/").content.decode()


def test_a_cache_hit_runs_before_session_auth_csrf_and_locale():
    orden = settings.MIDDLEWARE
    cache = orden.index("contenidos.cache.CachePortalMiddleware")
    for nombre in (
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ):
        assert cache < orden.index(nombre), nombre


def test_a_cache_hit_keeps_the_security_headers(contenido):
    Client().get("/videos/")
    cabeceras = Client().get("/videos/").headers
    assert "default-src 'self'" in cabeceras["Content-Security-Policy"]
    assert cabeceras["X-Frame-Options"] == "DENY"
    assert cabeceras["X-Content-Type-Options"] == "nosniff"


def test_a_cache_hit_still_checks_allowed_hosts(contenido):
    Client().get("/videos/")
    assert Client().get("/videos/", HTTP_HOST="malicioso.example").status_code == 400


def test_session_cookie_bypasses_the_cache(contenido, cliente_de, editor):
    Client().get("/perfil/andino/")
    Guia.objects.filter(perfil="andino").update(publicado=False)  # no signal: the cache is stale
    assert "Borrador" not in Client().get("/perfil/andino/").content.decode()
    assert "Borrador" in cliente_de(editor).get("/perfil/andino/").content.decode()


@pytest.mark.parametrize("primero_gzip", [True, False])
def test_a_compressed_page_is_only_served_to_clients_that_accept_gzip(contenido, primero_gzip):
    """GZipMiddleware runs inside the page cache: the compressed body of one visitor must not be
    the cached answer to a client that sent no Accept-Encoding (curl, some proxies)."""
    cliente = Client()
    orden = [True, False, True, False] if primero_gzip else [False, True, False, True]
    for gzip in orden:
        respuesta = cliente.get("/paises/", HTTP_ACCEPT_ENCODING="gzip" if gzip else "")
        assert respuesta.status_code == 200
        assert (respuesta.get("Content-Encoding") == "gzip") == gzip
        cuerpo = gzip_lib.decompress(respuesta.content) if gzip else respuesta.content
        assert cuerpo.startswith(b"<!doctype html>")


def test_head_gets_headers_without_a_body(contenido):
    Client().get("/paises/")
    respuesta = Client().head("/paises/")
    assert respuesta.status_code == 200
    assert respuesta.content == b""
    assert respuesta["ETag"]


def test_cache_hits_are_counted_as_page_views(contenido, settings):
    settings.VISITAS_ACTIVAS = True
    settings.VISITAS_LOTE = 10_000
    visitas.contador.descartar()
    agente = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"
    for _ in range(3):
        assert Client().get("/videos/", HTTP_USER_AGENT=agente).status_code == 200
    visitas.volcar()
    fila = VisitaDiaria.objects.get(seccion="videos")
    assert (fila.vistas, fila.visitas) == (3, 1)


@pytest.mark.parametrize("ruta", ["/consulta/", "/boletin/suscribirse/", "/cuentas/login/"])
def test_pages_with_a_form_token_are_private(contenido, ruta):
    respuesta = Client().get(ruta)
    assert respuesta.status_code == 200
    assert "csrftoken" in respuesta.cookies
    assert "private" in respuesta["Cache-Control"]
    assert "no-store" in respuesta["Cache-Control"]


def test_follow_up_page_and_unknown_pages_are_private(contenido):
    for ruta in ("/consulta/seguimiento/no-existe/", "/no-existe/", "/salud/"):
        respuesta = Client().get(ruta)
        assert "no-store" in respuesta["Cache-Control"], ruta
        assert "public" not in respuesta["Cache-Control"], ruta


def test_a_page_view_with_messages_is_private(contenido, client):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse

    almacenamiento = CookieStorage(client.request().wsgi_request)
    almacenamiento.add(constants.INFO, "Aviso para esta persona")
    respuesta_temporal = HttpResponse()
    almacenamiento.update(respuesta_temporal)
    client.cookies["messages"] = respuesta_temporal.cookies["messages"].value
    respuesta = client.get("/videos/")
    assert "Aviso para esta persona" in respuesta.content.decode()
    assert "no-store" in respuesta["Cache-Control"]
    assert "Aviso para esta persona" not in Client().get("/videos/").content.decode()


def test_faq_pages_are_public_but_a_voters_page_is_private(contenido, client):
    from tests.faq_ayudas import crear_pregunta

    pregunta = crear_pregunta("¿Cómo obtengo una visa de trabajo?", "Pídala en el consulado.")
    ruta = pregunta.get_absolute_url()
    publica = Client().get(ruta)
    assert not publica.cookies and publica["Cache-Control"].startswith("public")
    votado = client.post(
        f"/preguntas-frecuentes/{pregunta.slug}/votar/", {"util": "si", "siguiente": ruta}
    )
    assert votado.status_code == 302
    respuesta = client.get(ruta)  # the voter's cookie: "thanks" instead of the form
    assert "ya nos dijo" in respuesta.content.decode()
    assert "no-store" in respuesta["Cache-Control"]
    assert "ya nos dijo" not in Client().get(ruta).content.decode()
