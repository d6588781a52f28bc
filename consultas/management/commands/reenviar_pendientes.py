from django.core.management.base import BaseCommand, CommandError

from consultas.models.remotas import EstadoEnvio
from consultas.remotas.correo import reenviar_pendientes
from contenidos import correo as correo_portal


class Command(BaseCommand):
    help = "Reintenta enviar los correos (consultas, boletín) que quedaron sin enviar."

    def handle(self, *args, **options):
        enviados, fallidos = reenviar_pendientes()
        enviados_portal, fallidos_portal = correo_portal.reenviar_pendientes()
        self.stdout.write(
            f"Correos enviados: {enviados + enviados_portal}. "
            f"Fallaron: {len(fallidos) + fallidos_portal}."
        )
        for mensaje in fallidos:
            futuro = (
                "no se volverá a intentar"
                if mensaje.estado_envio == EstadoEnvio.FALLIDO
                else "se reintentará"
            )
            asunto = mensaje.consulta.codigo if mensaje.consulta_id else mensaje.asunto
            self.stderr.write(
                f"{asunto} → {mensaje.destinatario} "
                f"(intento {mensaje.intentos}, {futuro}): {mensaje.ultimo_error}"
            )
        if fallidos_portal:
            self.stderr.write(f"Correos del portal (boletín) sin enviar: {fallidos_portal}.")
        fallidos = [*fallidos, *range(fallidos_portal)]
        if fallidos:
            raise CommandError(f"{len(fallidos)} correo(s) no se pudieron enviar.")
