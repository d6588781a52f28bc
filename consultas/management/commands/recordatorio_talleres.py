from django.core.management.base import BaseCommand

from consultas.talleres.servicios import encolar_recordatorios, enviar_ahora


class Command(BaseCommand):
    help = (
        "Pone en la cola de correo el recordatorio de los talleres de mañana (una vez por "
        "inscripción confirmada) y lo envía; lo que falle queda para reenviar_pendientes."
    )

    def handle(self, *args, **options):
        mensajes = encolar_recordatorios()
        enviar_ahora(mensajes)
        self.stdout.write(f"Recordatorios de talleres en cola: {len(mensajes)}.")
