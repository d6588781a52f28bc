"""Trigram indexes for the list's free-text search (PostgreSQL only; SQLite untouched).

The list filters with ``resumen__icontains`` | ``respuesta__icontains`` | ``codigo__icontains``,
which Django writes on PostgreSQL as ``UPPER("col"::text) LIKE UPPER(%s)``. A GIN index over the
same expression with ``gin_trgm_ops`` lets PostgreSQL answer ``LIKE '%…%'`` from the index
(every candidate is rechecked against the row, so results are exactly those of the plain scan).
``pg_trgm`` is a trusted extension since PostgreSQL 13: the database owner may create it.
"""

from django.db import migrations

INDICES = {
    "consulta_resumen_trgm_idx": "resumen",
    "consulta_respuesta_trgm_idx": "respuesta",
    "consulta_codigo_trgm_idx": "codigo",
}


def crear(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for nombre, columna in INDICES.items():
        # Same expression as the query: UPPER("col"::text); ``::text`` is a no-op on text.
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{nombre}" ON "consultas_consulta" '
            f'USING gin ((UPPER("{columna}"::text)) gin_trgm_ops)'
        )
    # Index expressions get their own statistics: the planner can then tell a rare word
    # (bitmap scan on these indexes) from a frequent one (walk the date index and filter).
    schema_editor.execute('ANALYZE "consultas_consulta"')


def quitar(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for nombre in INDICES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{nombre}"')


class Migration(migrations.Migration):
    dependencies = [
        ("consultas", "0010_auditar_contenidos"),
    ]

    operations = [migrations.RunPython(crear, quitar, elidable=False)]
