"""``Consulta.espera_desde``: when the person last wrote, stored for the inbox (then indexed
in its own migration: on PostgreSQL the backfill and the ALTER run in separate transactions)."""

from django.db import migrations, models

import consultas.models.consulta
from django.db.models.functions import Coalesce


def calcular(apps, schema_editor):
    """The last incoming message of each consultation, else its reception time."""
    Consulta = apps.get_model("consultas", "Consulta")
    Mensaje = apps.get_model("consultas", "Mensaje")
    ultima_entrada = (
        Mensaje.objects.filter(consulta=models.OuterRef("pk"), direccion="entrada")
        .order_by("-creado")
        .values("creado")[:1]
    )
    Consulta.objects.update(
        espera_desde=Coalesce(
            models.Subquery(ultima_entrada, output_field=models.DateTimeField()),
            models.F("recibida"),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("consultas", "0021_indice_panel_estado_portal"),
    ]

    operations = [
        migrations.AddField(
            model_name="consulta",
            name="espera_desde",
            field=consultas.models.consulta.EsperaDesdeField(
                editable=False, null=True, verbose_name="en espera desde"
            ),
        ),
        migrations.RunPython(calcular, migrations.RunPython.noop),
    ]
