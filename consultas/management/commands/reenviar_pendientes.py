from django.core.management.base import BaseCommand, CommandError

from consultas.models.remotas import EstadoEnvio
from consultas.remotas.correo import reenviar_pendientes


class Command(BaseCommand):
    help = "Reintenta enviar los correos de consultas que quedaron sin enviar."

    def handle(self, *args, **options):
        enviados, fallidos = reenviar_pendientes()
        self.stdout.write(f"Correos enviados: {enviados}. Fallaron: {len(fallidos)}.")
        for mensaje in fallidos:
            futuro = (
                "no se volverá a intentar"
                if mensaje.estado_envio == EstadoEnvio.FALLIDO
                else "se reintentará"
            )
            self.stderr.write(
                f"{mensaje.consulta.codigo} → {mensaje.destinatario} "
                f"(intento {mensaje.intentos}, {futuro}): {mensaje.ultimo_error}"
            )
        if fallidos:
            raise CommandError(f"{len(fallidos)} correo(s) no se pudieron enviar.")
