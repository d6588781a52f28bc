"""Country guides: list by kind, detail with agreements, institutions and sources."""

import pytest

pytestmark = pytest.mark.django_db

ISOS = ["ES", "IT", "CL", "US", "AR", "JP", "BO", "CO", "EC", "VE"]


def test_country_list_groups_every_country(client, contenido):
    html = client.get("/paises/").content.decode()
    for iso in ISOS:
        assert f'href="/paises/{iso}/"' in html
    assert "Destino de quienes emigran" in html and "Comunidad Andina" in html


def test_country_guide_shows_agreement_institutions_and_sources(client, contenido):
    html = client.get("/paises/ES/").content.decode()
    assert "Migrar a España" in html
    assert "Seguridad social" in html and "verifique en la fuente oficial" in html
    assert "Convenios y acuerdos que se aplican" in html
    assert "Convenio Multilateral Iberoamericano" in html
    assert "Instituciones" in html
    assert 'href="https://www.boe.es/buscar/doc.php?id=BOE-A-2008-11098"' in html
    assert "Última revisión" in html


def test_every_country_guide_answers(client, contenido):
    for iso in ISOS:
        respuesta = client.get(f"/paises/{iso}/")
        assert respuesta.status_code == 200, iso
        assert respuesta.content.decode().count("<h1") == 1


def test_lowercase_iso_works_and_unknown_is_404(client, contenido):
    assert client.get("/paises/cl/").status_code == 200
    assert client.get("/paises/ZZ/").status_code == 404
    assert client.get("/paises/ESPAÑA/").status_code == 404
