from django.core.management.base import BaseCommand, CommandError

from consultas.remotas.correo import reenviar_pendientes


class Command(BaseCommand):
    help = "Reintenta enviar los correos de consultas que quedaron sin enviar."

    def handle(self, *args, **options):
        enviados, fallidos = reenviar_pendientes()
        self.stdout.write(f"Correos enviados: {enviados}. Siguen sin enviarse: {fallidos}.")
        if fallidos:
            raise CommandError(f"{fallidos} correo(s) siguen sin enviarse; se reintentarán.")
