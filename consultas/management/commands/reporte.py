import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from consultas.estadisticas import servicio as estadisticas
from consultas.estadisticas.archivos import escribir_csv, escribir_xlsx
from consultas.models import Sede
from infomigra.routers import lectura_replica


def _fecha(opcion):
    def leer(valor):
        try:
            return dt.date.fromisoformat(valor)
        except ValueError:
            raise CommandError(
                f"Fecha no válida {valor!r} en {opcion}: use AAAA-MM-DD (por ejemplo 2026-01-31)."
            ) from None

    return leer


class _SinFinDeLinea:
    """Pass csv.writer's lines to the command's stdout without adding another newline."""

    def __init__(self, salida):
        self.salida = salida

    def write(self, texto):
        self.salida.write(texto, ending="")


class Command(BaseCommand):
    help = (
        "Reporte estadístico de consultas de un periodo (CSV o XLSX). "
        "El CSV va a la salida estándar si no se indica --salida."
    )

    def add_arguments(self, parser):
        parser.add_argument("--desde", required=True, help="AAAA-MM-DD, incluido")
        parser.add_argument("--hasta", required=True, help="AAAA-MM-DD, incluido")
        parser.add_argument("--sede", help="código de la sede (por defecto, todas)")
        parser.add_argument("--formato", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--salida", help="archivo de salida")

    def handle(self, *args, **opciones):
        desde = _fecha("--desde")(opciones["desde"])
        hasta = _fecha("--hasta")(opciones["hasta"])
        if desde > hasta:
            raise CommandError("--desde debe ser anterior o igual a --hasta.")
        sede = None
        if opciones["sede"]:
            sede = Sede.objects.filter(codigo=opciones["sede"]).first()
            if sede is None:
                codigos = ", ".join(Sede.objects.values_list("codigo", flat=True))
                raise CommandError(
                    f"La sede {opciones['sede']!r} no existe. Sedes disponibles: {codigos}."
                )
        if opciones["formato"] == "xlsx" and not opciones["salida"]:
            raise CommandError("El formato xlsx necesita --salida ARCHIVO.")
        with lectura_replica():
            reporte = estadisticas.calcular(desde, hasta, sede)
        filas = estadisticas.filas_reporte(reporte)
        salida = opciones["salida"]
        try:
            if opciones["formato"] == "xlsx":
                with open(salida, "wb") as archivo:
                    escribir_xlsx(filas, archivo)
            elif salida:
                with open(salida, "w", encoding="utf-8", newline="") as archivo:
                    escribir_csv(filas, archivo)
            else:
                escribir_csv(filas, _SinFinDeLinea(self.stdout))
        except OSError as exc:
            raise CommandError(f"No se pudo escribir {salida!r}: {exc.strerror}.") from None
