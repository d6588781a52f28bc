"""The mail of the other services (workshops, returnees) leaves ``Mensaje`` for the one
outgoing-mail queue (``correo.CorreoSaliente``); ``Mensaje`` keeps only consultation threads.

Such a message had no consultation and an ``objeto`` whose ``contenido_correo`` renders the
text when sent: the queue row keeps the same owner, Message-ID, attempts and outcome, and no
text (it is still rendered when sent, so no private link is stored)."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

ENVIADOS = ("enviado", "rebotado")


def mover(apps, schema_editor):
    Mensaje = apps.get_model("consultas", "Mensaje")
    Cola = apps.get_model("correo", "CorreoSaliente")
    ahora = timezone.now()
    cabeceras = {"Reply-To": settings.SERVICIO_CORREO, "Auto-Submitted": "auto-generated"}
    for m in Mensaje.objects.filter(consulta=None).order_by("pk").iterator():
        enviado = m.estado_envio in ENVIADOS
        Cola.objects.create(
            destinatario=m.destinatario,
            asunto=m.asunto,
            texto="" if m.objeto_tipo_id else m.cuerpo,
            cabeceras=cabeceras,
            message_id=m.message_id or f"<mensaje-{m.pk}@infomigra.invalid>",
            tipo=m.tipo,
            objeto_tipo_id=m.objeto_tipo_id,
            objeto_id=m.objeto_id,
            creado=m.creado,
            intentos=m.intentos,
            enviado_el=(m.enviado_el or m.creado) if enviado else None,
            abandonado_el=ahora if m.estado_envio == "fallido" else None,
            ultimo_error=m.ultimo_error[:500],
        )
    Mensaje.objects.filter(consulta=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultas", "0016_historia_contenidos_revision"),
        ("correo", "0001_cola_de_correo"),
    ]

    operations = [migrations.RunPython(mover, migrations.RunPython.noop, elidable=False)]
