"""The portal's mail queue moves into the one outgoing-mail queue (``correo.CorreoSaliente``)."""

from email.utils import make_msgid

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def mover(apps, schema_editor):
    Antiguo = apps.get_model("contenidos", "CorreoSaliente")
    Cola = apps.get_model("correo", "CorreoSaliente")
    ahora = timezone.now()
    for viejo in Antiguo.objects.order_by("pk").iterator():
        cabeceras = dict(viejo.cabeceras or {})
        message_id = cabeceras.pop("Message-ID", "") or make_msgid(idstring="infomigra")
        agotado = viejo.enviado_el is None and viejo.intentos >= settings.CORREO_MAX_INTENTOS
        Cola.objects.create(
            destinatario=viejo.destinatario,
            asunto=viejo.asunto,
            texto=viejo.texto,
            html=viejo.html,
            cabeceras=cabeceras,
            message_id=message_id,
            creado=viejo.creado,
            intentos=viejo.intentos,
            enviado_el=viejo.enviado_el,
            abandonado_el=ahora if agotado else None,
            ultimo_error=viejo.ultimo_error,
        )
    Antiguo.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenidos", "0008_revisar_antes_de_y_direccion"),
        ("correo", "0001_cola_de_correo"),
    ]

    operations = [migrations.RunPython(mover, migrations.RunPython.noop, elidable=False)]
