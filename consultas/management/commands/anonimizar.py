from django.core.management.base import BaseCommand, CommandError

from consultas.privacidad import otros_servicios
from consultas.privacidad.servicios import anonimizar_anteriores, hace_meses, vaciar_filas_muertas


class Command(BaseCommand):
    help = (
        "Anonimiza las consultas recibidas hace más de N meses: borra nombre, correo, teléfono "
        "y textos libres (también de sus mensajes y de su historial) y conserva los datos "
        "estadísticos. También las inscripciones a talleres realizados antes de esa fecha y el "
        "seguimiento de retornados inscritos antes de ella."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--meses", type=int, default=24, help="Antigüedad mínima en meses (por defecto 24)."
        )

    def handle(self, *args, meses, **options):
        if meses < 1:
            raise CommandError("--meses debe ser un número entero mayor o igual a 1.")
        limite = hace_meses(meses)
        cantidad = anonimizar_anteriores(meses)
        self.stdout.write(
            f"{cantidad} consultas anonimizadas (recibidas antes del {limite:%Y-%m-%d %H:%M})."
        )
        otros = otros_servicios.anonimizar_anteriores(limite)
        self.stdout.write(
            f"{otros['inscripciones']} inscripciones a talleres y {otros['retornados']} "
            "personas en seguimiento de retorno anonimizadas."
        )
        if cantidad or any(otros.values()):
            vaciar_filas_muertas()
