from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    salida = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=salida, stderr=salida)
    except SystemExit as exc:  # raised when a migration is missing
        pytest.fail(f"Faltan migraciones:\n{salida.getvalue()}\n(código {exc.code})")


# The last migrations before the back office moved into sub-packages (and the two rate-limit
# tables went to the cache): a database of that time must migrate forward with its data intact.
ANTES_DE_LA_MUDANZA = [("consultas", "0011_busqueda_trigramas"), ("faq", "0003_vector_en_linea")]


def _filas(cursor, sql):
    cursor.execute(sql)
    return sorted(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_migrates_forward_without_data_change():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    ejecutor = MigrationExecutor(connection)
    ejecutor.migrate(ANTES_DE_LA_MUDANZA)
    antiguas = ejecutor.loader.project_state(ANTES_DE_LA_MUDANZA).apps
    Sede = antiguas.get_model("consultas", "Sede")
    Consulta = antiguas.get_model("consultas", "Consulta")
    ResumenDiario = antiguas.get_model("consultas", "ResumenDiario")
    sede = Sede.objects.get_or_create(codigo="LIMA", defaults={"nombre": "Lima"})[0]
    for numero, canal in enumerate(["presencial", "correo", "web"], start=1):
        Consulta.objects.create(
            codigo=f"C-2026-{numero:06d}",
            canal=canal,
            sede=sede,
            fecha=f"2026-07-0{numero}",
            recibida=f"2026-07-0{numero}T10:00:00-05:00",
            tipo_migrante="potencial",
            banda_edad="sin-dato",
            resumen=f"Consulta {numero}",
            email=f"persona{numero}@example.org",
        )
        ResumenDiario.objects.create(
            fecha=f"2026-07-0{numero}", sede=sede, dimension="total", valor="", cantidad=1
        )
    consultas_sql = (
        "SELECT codigo, canal, fecha, resumen, email FROM consultas_consulta ORDER BY codigo"
    )
    resumen_sql = "SELECT fecha, sede_id, dimension, valor, cantidad FROM consultas_resumendiario"
    with connection.cursor() as cursor:
        antes = (_filas(cursor, consultas_sql), _filas(cursor, resumen_sql))

    ejecutor = MigrationExecutor(connection)
    ejecutor.migrate(ejecutor.loader.graph.leaf_nodes())
    with connection.cursor() as cursor:
        despues = (_filas(cursor, consultas_sql), _filas(cursor, resumen_sql))
    assert antes == despues and len(antes[0]) == 3
    tablas = connection.introspection.table_names()
    assert "consultas_limiteenvio" not in tablas and "faq_limitevotos" not in tablas
