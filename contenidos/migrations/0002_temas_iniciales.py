from django.db import migrations


def sembrar_temas(apps, schema_editor):
    from infomigra.vocabulario import TEMAS

    Tema = apps.get_model("contenidos", "Tema")
    for orden, (codigo, nombre) in enumerate(TEMAS, start=1):
        Tema.objects.update_or_create(codigo=codigo, defaults={"nombre": str(nombre), "orden": orden})


class Migration(migrations.Migration):
    dependencies = [("contenidos", "0001_initial")]
    operations = [migrations.RunPython(sembrar_temas, migrations.RunPython.noop)]
