"""A partner end to end in real Chromium: created by an advisor, its badge pasted on another
site's static page, a visitor arrives through it and sends a consultation, and the partner
ranking counts the visit and the consultation."""

import functools
import http.server
import threading

import pytest
from django.utils import timezone

from consultas.models import Consulta
from consultas.socios.models import Socio, VisitaSocio
from tests.consultas.navegador import contexto_con_sesion, llenar_consulta_web
from tests.servidores import puerto_libre

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("semillas"),
]
# Headless Chromium announces itself as "HeadlessChrome", which the visit counter rightly takes
# for a robot; the visitor here plays a person's ordinary browser.
AGENTE = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def sitio_del_socio(tmp_path):
    """Another origin: a plain static web server on loopback (the partner's site)."""
    puerto = puerto_libre()
    manejador = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    servidor = http.server.ThreadingHTTPServer(("127.0.0.1", puerto), manejador)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    yield tmp_path, f"http://127.0.0.1:{puerto}"
    servidor.shutdown()
    servidor.server_close()


def _nuevo_socio(personal, live_server):
    """Create the partner from the back office; returns its badge's HTML code."""
    personal.goto(live_server.url + "/gestion/socios/")
    personal.click("text=Nuevo socio")
    personal.fill("#id_codigo", "cons-madrid")
    personal.fill("#id_nombre", "Consulado General del Perú en Madrid")
    personal.select_option("#id_tipo", "consulado")
    personal.click("main button:has-text('Guardar')")
    personal.wait_for_selector(".alert-success")
    return personal.input_value("#codigo-insignia")


def test_badge_visit_and_consultation_are_attributed(
    live_server, navegador, asesor_a, sede_a, settings, sitio_del_socio
):
    settings.SITE_URL = live_server.url
    settings.CONSULTA_TIEMPO_MINIMO = 1
    personal = contexto_con_sesion(navegador, live_server, asesor_a)
    insignia = _nuevo_socio(personal, live_server)
    assert "?socio=CONS-MADRID" in insignia and "<script" not in insignia

    carpeta, origen = sitio_del_socio
    (carpeta / "index.html").write_text(
        f"<!doctype html><html lang='es'><head><meta charset='utf-8'><title>Consulado</title>"
        f"</head><body><h1>Consulado</h1>{insignia}</body></html>",
        encoding="utf-8",
    )
    contexto = navegador.new_context(locale="es-PE", user_agent=AGENTE)
    visitante = contexto.new_page()
    visitante.set_default_timeout(10_000)
    visitante.goto(origen + "/index.html")
    imagen = visitante.locator("img")
    imagen.wait_for()
    visitante.wait_for_function("document.querySelector('img').complete")
    assert visitante.evaluate("document.querySelector('img').naturalWidth") == 240
    visitante.click("img")
    visitante.wait_for_url(f"{live_server.url}/?socio=CONS-MADRID")
    # No cookie carries the partner: it travels in the links only.
    cookies = contexto.cookies(live_server.url)
    assert all("CONS" not in c["value"] and "socio" not in c["name"] for c in cookies)
    visitante.click("nav a:visible:text('Haga su consulta')")
    assert visitante.url.endswith("/consulta/?socio=CONS-MADRID")
    llenar_consulta_web(
        visitante,
        "emigrante",
        "ES",
        "Trámites y visas",
        "maria@example.org",
        pregunta="¿Cómo renuevo mi residencia en España?",
    )
    visitante.wait_for_url("**/consulta/enviada/?socio=CONS-MADRID")

    socio = Socio.objects.get()
    assert Consulta.objects.get().socio == socio
    assert VisitaSocio.objects.get(socio=socio).visitas == 1

    personal.goto(live_server.url + "/gestion/socios/")
    fila = personal.locator(".tabla-ranking tbody tr").first.inner_text()
    mes = timezone.localdate().strftime("%Y-%m")
    assert fila.split("\t") == [
        mes,
        "Consulado General del Perú en Madrid (CONS-MADRID)",
        "1",
        "1",
        "0",
    ]
