"""The pieces every public page shares (menu links, footer with the offices) are drawn once per
content generation and language, and drawn again when an office or content changes."""

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError

from consultas.contexto import CLAVE_SEDES
from consultas.models import Sede

pytestmark = pytest.mark.django_db
PAGINAS = ("/paises/", "/preguntas-frecuentes/", "/videos/", "/acerca/")


def _pie(html):
    return re.search(r'<footer class="pie.*?</footer>', html, re.S).group(0)


@pytest.fixture
def sede(db):
    return Sede.objects.create(
        codigo="CUSCO",
        nombre="Oficina de Cusco",
        direccion="Av. El Sol 123",
        telefono="(084) 22-3344",
    )


@pytest.fixture
def sin_paginas(settings):
    settings.CACHE_PORTAL_ENTRADAS = 0  # every request runs its view: only the pieces are kept


def test_every_page_shows_the_same_footer_drawn_once(client, sede, sin_paginas):
    pies = {_pie(client.get(url).content.decode()) for url in PAGINAS}
    assert len(pies) == 1
    assert "Oficina de Cusco" in pies.pop()
    # A change that moves no generation (a bulk UPDATE sends no signal) is not redrawn: the
    # footer of the next pages comes from memory, not from the template and the offices' cache.
    Sede.objects.filter(pk=sede.pk).update(nombre="Oficina de Cusco (sin señal)")
    cache.delete(CLAVE_SEDES)
    assert "(sin señal)" not in _pie(client.get("/instituciones/").content.decode())


def test_an_office_saved_appears_in_the_footer_of_the_next_page(client, sede, sin_paginas):
    assert "Oficina de Cusco" in _pie(client.get("/paises/").content.decode())
    sede.nombre = "Oficina Regional de Cusco"
    sede.horario = "Lunes a viernes, 8:30 a 16:30"
    sede.save()
    pie = _pie(client.get("/videos/").content.decode())
    assert "Oficina Regional de Cusco" in pie and "8:30 a 16:30" in pie
    sede.activa = False
    sede.save()
    assert "Cusco" not in _pie(client.get("/acerca/").content.decode())


def test_the_menu_and_footer_are_kept_per_language(client, sede, sin_paginas):
    espanol = client.get("/paises/").content.decode()
    ingles = client.get("/en/paises/").content.decode()
    assert "Dónde le atendemos" in _pie(espanol) and "Preguntas frecuentes</a>" in espanol
    assert "Where we see you" in _pie(ingles) and "Dónde le atendemos" not in _pie(ingles)
    assert 'href="/en/preguntas-frecuentes/"' in ingles
    assert 'href="/preguntas-frecuentes/"' not in ingles


def test_staff_pages_draw_the_pieces_each_time(client, sede, admin_user):
    client.force_login(admin_user)
    client.get("/paises/")
    Sede.objects.filter(pk=sede.pk).update(nombre="Oficina de Cusco (editada)")
    cache.delete(CLAVE_SEDES)
    assert "(editada)" in _pie(client.get("/paises/").content.decode())


def test_the_tag_needs_one_quoted_name():
    with pytest.raises(TemplateSyntaxError, match="compartido"):
        Template("{% load compartidos %}{% compartido pie %}x{% endcompartido %}")
    assert (
        Template('{% load compartidos %}{% compartido "x" %}ok{% endcompartido %}').render(
            Context({})
        )
        == "ok"
    )
