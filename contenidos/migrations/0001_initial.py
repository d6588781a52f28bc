from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Tema",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("codigo", models.SlugField(max_length=40, unique=True, verbose_name="código")),
                ("nombre", models.CharField(max_length=120, verbose_name="nombre")),
                ("orden", models.PositiveSmallIntegerField(default=0, verbose_name="orden")),
                ("activo", models.BooleanField(default=True, verbose_name="activo")),
            ],
            options={"verbose_name": "tema", "verbose_name_plural": "temas", "ordering": ["orden", "nombre"]},
        ),
    ]
