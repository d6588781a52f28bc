"""The back-office form pages share one layout (templates/gestion/_formulario.html): the title,
the form, «Guardar», and «Cancelar» back to where the page came from."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from consultas.socios.models import Socio
from consultas.talleres.models import Taller

pytestmark = pytest.mark.django_db


def cancelar(html: str) -> str:
    return re.search(r'<a class="btn btn-link" href="([^"]+)">Cancelar</a>', html).group(1)


def test_each_form_page_saves_and_cancels_back_to_its_list_or_item(cliente_de, responsable, sede_a):
    Socio.objects.create(codigo="ONG-X", nombre="ONG X", tipo="ong", sede=sede_a)
    taller = Taller.objects.create(
        titulo="Remesas", descripcion="Ahorro.", publico="familias", sede=sede_a,
        inicio=timezone.now() + dt.timedelta(days=5), capacidad=10,
    )  # fmt: skip
    cliente = cliente_de(responsable)
    paginas = {
        "/gestion/equipo/usuarios/nuevo/": ("Nuevo usuario", "/gestion/equipo/"),
        "/gestion/socios/nuevo/": (None, "/gestion/socios/"),
        "/gestion/socios/ONG-X/editar/": (None, "/gestion/socios/ONG-X/"),
        "/gestion/talleres/nuevo/": (None, "/gestion/talleres/"),
        f"/gestion/talleres/{taller.pk}/editar/": (None, f"/gestion/talleres/{taller.pk}/"),
        "/gestion/retornados/nuevo/": (None, "/gestion/retornados/"),
    }
    for ruta, (titulo, vuelta) in paginas.items():
        html = cliente.get(ruta).content.decode()
        assert cancelar(html) == vuelta, ruta
        assert '<form method="post" novalidate>' in html and ">Guardar</button>" in html
        if titulo:
            assert f"<h1>{titulo}</h1>" in html
