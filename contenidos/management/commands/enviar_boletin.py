from django.core.management.base import BaseCommand, CommandError

from contenidos import boletin as servicio
from contenidos.models import Boletin


class Command(BaseCommand):
    help = (
        "Envía una edición del boletín a los suscriptores confirmados, por lotes. Se puede "
        "repetir: nunca envía dos veces a la misma persona y retoma donde se quedó."
    )

    def add_arguments(self, parser):
        parser.add_argument("numero", type=int, help="Número de la edición.")
        parser.add_argument("--lote", type=int, default=100, help="Correos por conexión SMTP.")
        parser.add_argument("--limite", type=int, help="Máximo de correos en esta ejecución.")

    def handle(self, *args, **options):
        boletin = Boletin.objects.filter(numero=options["numero"]).first()
        if boletin is None:
            raise CommandError(f"No existe el boletín n.º {options['numero']}.")
        if not boletin.publicado:
            raise CommandError(
                f"El boletín n.º {boletin.numero} es un borrador: publíquelo antes de enviarlo."
            )
        if options["lote"] < 1:
            raise CommandError("--lote debe ser 1 o más.")
        resultado = servicio.enviar_edicion(boletin, lote=options["lote"], limite=options["limite"])
        pendientes = servicio.pendientes(boletin).count()
        self.stdout.write(
            f"Boletín n.º {boletin.numero}: {resultado.enviados} enviados, "
            f"{resultado.fallidos} fallidos, {resultado.omitidos} sin interés en esta edición; "
            f"quedan {pendientes} por intentar."
        )
