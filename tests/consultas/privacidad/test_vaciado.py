"""After the scheduled anonymisation the touched tables are vacuumed, so the old row versions
that still hold the personal data leave the database files."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultas.models import Consulta, Sede


@pytest.mark.django_db(transaction=True)
def test_anonimizar_vacuums_the_touched_tables(semillas):
    sede = Sede.objects.get(codigo="LIMA")
    Consulta.objects.create(
        canal="web",
        sede=sede,
        tipo_migrante="potencial",
        recibida=timezone.now() - dt.timedelta(days=800),
        email="vieja@example.org",
        resumen="DNI 44556677",
    )
    with CaptureQueriesContext(connection) as consultas:
        call_command("anonimizar", meses=24, stdout=StringIO())
    vaciados = [q["sql"] for q in consultas.captured_queries if q["sql"].startswith("VACUUM")]
    assert len(vaciados) == 1
    if connection.vendor == "postgresql":
        assert '"consultas_consulta"' in vaciados[0]
        assert '"consultas_historicalconsulta"' in vaciados[0]
    assert not Consulta.objects.filter(email="vieja@example.org").exists()


def _vaciado_registrado(tabla):
    """PostgreSQL: when ``tabla`` was last vacuumed by hand, and its dead row versions."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT last_vacuum, n_dead_tup FROM pg_stat_user_tables WHERE relname = %s",
            [tabla],
        )
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_deleting_through_the_personal_data_page_vacuums(client, semillas):
    from infomigra.vocabulario import ROL_RESPONSABLE
    from tests.conftest import crear_usuario, dar_doble_factor, sesion_verificada

    sede = Sede.objects.get(codigo="LIMA")
    responsable = crear_usuario("resp_vaciado", ROL_RESPONSABLE, sede)
    dar_doble_factor(responsable)
    Consulta.objects.create(
        canal="web", sede=sede, tipo_migrante="potencial", recibida=timezone.now(),
        email="pide.borrar@example.org", resumen="DNI 44556677",
    )  # fmt: skip
    antes = timezone.now()
    cliente = sesion_verificada(client, responsable)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = cliente.post(
            "/gestion/datos-personales/",
            {"email": "pide.borrar@example.org", "accion": "eliminar", "confirmar": "on"},
        )
    assert respuesta.status_code == 302
    vaciados = [q["sql"] for q in consultas.captured_queries if q["sql"].startswith("VACUUM")]
    assert len(vaciados) == 1
    if connection.vendor == "postgresql":
        for tabla in (
            "consultas_consulta",
            "consultas_historicalconsulta",
            "contenidos_suscriptor",
        ):
            assert f'"{tabla}"' in vaciados[0]
        ultimo, muertas = _vaciado_registrado("consultas_consulta")
        assert ultimo is not None and ultimo >= antes
        assert muertas == 0
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA freelist_count")
            assert cursor.fetchone()[0] == 0
    assert not Consulta.objects.filter(email="pide.borrar@example.org").exists()
