"""The question's own search vector (PostgreSQL), GIN-indexed and kept inline.

Results are ranked by how many of the query's groups they cover, then by how many they cover in
the question, as on SQLite. Counting those on the whole entry's vector read every match's long
vector again per group; the question alone is a few lexemes. Filled from the A-weighted lexemes
of ``vector_busqueda`` (the question), so no text is stemmed again.
"""

import django.contrib.postgres.search
from django.db import migrations


def indexar(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE faq_pregunta ALTER COLUMN vector_pregunta SET STORAGE MAIN;"
    )
    schema_editor.execute(
        "UPDATE faq_pregunta SET vector_pregunta = ts_filter(vector_busqueda, '{a}') "
        "WHERE vector_busqueda IS NOT NULL;"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS faq_pregunta_vector_pregunta_gin "
        "ON faq_pregunta USING gin (vector_pregunta);"
    )


def deshacer(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS faq_pregunta_vector_pregunta_gin;")


class Migration(migrations.Migration):
    dependencies = [("faq", "0008_indice_orden_busqueda")]

    operations = [
        migrations.AddField(
            model_name="pregunta",
            name="vector_pregunta",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(indexar, deshacer),
    ]
