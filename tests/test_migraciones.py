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
    # The one change: the ``socio`` report dimension (added later) counts every existing
    # consultation as ``sin-dato`` in its day-and-office cell.
    socio = [(f, s, "socio", "sin-dato", n) for f, s, d, _v, n in antes[1] if d == "total"]
    assert despues[0] == antes[0] and len(antes[0]) == 3
    assert despues[1] == sorted(antes[1] + socio)
    tablas = connection.introspection.table_names()
    assert "consultas_limiteenvio" not in tablas and "faq_limitevotos" not in tablas


@pytest.mark.django_db(transaction=True)
def test_existing_faq_entries_get_their_question_vector_and_rank_by_title():
    """faq.0009 fills the question's own vector from the entries already there (PostgreSQL;
    SQLite ranks titles on its FTS question column, which the migration leaves alone)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from contenidos.models import Tema
    from faq.models import Pregunta
    from faq.motor.preguntas import buscar
    from tests.faq_ayudas import crear_pregunta

    # A transactional test before this one may have flushed the seeded topics.
    Tema.objects.get_or_create(codigo="tramites-visas", defaults={"nombre": "Trámites y visas"})
    titulada = crear_pregunta("¿Qué visa de trabajo pido?", "En el consulado.", orden=2)
    en_respuesta = crear_pregunta("¿Qué pido?", "Una visa de trabajo.", orden=1)
    antes = [("faq", "0008_indice_orden_busqueda")]
    ejecutor = MigrationExecutor(connection)
    ejecutor.migrate(antes)
    ejecutor = MigrationExecutor(connection)
    ejecutor.migrate(ejecutor.loader.graph.leaf_nodes())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, vector_pregunta::text FROM faq_pregunta WHERE id IN (%s, %s)",
                [titulada.pk, en_respuesta.pk],
            )
            vectores = dict(cursor.fetchall())
            indices = connection.introspection.get_constraints(cursor, "faq_pregunta")
        assert vectores[titulada.pk] == "'pid':5A 'trabaj':4A 'vis':2A"
        assert vectores[en_respuesta.pk] == "'pid':2A"
        assert indices["faq_pregunta_vector_pregunta_gin"]["type"] == "gin"
    else:
        assert Pregunta.objects.filter(vector_pregunta__isnull=True).count() == 2
    resultado = buscar("visa trabajo")
    assert [(p.pk, p.en_titulo) for p in resultado[:2]] == [(titulada.pk, 2), (en_respuesta.pk, 0)]
