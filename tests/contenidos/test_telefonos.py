"""Every phone number a reader sees on a public page can be tapped: it sits inside a tel: link."""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command

from contenidos.carga import cargar_todo
from contenidos.models import Boletin, Guia, Institucion, Pagina, PaisGuia, Video
from faq.models import Pregunta
from infomigra.vocabulario import TipoMigrante

pytestmark = pytest.mark.django_db

# What a phone number looks like in this content: the free anti-trafficking line, Peru's free
# 0800 lines, international numbers (+51 1 630 6000) and Lima-style numbers ((01) 630-6000).
TELEFONO = re.compile(
    r"(?<![\d/.:-])(?:1818|0800[- ]?\d{5}|\+\d{1,3}(?:[ -]?\(?\d{1,4}\)?){2,4}"
    r"|\(0\d{1,2}\)\s?\d{3}[- ]?\d{3,4}|0\d{1,2}[ -]\d{3}[ -]\d{4})(?![\d/-]|\.\d)"
)

OMITIDAS = ("a", "script", "style", "title")


class LectorDeTelefonos(HTMLParser):
    """Sorts the page's text: inside a tel: link, inside another link, or plain text.

    <script> and <style> are not text a reader sees, and <title> (the browser tab) cannot hold
    a link: all three are skipped."""

    def __init__(self):
        super().__init__()
        self.pila = []
        self.llamables = set()
        self.en_otro_enlace = []
        self.sueltos = []

    def handle_starttag(self, etiqueta, atributos):
        if etiqueta in OMITIDAS:
            href = dict(atributos).get("href") or ""
            tipo = "tel" if href.startswith("tel:") else "enlace" if etiqueta == "a" else "oculto"
            self.pila.append(tipo)
            if tipo == "tel":
                self.llamables.add(href.removeprefix("tel:"))

    def handle_endtag(self, etiqueta):
        if etiqueta in OMITIDAS and self.pila:
            self.pila.pop()

    def handle_data(self, datos):
        numeros = TELEFONO.findall(datos)
        if "oculto" in self.pila or "tel" in self.pila or not numeros:
            return
        (self.en_otro_enlace if "enlace" in self.pila else self.sueltos).extend(numeros)


def numeros_sin_enlace(html: str) -> list[str]:
    """Numbers a reader cannot tap. A number in the text of a link to another page (a video's
    title, a source linking to its website) cannot hold a tel: link too (links do not nest), so
    it counts as tappable when the same page offers that number as a tel: link."""
    lector = LectorDeTelefonos()
    lector.feed(html)
    return lector.sueltos + [
        n for n in lector.en_otro_enlace if re.sub(r"[^0-9+]", "", n) not in lector.llamables
    ]


def test_the_detector_finds_numbers_a_reader_cannot_tap():
    html = (
        '<p>Llame al <a href="tel:1818">1818</a> o al 0800-15170; web '
        '<a href="https://x.example">línea 0800 15170</a>. Ley N° 28950, RM 291-2018-TR, '
        "US$ 50 000, 1994, BOE-A-2008-11098, (01) 630-6000, +51 1 630 6000.</p>"
    )
    assert numeros_sin_enlace(html) == [
        "0800-15170",
        "(01) 630-6000",
        "+51 1 630 6000",
        "0800 15170",
    ]
    con_enlace = html.replace("o al 0800-15170", 'o al <a href="tel:080015170">0800-15170</a>')
    assert numeros_sin_enlace(con_enlace) == ["(01) 630-6000", "+51 1 630 6000"]


def _paginas_publicas():
    rutas = ["/", "/paises/", "/videos/", "/boletin/", "/instituciones/", "/guia-basica/"]
    rutas += ["/instituciones/convenios/", "/acerca/", "/privacidad/", "/preguntas-frecuentes/"]
    rutas += [f"/perfil/{c}/hoja/" for c in TipoMigrante.values]
    for modelo in (Guia, PaisGuia, Pagina, Video, Boletin):
        rutas += [o.get_absolute_url() for o in modelo.objects.publicados()]
    rutas += [p.get_absolute_url() for p in Pregunta.objects.publicadas()]
    rutas += [f"/en{r}" for r in rutas if not r.startswith("/en/")]
    return sorted(set(rutas))


def test_every_phone_number_on_every_public_page_is_a_tel_link(client):
    cargar_todo()
    call_command("cargar_preguntas", stdout=StringIO())
    rutas = _paginas_publicas()
    assert len(rutas) > 150
    sin_enlace = {}
    for ruta in rutas:
        respuesta = client.get(ruta)
        assert respuesta.status_code == 200, ruta
        if encontrados := numeros_sin_enlace(respuesta.content.decode()):
            sin_enlace[ruta] = encontrados
    assert sin_enlace == {}


def test_the_defensoria_line_is_in_the_directory_and_tappable(client):
    cargar_todo()
    defensoria = Institucion.objects.get(titulo="Defensoría del Pueblo", idioma="es")
    assert defensoria.telefono == "0800-15170"
    html = client.get("/instituciones/", {"pais": "PE"}).content.decode()
    assert html.count('href="tel:080015170"') >= 2  # the phone line and the description
