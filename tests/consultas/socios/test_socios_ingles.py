"""Partners in English: an English badge (image, text, landing page) next to the Spanish one,
and the English landing page attributes the visit like the Spanish one."""

import re

import pytest

from consultas.socios import servicios
from consultas.socios.models import Socio, VisitaSocio

pytestmark = pytest.mark.django_db
NAVEGADOR = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


@pytest.fixture
def socio(sede_a):
    return Socio.objects.create(
        codigo="CONS-LONDRES", nombre="Consulado en Londres", tipo="consulado", sede=sede_a
    )


def test_english_badge_points_to_english_image_and_landing(socio):
    html = servicios.html_insignia(socio, "en")
    assert 'href="http://127.0.0.1:8000/en/?socio=CONS-LONDRES"' in html
    assert 'src="http://127.0.0.1:8000/en/insignia.svg"' in html
    assert 'alt="INFOMIGRA: free information and guidance for migrants"' in html
    assert "<script" not in html
    # The Spanish badge is unchanged: the address partners already use.
    espanol = servicios.html_insignia(socio)
    assert 'src="http://127.0.0.1:8000/insignia.svg"' in espanol and "/en/" not in espanol


def test_english_badge_image(client):
    ingles = client.get("/en/insignia.svg")
    assert ingles.status_code == 200 and ingles["Content-Type"] == "image/svg+xml"
    assert b"Migrate informed, migrate safely" in ingles.content
    assert ingles["Cross-Origin-Resource-Policy"] == "cross-origin" and not ingles.cookies
    # The Spanish image stays Spanish whatever the browser's language.
    espanol = client.get("/insignia.svg", HTTP_ACCEPT_LANGUAGE="en")
    assert espanol.status_code == 200 and "Migra informado, migra seguro" in espanol.text


def test_back_office_shows_the_english_badge(cliente_de, asesor_a, socio):
    html = cliente_de(asesor_a).get(f"/gestion/socios/{socio.codigo}/").content.decode()
    assert 'id="codigo-insignia-en"' in html
    assert "http://127.0.0.1:8000/en/?socio=CONS-LONDRES" in html


def test_english_landing_counts_the_visit_and_keeps_code_and_language(client, socio):
    client.defaults["HTTP_USER_AGENT"] = NAVEGADOR
    respuesta = client.get("/en/?socio=CONS-LONDRES", HTTP_REFERER="https://consulate.example/")
    html = respuesta.content.decode()
    assert '<html lang="en"' in html
    assert 'href="/en/consulta/?socio=CONS-LONDRES"' in html
    assert 'href="/en/talleres/?socio=CONS-LONDRES"' in html or "/en/talleres/" not in html
    enlaces = re.findall(r'href="(/(?!static/)[^"]*)"(?! hreflang)', html)
    assert enlaces and [e for e in enlaces if not e.startswith("/en/")] == []
    assert VisitaSocio.objects.get(socio=socio).visitas == 1
