from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("contenidos", "0009_correos_a_la_cola_comun")]

    operations = [migrations.DeleteModel(name="CorreoSaliente")]
