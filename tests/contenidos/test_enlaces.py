"""Every internal link in seeded content resolves; revisar_enlaces checks external ones."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from contenidos.enlaces import hrefs, recoger
from contenidos.models import Alerta, Guia, Institucion, Pagina, PaisGuia
from tests.servidores import puerto_libre

pytestmark = pytest.mark.django_db


def test_every_internal_link_in_seeded_content_resolves(client, contenido_y_preguntas):
    internos, _ = recoger()
    assert len(internos) >= 20  # guides, country pages, pages and FAQ link to each other
    for ruta, enlace in sorted(internos.items()):
        respuesta = client.get(ruta)
        assert respuesta.status_code == 200, (ruta, enlace.origenes[:3], respuesta.status_code)


def test_seeded_guides_link_to_related_pages(contenido_y_preguntas):
    enlaces = {g.perfil: hrefs(g.cuerpo_html) for g in Guia.objects.filter(idioma="es")}
    assert "/perfil/andino/" in enlaces["extranjero"]
    assert "/perfil/retornado/" in enlaces["emigrante"]
    assert "/instituciones/convenios/" in enlaces["potencial"]
    assert {"/paises/BO/", "/paises/CO/", "/paises/EC/"} <= set(enlaces["andino"])


def test_phone_numbers_in_content_are_tel_links(contenido_y_preguntas):
    objetos = [*Guia.objects.all(), *PaisGuia.objects.all(), *Pagina.objects.all()]
    objetos += [*Alerta.objects.all(), *Institucion.objects.all()]
    for obj in objetos:
        fuera_de_enlaces = re.sub(r"<a [^>]*>.*?</a>", "", obj.cuerpo_html)
        for numero in ("1818", "0800-15170"):
            assert numero not in fuera_de_enlaces, (obj, numero)
    retornado = Guia.objects.get(perfil="retornado", idioma="es").cuerpo_html
    assert '<a href="tel:1818" rel="noopener noreferrer">1818</a>' in retornado


class _Servidor(BaseHTTPRequestHandler):
    def _responder(self):
        codigo = {"/ok": 200, "/solo-get": 405 if self.command == "HEAD" else 200}.get(
            self.path, 404
        )
        self.send_response(codigo)
        self.end_headers()

    do_HEAD = do_GET = _responder

    def log_message(self, *args):
        pass


@pytest.fixture
def servidor_local():
    puerto = puerto_libre()
    servidor = ThreadingHTTPServer(("127.0.0.1", puerto), _Servidor)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{puerto}"
    servidor.shutdown()
    servidor.server_close()


def _guia_con_enlaces(base, puerto_cerrado):
    Guia.objects.create(
        perfil="potencial",
        idioma="es",
        titulo="Guía de prueba",
        publicado=True,
        cuerpo=f"[bien]({base}/ok) · [roto]({base}/no-existe) · [sin servidor](http://127.0.0.1:{puerto_cerrado}/x)",
        fuente=f"Fuente que solo acepta GET ({base}/solo-get)",
    )


def test_revisar_enlaces_lists_and_checks_external_links(servidor_local):
    _guia_con_enlaces(servidor_local, puerto_libre())
    salida = StringIO()
    call_command("revisar_enlaces", stdout=salida)
    listado = salida.getvalue()
    assert f"{servidor_local}/ok" in listado and "4 enlaces externos." in listado
    assert "ROTO" not in listado  # listing only: nothing fetched

    salida = StringIO()
    with pytest.raises(CommandError, match="2 enlaces externos no responden"):
        call_command("revisar_enlaces", "--comprobar", "--tiempo", "3", stdout=salida)
    informe = salida.getvalue()
    assert f"OK    {servidor_local}/ok  [200]" in informe
    assert f"OK    {servidor_local}/solo-get  [200]" in informe
    assert f"ROTO  {servidor_local}/no-existe  [404]" in informe
    assert "sin respuesta" in informe and "guía por perfil «Guía de prueba»" in informe


def test_revisar_enlaces_passes_when_all_links_answer(servidor_local):
    Guia.objects.create(
        perfil="potencial",
        idioma="es",
        titulo="G",
        publicado=True,
        cuerpo=f"[a]({servidor_local}/ok)",
    )
    salida = StringIO()
    call_command("revisar_enlaces", "--comprobar", stdout=salida)
    assert "1 enlaces externos." in salida.getvalue()
