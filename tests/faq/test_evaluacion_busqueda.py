"""The labelled set on the test database: a ranking regression fails CI on both databases."""

import pytest
from django.core.management import call_command

from faq.models import Pregunta
from faq.motor.preguntas import buscar
from faq.semillas.evaluacion_busqueda import CONSULTAS, ENTRADAS, evaluar

pytestmark = pytest.mark.django_db
UMBRAL_EXITO = 0.90
UMBRAL_MRR = 0.85


@pytest.fixture
def banco(db):
    call_command("cargar_preguntas", verbosity=0)


def test_labelled_set_is_large_and_points_at_real_entries(banco):
    assert len(CONSULTAS) >= 150
    slugs = list(Pregunta.objects.filter(idioma="es").values_list("slug", flat=True))
    for clave, prefijo in ENTRADAS.items():
        assert sum(s.startswith(prefijo) for s in slugs) == 1, clave
    assert {c for claves in CONSULTAS.values() for c in claves} <= set(ENTRADAS)


def test_labelled_queries_find_their_answer_in_the_first_three(banco):
    exito, mrr, vacias, fallos = evaluar(buscar)
    assert vacias == []
    assert exito >= UMBRAL_EXITO, fallos
    assert mrr >= UMBRAL_MRR, fallos
