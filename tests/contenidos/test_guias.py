"""Home page and profile guides: entries per profile, alerts, stages, sources, print, English."""

from pathlib import Path

import pytest

from contenidos.models import Guia
from infomigra.vocabulario import TipoMigrante

pytestmark = pytest.mark.django_db


def test_home_links_every_profile_and_the_relative_entry(client, contenido):
    html = client.get("/").content.decode()
    assert "¿Cuál es su situación?" in html
    for codigo in TipoMigrante.values:
        assert f'href="/perfil/{codigo}/"' in html
    assert "Pregunto por un familiar" in html


def test_home_shows_alerts_boletin_consultation_and_where_to_go(client, contenido):
    from consultas.models import Sede

    Sede.objects.create(
        codigo="MIGRACIONES", nombre="Mesa de orientación en Migraciones", horario="De 8:00 a 13:00"
    )
    html = client.get("/").content.decode()
    assert "Cuidado con las ofertas de empleo falsas" in html
    assert "1818" in html
    assert "Boletín n.º 2" in html
    assert 'href="/consulta/"' in html
    assert 'action="/buscar/"' in html
    assert "<strong>Mesa de orientación en Migraciones</strong>" in html
    assert '<span class="d-block">De 8:00 a 13:00</span>' in html
    assert 'href="/paises/"' in html and 'href="/instituciones/"' in html


def test_every_profile_guide_is_substantial_with_stages_and_sources(client, contenido):
    for codigo in TipoMigrante.values:
        respuesta = client.get(f"/perfil/{codigo}/")
        assert respuesta.status_code == 200, codigo
        html = respuesta.content.decode()
        guia = respuesta.context["guia"]
        assert len(guia.cuerpo) > 4000, codigo
        assert len(guia.indice) >= 4, codigo
        assert html.count("<h1") == 1
        assert "Última revisión" in html and "Fuentes" in html
        assert f'href="#{guia.indice[0]["id"]}"' in html


def test_guide_shows_stages_and_related_videos(client, contenido):
    html = client.get("/perfil/potencial/").content.decode()
    for etapa in ("Decidir", "Preparar el viaje y los papeles", "Llegar y vivir allá", "Retornar"):
        assert f">{etapa}</a>" in html
    assert "Videos para usted" in html
    assert 'href="/videos/como-reconocer-una-oferta-de-trabajo-falsa/"' in html
    assert 'href="https://www.gob.pe/migraciones"' in html


def test_guide_is_printable(client, contenido):
    html = client.get("/perfil/retornado/").content.decode()
    assert "/static/css/portal.css" in html
    assert "data-imprimir" in html
    css = (Path(__file__).resolve().parents[2] / "static/css/portal.css").read_text()
    assert "@media print" in css


def test_unknown_profile_is_404(client, contenido):
    assert client.get("/perfil/astronauta/").status_code == 404


def test_foreigner_guide_in_english(client, contenido):
    respuesta = client.get("/en/perfil/extranjero/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert '<html lang="en">' in html
    assert "If you are a foreign national who wants to live or work in Peru" in html
    assert "Last reviewed" in html
    assert 'lang="es"' not in html.split("<main", 1)[1].split("</article>")[0]


def test_spanish_only_guide_under_english_is_marked_as_spanish(client, contenido):
    Guia.objects.filter(perfil="potencial", idioma="en").delete()
    html = client.get("/en/perfil/potencial/").content.decode()
    assert '<article class="guia" lang="es">' in html
    assert "Si está pensando en migrar" in html


def test_related_faq_hook_fills_the_guide(client, contenido):
    from contenidos import extensiones

    def preguntas(guia):
        return [{"titulo": f"¿Pregunta sobre {guia.perfil}?", "url": "/preguntas-frecuentes/1/"}]

    extensiones.registrar_relacionados(preguntas)
    try:
        html = client.get("/perfil/andino/").content.decode()
    finally:
        extensiones.RELACIONADOS.remove(preguntas)
    assert "Preguntas frecuentes relacionadas" in html
    assert "¿Pregunta sobre andino?" in html


def test_about_page_from_seed(client, contenido):
    html = client.get("/acerca/").content.decode()
    assert "Acerca del servicio" in html
    assert html.count("<h1") == 1
