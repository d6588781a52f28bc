from django.db import migrations


def crear_sede_y_roles(apps, schema_editor):
    Sede = apps.get_model("consultas", "Sede")
    Group = apps.get_model("auth", "Group")
    Sede.objects.get_or_create(codigo="LIMA", defaults={"nombre": "Sede central — Lima"})
    # Permissions are attached after migrate by consultas.roles.sincronizar_roles.
    for rol in ("Asesor", "Responsable", "Editor"):
        Group.objects.get_or_create(name=rol)


class Migration(migrations.Migration):
    dependencies = [("consultas", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(crear_sede_y_roles, migrations.RunPython.noop)]
