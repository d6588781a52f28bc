from django.core.management.base import BaseCommand, CommandError

from consultas.models.remotas import EstadoEnvio
from consultas.remotas import correo as correo_consultas
from infomigra.correo import cola


class Command(BaseCommand):
    help = (
        "Envía todo el correo pendiente: la cola de correo saliente (boletín, talleres, "
        "retornados…) y las respuestas y acuses de las consultas; lo que falle se reintentará."
    )

    def handle(self, *args, **options):
        enviados_cola, fallidos_cola = cola.reenviar_pendientes()
        enviados, fallidos = correo_consultas.reenviar_pendientes()
        self.stdout.write(
            f"Correos enviados: {enviados + enviados_cola}. "
            f"Fallaron: {len(fallidos) + len(fallidos_cola)}."
        )
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
        for correo in fallidos_cola:
            futuro = "no se volverá a intentar" if correo.abandonado_el else "se reintentará"
            self.stderr.write(
                f"{correo.asunto} → {correo.destinatario} "
                f"(intento {correo.intentos}, {futuro}): {correo.ultimo_error}"
            )
        total = len(fallidos) + len(fallidos_cola)
        if total:
            raise CommandError(f"{total} correo(s) no se pudieron enviar.")
