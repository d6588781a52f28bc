"""Seed the synonyms, re-stem the SQLite search columns and fill the typo vocabulary.

On PostgreSQL also ``pg_trgm`` (trusted since PostgreSQL 13) and a trigram GIN index on the
vocabulary, for «¿Quiso decir…?». The text functions are pure (``faq.motor.texto``), so this
migration keeps working when models change.
"""

from django.db import migrations

from faq.motor.texto import normalizar, palabras, raiz
from faq.semillas.sinonimos import SINONIMOS

INDICE = (
    "CREATE INDEX IF NOT EXISTS faq_termino_trgm_idx "
    "ON faq_termino USING gin (palabra gin_trgm_ops);"
)


def sembrar(apps, schema_editor):
    Sinonimo = apps.get_model("faq", "Sinonimo")
    if not Sinonimo.objects.exists():
        Sinonimo.objects.bulk_create(
            [Sinonimo(termino=t, equivalentes=e, en_ambos_sentidos=a) for t, e, a in SINONIMOS]
        )


def reindexar(apps, schema_editor):
    Pregunta = apps.get_model("faq", "Pregunta")
    Termino = apps.get_model("faq", "Termino")
    vocabulario = set()
    for pregunta in Pregunta.objects.all().iterator():
        pregunta.busqueda_pregunta = normalizar(pregunta.pregunta)
        pregunta.busqueda_respuesta = normalizar(pregunta.respuesta)
        pregunta.save(update_fields=["busqueda_pregunta", "busqueda_respuesta"])
        vocabulario.update(palabras(f"{pregunta.pregunta} {pregunta.respuesta}"))
    for termino, equivalentes, _ in SINONIMOS:
        vocabulario.update(palabras(f"{termino} {equivalentes}"))
    nuevas = [p for p in vocabulario if 3 < len(p) <= 40 and not p.isdigit()]
    Termino.objects.bulk_create(
        [Termino(palabra=p, raiz=raiz(p)) for p in sorted(nuevas)], ignore_conflicts=True
    )


def trigramas(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(INDICE)


def deshacer_trigramas(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS faq_termino_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("faq", "0005_sinonimos_vocabulario_busquedas")]
    operations = [
        migrations.RunPython(trigramas, deshacer_trigramas),
        migrations.RunPython(sembrar, migrations.RunPython.noop),
        migrations.RunPython(reindexar, migrations.RunPython.noop),
    ]
