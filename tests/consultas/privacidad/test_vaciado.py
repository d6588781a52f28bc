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
def test_anonimizar_vacuums_the_touched_tables():
    sede = Sede.objects.get_or_create(codigo="LIMA", defaults={"nombre": "Lima"})[0]
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
