"""The ``semillas`` fixture (tests/conftest.py) gives a transactional test back what the data
migrations seeded: an earlier transactional test flushed it."""

import pytest
from django.contrib.auth.models import Group

from consultas.models import Sede
from contenidos.models import Tema
from faq.models import Sinonimo, Termino
from tests.conftest import resembrar


def sembrado() -> dict:
    return {
        "sedes": sorted(Sede.objects.values_list("codigo", "nombre")),
        "temas": sorted(Tema.objects.values_list("codigo", "nombre", "orden")),
        "roles": sorted(
            (grupo.name, sorted(grupo.permissions.values_list("codename", flat=True)))
            for grupo in Group.objects.all()
        ),
        "sinonimos": sorted(
            Sinonimo.objects.values_list("termino", "equivalentes", "en_ambos_sentidos", "activo")
        ),
        "vocabulario": sorted(Termino.objects.values_list("palabra", "raiz")),
    }


@pytest.mark.django_db
def test_reseeding_gives_back_exactly_what_the_migrations_seeded():
    migrado = sembrado()
    assert all(migrado.values())  # every kind of seed is there to compare
    for modelo in (Sede, Tema, Group, Sinonimo, Termino):
        modelo.objects.all().delete()
    resembrar()
    assert sembrado() == migrado
    resembrar()  # twice changes nothing
    assert sembrado() == migrado


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_with_the_fixture_has_the_seed(semillas):
    assert Sede.objects.filter(codigo="LIMA").exists()
    assert Tema.objects.filter(codigo="derechos-laborales").exists()
    assert Group.objects.get(name="Asesor").permissions.exists()
    assert Sinonimo.objects.exists() and Termino.objects.exists()
