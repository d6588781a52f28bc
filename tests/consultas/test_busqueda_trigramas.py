"""The list's free-text search on PostgreSQL: answered by trigram indexes, same results."""

import re

import pytest
from django.db import connection

from consultas.filtros import consultas_filtradas
from tests.consultas.ayudas import URL, codigos, consulta

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="pg_trgm and its GIN indexes exist on PostgreSQL only; the search's results on "
        "SQLite are covered by test_consultas_lista.py.",
    ),
]
INDICES = {
    "consulta_resumen_trgm_idx": "resumen",
    "consulta_respuesta_trgm_idx": "respuesta",
    "consulta_codigo_trgm_idx": "codigo",
}


@pytest.fixture
def solo_indices_gin():
    """Forbid sequential and plain index scans so a bitmap scan on the GIN indexes is the
    only way left; with a handful of rows the planner would otherwise scan the table."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")


@pytest.fixture
def filas(sede_a):
    return {
        "pension": consulta(sede_a, 2, resumen="Pregunta si sus aportes se suman para su pensión."),
        "espana": consulta(sede_a, 3, respuesta="Se explicó el envío de dinero desde España."),
        "italia": consulta(sede_a, 4, resumen="Quiere trabajar en ITALIA como cuidadora."),
        "comodin": consulta(sede_a, 5, resumen="Pagó 100% del trámite_visa por adelantado."),
        "otra": consulta(sede_a, 6, resumen="Consulta general sobre el servicio."),
    }


def test_gin_trigram_indexes_cover_the_icontains_expression():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() is not None
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'consultas_consulta'"
        )
        definiciones = dict(cursor.fetchall())
    for nombre, columna in INDICES.items():
        # PostgreSQL drops the no-op ``::text`` on text columns when it prints the definition.
        assert re.search(
            rf"USING gin \(upper\(\(?{columna}\)?(::text)?\) gin_trgm_ops\)", definiciones[nombre]
        ), definiciones[nombre]


def test_search_plan_uses_the_trigram_indexes(responsable, filas, solo_indices_gin):
    plan = consultas_filtradas(responsable, {"q": "pensión"})[:50].explain()
    for nombre in INDICES:
        assert nombre in plan


@pytest.mark.parametrize(
    ("q", "esperadas"),
    [
        ("PENSIÓN", {"pension"}),
        ("pensión", {"pension"}),
        ("españa", {"espana"}),
        ("Italia", {"italia"}),
        ("100%", {"comodin"}),
        ("trámite_visa", {"comodin"}),
        ("tramite visa", {"comodin"}),
        ("pension sus aportes", {"pension"}),
        ("ESPANA", {"espana"}),
        ("Se", {"pension", "espana", "otra"}),
        ("C-2026", {"pension", "espana", "italia", "comodin", "otra"}),
    ],
)
def test_search_through_the_indexes_finds_the_same_consultations(
    cliente_de, responsable, filas, solo_indices_gin, q, esperadas
):
    respuesta = cliente_de(responsable).get(URL, {"q": q})
    assert set(codigos(respuesta)) == {filas[k].codigo for k in esperadas}


def test_search_through_the_indexes_keeps_newest_first(
    cliente_de, responsable, filas, solo_indices_gin
):
    respuesta = cliente_de(responsable).get(URL, {"q": "a"})
    esperadas = [filas[k].codigo for k in ("otra", "comodin", "italia", "espana", "pension")]
    assert codigos(respuesta) == esperadas
