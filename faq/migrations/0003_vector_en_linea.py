"""PostgreSQL: keep the search vector inline (STORAGE MAIN) so ranking does not read TOAST.

Rows carry long Markdown/HTML answers, so PostgreSQL would otherwise move the vector out of line
and ``ts_rank`` would fetch it from the TOAST table for every match (about 4× the buffers).
"""

from django.db import migrations


def vector_en_linea(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE faq_pregunta ALTER COLUMN vector_busqueda SET STORAGE MAIN;"
        )


def deshacer(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE faq_pregunta ALTER COLUMN vector_busqueda SET STORAGE EXTENDED;"
        )


class Migration(migrations.Migration):
    dependencies = [("faq", "0002_perfiles_y_busqueda_es")]
    operations = [migrations.RunPython(vector_en_linea, deshacer)]
