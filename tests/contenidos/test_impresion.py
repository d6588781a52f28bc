"""The printable Guía Básica and the profile leaflets: HTML and a real PDF from the same content."""

import io
import re

import pypdf
import pytest

from contenidos.impresion import RecursoNoPermitido, _solo_estaticos
from contenidos.models import Pagina
from infomigra.vocabulario import TipoMigrante

pytestmark = pytest.mark.django_db


def _pdf(respuesta):
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(respuesta.content))


def _texto(lector):
    return " ".join(" ".join((p.extract_text() or "").split()) for p in lector.pages)


def test_basic_guide_pdf_builds_with_pages_and_extractable_text(client, contenido):
    lector = _pdf(client.get("/guia-basica.pdf"))
    assert len(lector.pages) >= 2
    texto = _texto(lector)
    assert "Guía Básica para el Migrante Laboral" in texto
    assert "Versión 2026.11.30" in texto
    assert "15 días hábiles" in texto and "1818" in texto
    caja = lector.pages[0].mediabox
    assert (round(float(caja.width)), round(float(caja.height))) == (595, 842)  # A4 in points


def test_html_and_pdf_come_from_the_same_content(client, contenido):
    html = client.get("/guia-basica/").content.decode()
    assert "Versión 2026.11.30" in html and 'href="/guia-basica.pdf"' in html
    pagina = Pagina.objects.get(slug="guia-basica", idioma="es")
    pagina.cuerpo += "\n## 8. Apartado de prueba\n\nTexto nuevo de la guía.\n"
    pagina.save()
    assert "Apartado de prueba" in client.get("/guia-basica/").content.decode()
    assert "Apartado de prueba" in _texto(_pdf(client.get("/guia-basica.pdf")))


def test_pdf_links_point_to_the_portal_not_to_files(client, contenido, settings):
    settings.SITE_URL = "https://infomigra.example"
    lector = _pdf(client.get("/guia-basica.pdf"))
    enlaces = [
        anotacion.get_object()["/A"].get("/URI")
        for pagina in lector.pages
        for anotacion in pagina.get("/Annots") or []
        if "/A" in anotacion.get_object()
    ]
    assert "https://infomigra.example/perfil/retornado/" in enlaces
    assert not [e for e in enlaces if e and str(e).startswith("file:")]


@pytest.mark.parametrize("codigo", TipoMigrante.values)
def test_each_profile_has_a_one_page_leaflet(client, contenido, codigo):
    lector = _pdf(client.get(f"/perfil/{codigo}/hoja.pdf"))
    assert len(lector.pages) == 1
    assert "1818" in _texto(lector) and "0800-15170" in _texto(lector)
    html = client.get(f"/perfil/{codigo}/hoja/").content.decode()
    assert 'href="tel:1818"' in html and "<svg" in html


def test_english_leaflet_uses_the_english_guide(client, contenido):
    texto = _texto(_pdf(client.get("/en/perfil/extranjero/hoja.pdf")))
    assert "If you are a foreign national who wants to live or work in Peru" in texto


def test_unknown_profile_leaflet_is_404(client, contenido):
    assert client.get("/perfil/nadie/hoja.pdf").status_code == 404


def test_basic_guide_linked_from_home_and_every_guide(client, contenido):
    assert 'href="/guia-basica/"' in client.get("/").content.decode()
    for codigo in TipoMigrante.values:
        html = client.get(f"/perfil/{codigo}/").content.decode()
        assert 'href="/guia-basica/"' in html, codigo
        assert f'href="/perfil/{codigo}/hoja/"' in html, codigo


def test_pdf_renderer_never_fetches_from_the_network():
    with pytest.raises(RecursoNoPermitido):
        _solo_estaticos("https://cdn.example.com/fuente.woff2")
    with pytest.raises(RecursoNoPermitido):
        _solo_estaticos("file:///etc/passwd")


def _cifras(texto):
    return {re.sub(r"[ .,]", "", m) for m in re.findall(r"\d+(?:[ .,]\d{3})*(?:[.,]\d+)?", texto)}


def test_english_basic_guide_html_and_pdf_state_the_same_facts(client, contenido):
    html = client.get("/en/guia-basica/").content.decode()
    assert "<h1>Basic Guide for Labour Migrants</h1>" in html
    assert 'href="/en/guia-basica.pdf"' in html
    ingles = _pdf(client.get("/en/guia-basica.pdf"))
    assert len(ingles.pages) >= 2
    caja = ingles.pages[0].mediabox
    assert (round(float(caja.width)), round(float(caja.height))) == (595, 842)
    texto = _texto(ingles)
    assert "Basic Guide for Labour Migrants" in texto and "Version 2026.11.30" in texto
    assert "15 working days" in texto and "US$ 50 000" in texto and "0800-15170" in texto
    espanol = _texto(_pdf(client.get("/guia-basica.pdf")))
    assert "Guía Básica para el Migrante Laboral" in espanol
    assert _cifras(texto) == _cifras(espanol)
