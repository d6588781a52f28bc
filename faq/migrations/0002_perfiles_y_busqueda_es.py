"""Seed the profiles; on PostgreSQL add unaccent, the es_unaccent configuration and a GIN index."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CREAR_CONFIGURACION = """
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'es_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION es_unaccent (COPY = pg_catalog.spanish);
    ALTER TEXT SEARCH CONFIGURATION es_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
  END IF;
END $$;
"""
CREAR_INDICE = (
    "CREATE INDEX IF NOT EXISTS faq_pregunta_vector_gin "
    "ON faq_pregunta USING gin (vector_busqueda);"
)


def sembrar_perfiles(apps, schema_editor):
    from infomigra.vocabulario import TipoMigrante

    Perfil = apps.get_model("faq", "Perfil")
    for codigo in TipoMigrante.values:
        Perfil.objects.get_or_create(codigo=codigo)


def busqueda_postgresql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREAR_CONFIGURACION)
    schema_editor.execute(CREAR_INDICE)


def deshacer_busqueda_postgresql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS faq_pregunta_vector_gin;")
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS es_unaccent;")


class Migration(migrations.Migration):
    dependencies = [("faq", "0001_pregunta_perfil_limite")]
    operations = [
        migrations.RunPython(sembrar_perfiles, migrations.RunPython.noop),
        # A no-op on SQLite; unaccent is trusted on PostgreSQL 13+, so the database owner may
        # create it without superuser rights.
        UnaccentExtension(),
        migrations.RunPython(busqueda_postgresql, deshacer_busqueda_postgresql),
    ]
