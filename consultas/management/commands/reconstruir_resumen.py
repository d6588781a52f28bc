from django.core.management.base import BaseCommand

from consultas.estadisticas import resumen as resumen_diario
from consultas.models import ResumenDiario


class Command(BaseCommand):
    help = (
        "Reconstruye el resumen diario de los reportes a partir de las consultas "
        "(se mantiene solo en cada cambio; sirve como reparación)."
    )

    def handle(self, *args, **opciones):
        resumen_diario.reconstruir()
        self.stdout.write(f"Resumen reconstruido: {ResumenDiario.objects.count()} filas.")
