from django.core.management import call_command
from django.db import migrations


def crear_tabla_cache(apps, schema_editor):
    # The database cache backend (used when REDIS_URL is not set) needs its table.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("consultas", "0003_indices_reportes")]
    operations = [migrations.RunPython(crear_tabla_cache, migrations.RunPython.noop)]
