from django.core.management.base import BaseCommand, CommandError

from consultas.remotas.correo import reenviar_pendientes
from contenidos import correo as correo_portal


class Command(BaseCommand):
    help = "Reintenta enviar los correos (consultas, boletín) que quedaron sin enviar."

    def handle(self, *args, **options):
        enviados, fallidos = reenviar_pendientes()
        enviados_portal, fallidos_portal = correo_portal.reenviar_pendientes()
        enviados, fallidos = enviados + enviados_portal, fallidos + fallidos_portal
        self.stdout.write(f"Correos enviados: {enviados}. Siguen sin enviarse: {fallidos}.")
        if fallidos:
            raise CommandError(f"{fallidos} correo(s) siguen sin enviarse; se reintentarán.")
