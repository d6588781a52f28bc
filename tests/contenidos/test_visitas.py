import pytest
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.test import RequestFactory

from contenidos import visitas
from contenidos.models import VisitaDiaria

pytestmark = pytest.mark.django_db

NAVEGADOR = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0"
OTRO = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"


@pytest.fixture(autouse=True)
def contando(settings):
    settings.VISITAS_ACTIVAS = True
    settings.VISITAS_CABECERA_PAIS = ""
    settings.VISITAS_LOTE = 10_000
    settings.VISITAS_INTERVALO = 10_000
    cache.clear()
    visitas.contador.descartar()
    yield
    visitas.contador.descartar()


def _filas():
    return {(f.seccion, f.pais): (f.vistas, f.visitas) for f in VisitaDiaria.objects.all()}


def _pagina(request):
    return HttpResponse("<!doctype html><title>x</title>", content_type="text/html; charset=utf-8")


def _middleware(respuesta=_pagina):
    return visitas.ContadorVisitasMiddleware(respuesta)


def test_page_views_and_daily_visits_are_counted_after_flush(client):
    client.get("/", HTTP_USER_AGENT=NAVEGADOR, REMOTE_ADDR="127.0.0.1")
    client.get("/", HTTP_USER_AGENT=NAVEGADOR, REMOTE_ADDR="127.0.0.1")
    client.get("/en/", HTTP_USER_AGENT=OTRO, REMOTE_ADDR="127.0.0.1")
    assert VisitaDiaria.objects.count() == 0  # buffered, no write per page view
    assert visitas.volcar() == 1
    assert _filas() == {("inicio", "sin-dato"): (3, 2)}


def test_flushes_add_to_existing_rows(client):
    client.get("/", HTTP_USER_AGENT=NAVEGADOR)
    visitas.volcar()
    client.get("/", HTTP_USER_AGENT=NAVEGADOR)
    client.get("/", HTTP_USER_AGENT=OTRO)
    visitas.volcar()
    assert _filas() == {("inicio", "sin-dato"): (3, 2)}
    assert visitas.volcar() == 0


def test_buffer_flushes_by_itself_every_n_views(client, settings):
    settings.VISITAS_LOTE = 2
    client.get("/", HTTP_USER_AGENT=NAVEGADOR)
    assert VisitaDiaria.objects.count() == 0
    client.get("/", HTTP_USER_AGENT=NAVEGADOR)
    assert _filas() == {("inicio", "sin-dato"): (2, 1)}


@pytest.mark.parametrize(
    "agente",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "",
    ],
)
def test_bots_are_not_counted(client, agente):
    client.get("/", HTTP_USER_AGENT=agente)
    visitas.volcar()
    assert VisitaDiaria.objects.count() == 0


def test_counting_sets_no_cookie():
    respuesta = _middleware()(RequestFactory().get("/paises/cl/", HTTP_USER_AGENT=NAVEGADOR))
    assert not respuesta.cookies
    assert "Set-Cookie" not in respuesta
    visitas.volcar()
    assert _filas() == {("paises", "sin-dato"): (1, 1)}


def test_no_ip_address_or_visitor_hash_is_stored():
    ip = "200.48.225.130"
    _middleware()(RequestFactory().get("/videos/", HTTP_USER_AGENT=NAVEGADOR, REMOTE_ADDR=ip))
    visitas.volcar()
    campos = {f.name for f in VisitaDiaria._meta.get_fields()}
    assert campos == {"id", "fecha", "seccion", "pais", "vistas", "visitas"}
    guardado = " ".join(str(v) for fila in VisitaDiaria.objects.values_list() for v in fila)
    assert ip not in guardado
    assert _filas() == {("videos", "PE"): (1, 1)}  # resolved offline by geoip2fast


def test_country_from_trusted_proxy_header(settings):
    settings.VISITAS_CABECERA_PAIS = "HTTP_CF_IPCOUNTRY"
    fabrica = RequestFactory()
    _middleware()(fabrica.get("/boletin/", HTTP_USER_AGENT=NAVEGADOR, HTTP_CF_IPCOUNTRY="cl"))
    _middleware()(fabrica.get("/boletin/", HTTP_USER_AGENT=OTRO, HTTP_CF_IPCOUNTRY="XX"))
    visitas.volcar()
    assert _filas() == {("boletin", "CL"): (1, 1), ("boletin", "sin-dato"): (1, 1)}


def test_country_from_the_offline_database():
    fabrica = RequestFactory()
    assert visitas.pais_de(fabrica.get("/", REMOTE_ADDR="8.8.8.8")) == "US"
    assert visitas.pais_de(fabrica.get("/", REMOTE_ADDR="127.0.0.1")) == "sin-dato"
    assert visitas.pais_de(fabrica.get("/", REMOTE_ADDR="192.168.1.20")) == "sin-dato"
    assert visitas.pais_de(fabrica.get("/", REMOTE_ADDR="no-es-ip")) == "sin-dato"


def test_only_html_get_200_on_portal_paths_count():
    fabrica = RequestFactory()
    _middleware()(fabrica.post("/consulta/", HTTP_USER_AGENT=NAVEGADOR))
    _middleware(lambda r: HttpResponse(status=404))(
        fabrica.get("/nada/", HTTP_USER_AGENT=NAVEGADOR)
    )
    _middleware(lambda r: JsonResponse({}))(fabrica.get("/api/", HTTP_USER_AGENT=NAVEGADOR))
    for ruta in ("/gestion/", "/admin/", "/static/css/x.css", "/salud/", "/cuentas/login/"):
        _middleware()(fabrica.get(ruta, HTTP_USER_AGENT=NAVEGADOR))
    visitas.volcar()
    assert VisitaDiaria.objects.count() == 0


def test_sections_are_the_first_path_segment_without_language_prefix():
    assert visitas.seccion_de("/") == "inicio"
    assert visitas.seccion_de("/en/") == "inicio"
    assert visitas.seccion_de("/en/preguntas-frecuentes/123/") == "preguntas-frecuentes"
    assert visitas.seccion_de("/perfil/retornado/") == "perfil"
    assert visitas.seccion_de("/gestion/reportes/") is None


def test_visits_appear_in_the_monthly_report(client, cliente_de, responsable):
    _middleware()(
        RequestFactory().get("/paises/es/", HTTP_USER_AGENT=NAVEGADOR, REMOTE_ADDR="8.8.8.8")
    )
    visitas.volcar()
    html = cliente_de(responsable).get("/gestion/reportes/mensual/").content.decode()
    assert "1 visitas y 1 páginas vistas en el periodo." in html
    assert '<th scope="row">paises</th>' in html and "Estados Unidos" in html


def test_repeat_views_by_a_known_visitor_skip_the_shared_cache(client, monkeypatch):
    llamadas = []
    original = visitas.cache.add

    def espia(*args, **kwargs):
        llamadas.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(visitas.cache, "add", espia)
    for _ in range(5):
        client.get("/", HTTP_USER_AGENT=NAVEGADOR, REMOTE_ADDR="127.0.0.1")
    client.get("/", HTTP_USER_AGENT=OTRO, REMOTE_ADDR="127.0.0.1")
    assert len([c for c in llamadas if c.startswith("visitas:v:")]) == 2
    visitas.volcar()
    assert _filas()[("inicio", "sin-dato")] == (6, 2)
