"""Contact data in the directory: only sourced numbers, and a way to reach every consulate."""

import json
import re

import pytest

from contenidos.carga import DIRECTORIO, cargar_todo
from contenidos.models import Institucion

INSTITUCIONES = json.loads((DIRECTORIO / "instituciones.json").read_text(encoding="utf-8"))


def test_every_phone_and_address_in_the_directory_is_stated_by_its_source():
    for item in INSTITUCIONES:
        if item.get("telefono"):
            assert item["telefono"] in item["fuente"], item["nombre"]
        if item.get("direccion"):
            assert item["direccion"] in item["fuente"], item["nombre"]
    con_telefono = {i["nombre"]: i["telefono"] for i in INSTITUCIONES if i.get("telefono")}
    assert con_telefono == {
        "Línea 1818 contra la trata de personas (Ministerio del Interior)": "1818",
        "Defensoría del Pueblo": "0800-15170",
    }


def test_every_consulate_links_to_the_consular_network_and_the_card_procedure():
    consulados = [i for i in INSTITUCIONES if i["tipo"] == "consulado"]
    assert len(consulados) == 10
    for consulado in consulados:
        assert consulado["web"] == "https://www.gob.pe/rree", consulado["nombre"]
        assert "https://www.gob.pe/80268" in consulado["descripcion"], consulado["nombre"]
        assert not consulado["telefono"] and not consulado.get("direccion"), consulado["nombre"]


def test_migraciones_entry_names_its_online_agency():
    migraciones = next(i for i in INSTITUCIONES if i["nombre"].endswith("de Migraciones"))
    assert "Agencia Digital de Migraciones" in migraciones["descripcion"]
    assert migraciones["web"] == "https://www.gob.pe/migraciones"


@pytest.mark.django_db
def test_directory_page_makes_consulates_clickable(client):
    cargar_todo()
    html = client.get("/instituciones/", {"pais": "ES"}).content.decode()
    titulos = re.findall(r"<h3[^>]*>(.*?)</h3>", html, re.S)
    madrid = next(t for t in titulos if "Consulado General del Perú en Madrid" in t)
    assert 'href="https://www.gob.pe/rree"' in madrid
    assert 'href="https://www.gob.pe/80268"' in html
    assert Institucion.objects.filter(tipo="consulado", web="").count() == 0
