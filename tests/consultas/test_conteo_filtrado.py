"""The list's bounded count with unselective filters (channel, sex, profile) on PostgreSQL:
answered by the keys of ``consulta_filtros_idx``, not by a sequential scan of the table.

At 1M consultations «tema + sexo + canal» counted its 501 rows by scanning ≈ 45,000 table rows
(25–44 ms, the slowest back-office page); from the index the same count reads ≈ 4,700 index
entries (docs/benchmarks.md, "Back office at 1M consultations")."""

import pytest
from django.db import connection

from consultas.filtros import consultas_filtradas
from infomigra.paginacion import PaginadorAcotado
from tests.consultas.ayudas import consulta

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="INCLUDE indexes exist on PostgreSQL only (SQLite builds none for them).",
    ),
]


@pytest.fixture
def filas(sede_a):
    datos = [("correo", "F", "emigrante"), ("correo", "M", "emigrante"), ("web", "F", "retornado")]
    return [
        consulta(sede_a, dia, canal=canal, sexo=sexo, tipo_migrante=perfil, temas=["remesas"])
        for dia, (canal, sexo, perfil) in enumerate(datos * 3, start=1)
    ]


def test_the_filter_index_holds_what_the_bounded_count_reads():
    """Every column the count touches (the filters and the key) is in the index, leading with the
    filters, so PostgreSQL can answer it from the index alone (an index-only scan at 1M rows; with
    a handful of rows in a test database its planner picks whatever is cheapest)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'consulta_filtros_idx'")
        (definicion,) = cursor.fetchone()
    assert "(canal, sexo, tipo_migrante) INCLUDE (id)" in definicion, definicion


@pytest.mark.parametrize(
    "filtros",
    [
        {"canal": "correo", "sexo": "F"},
        {"canal": "correo", "sexo": "F", "tipo_migrante": "emigrante"},
        {"canal": "web"},
    ],
)
def test_the_bounded_count_counts_what_the_filters_keep(responsable, filas, filtros):
    qs = consultas_filtradas(responsable, filtros)
    esperadas = [
        c for c in filas if all(getattr(c, campo) == valor for campo, valor in filtros.items())
    ]
    assert PaginadorAcotado(qs, 50).count == len(esperadas) > 0
