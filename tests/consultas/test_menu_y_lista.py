"""The back-office menu's task groups drawn once per set of permissions and language, the
account group per user; the list's rows (link, topics, advisor) computed once per page."""

import re

import pytest
from django.contrib.auth.models import Permission

from tests.consultas.ayudas import URL, consulta

pytestmark = pytest.mark.django_db


def _menu(html):
    """The desktop menu (the phone's is the same list drawn a second time)."""
    return re.search(
        r'<ul class="menu-escritorio">(.*?)</ul>\s*<details class="menu-movil">', html, re.S
    ).group(1)


def test_each_set_of_permissions_gets_its_own_menu_and_each_user_their_name(
    cliente_de, responsable, asesor_a, editor
):
    menu_responsable = _menu(cliente_de(responsable).get(URL).content.decode())
    menu_asesor = _menu(cliente_de(asesor_a).get(URL).content.decode())
    assert "Auditoría" in menu_responsable and "Sedes y equipo" in menu_responsable
    assert "Auditoría" not in menu_asesor and "Sedes y equipo" not in menu_asesor
    assert "Nueva atención" in menu_asesor
    assert "Responsable" in menu_responsable and "Asesor_a" in menu_asesor
    assert "Responsable" not in menu_asesor

    menu_editor = _menu(cliente_de(editor).get("/gestion/").content.decode())
    assert "Sinónimos de búsqueda" in menu_editor and "Auditoría" not in menu_editor

    # A permission given to one user changes that user's menu on the next page.
    asesor_a.user_permissions.add(Permission.objects.get(codename="view_registroacceso"))
    menu_asesor = _menu(cliente_de(asesor_a).get(URL).content.decode())
    assert "Auditoría" in menu_asesor and "Datos personales" in menu_asesor
    assert "Auditoría" in _menu(cliente_de(responsable).get(URL).content.decode())


def test_the_phone_menu_keeps_its_own_layout(cliente_de, responsable):
    html = cliente_de(responsable).get(URL).content.decode()
    movil = html.split('<details class="menu-movil">', 1)[1]
    assert '<span class="menu-titulo">Atención</span>' in movil
    assert "<summary>Atención</summary>" in _menu(html)


def test_each_row_links_to_its_consultation_with_its_topics_and_advisor(
    cliente_de, responsable, sede_a
):
    con_asesor = consulta(sede_a, 2, temas=["remesas", "tramites-visas"], asesor=responsable)
    sin_asesor = consulta(sede_a, 3, temas=[])
    html = cliente_de(responsable).get(URL).content.decode()
    filas = {
        codigo: fila
        for fila in re.findall(r"<tr>.*?</tr>", html, re.S)
        for codigo in (con_asesor.codigo, sin_asesor.codigo)
        if codigo in fila
    }
    assert f'<a href="/gestion/consultas/{con_asesor.codigo}/">' in filas[con_asesor.codigo]
    celdas = re.findall(r"<td>(.*?)</td>", filas[con_asesor.codigo], re.S)
    assert {"Remesas", "Trámites y visas"} in [set(c.split(", ")) for c in celdas], celdas
    assert "Responsable" in filas[con_asesor.codigo]
    celdas = re.findall(r"<td>(.*?)</td>", filas[sin_asesor.codigo], re.S)
    assert celdas.count("") == 1 and celdas.count("—") >= 2  # no topics; no advisor, no age
