"""``Consulta.espera_desde`` is always set; the inbox reads it through a partial index."""

from django.db import migrations, models

import consultas.models.consulta


class Migration(migrations.Migration):
    dependencies = [
        ("consultas", "0022_espera_desde_bandeja"),
    ]

    operations = [
        migrations.AlterField(
            model_name="consulta",
            name="espera_desde",
            field=consultas.models.consulta.EsperaDesdeField(
                editable=False, verbose_name="en espera desde"
            ),
        ),
        migrations.AddIndex(
            model_name="consulta",
            index=models.Index(
                condition=models.Q(("canal__in", ["correo", "web"]), ("estado", "pendiente")),
                fields=["espera_desde", "id"],
                name="consulta_espera_idx",
            ),
        ),
    ]
