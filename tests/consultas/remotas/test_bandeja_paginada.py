"""The inbox shows 50 pending consultations per page, oldest waiting first, with a bounded count."""

import re

import pytest

from consultas import remotas
from tests.test_bandeja import consulta_remota

pytestmark = pytest.mark.django_db


def _codigos(html):
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html)


def test_inbox_is_paginated_oldest_first(cliente_de, asesor_a, sede_a, monkeypatch):
    monkeypatch.setattr(remotas, "POR_PAGINA_BANDEJA", 3)
    consultas = [consulta_remota(sede_a, horas=100 - i) for i in range(7)]
    esperados = [c.codigo for c in consultas]  # created oldest first
    cliente = cliente_de(asesor_a)
    paginas = [cliente.get("/gestion/bandeja/", {"pagina": n}).content.decode() for n in (1, 2, 3)]
    assert [_codigos(html) for html in paginas] == [esperados[:3], esperados[3:6], esperados[6:]]
    assert "7 consultas pendientes" in paginas[0]
    assert "Página 1 de 3" in paginas[0] and "pagina=2" in paginas[0]
    assert "Página 3 de 3" in paginas[2] and 'rel="next"' not in paginas[2]


def test_inbox_default_page_size_is_50(cliente_de, asesor_a, sede_a):
    for i in range(52):
        consulta_remota(sede_a, horas=60 - i)
    html = cliente_de(asesor_a).get("/gestion/bandeja/").content.decode()
    assert len(_codigos(html)) == 50
    assert "52 consultas pendientes" in html
    assert (
        len(_codigos(cliente_de(asesor_a).get("/gestion/bandeja/?pagina=2").content.decode())) == 2
    )


def test_a_bad_page_number_shows_a_page(cliente_de, asesor_a, sede_a):
    consulta_remota(sede_a)
    for numero in ("x", "999", "-1"):
        respuesta = cliente_de(asesor_a).get("/gestion/bandeja/", {"pagina": numero})
        assert respuesta.status_code == 200
        assert len(_codigos(respuesta.content.decode())) == 1
