import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from consultas.filtros import filtrar
from consultas.intercambio.exportacion import escribir_csv, filas_consultas
from consultas.models import Consulta, Sede


def _fecha(valor):
    try:
        return dt.date.fromisoformat(valor)
    except ValueError:
        raise CommandError(f"Fecha no válida {valor!r}: use AAAA-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Exporta consultas a CSV (formato de consultas, el mismo que importa importar_consultas)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--desde", type=_fecha, help="AAAA-MM-DD")
        parser.add_argument("--hasta", type=_fecha, help="AAAA-MM-DD")
        parser.add_argument("--sede", help="código de sede, p. ej. LIMA")
        parser.add_argument("--salida", help="archivo de salida (por defecto, la salida estándar)")

    def handle(self, *args, **opciones):
        filtros = {k: opciones[k] for k in ("desde", "hasta") if opciones[k]}
        if filtros.get("desde") and filtros.get("hasta") and filtros["desde"] > filtros["hasta"]:
            raise CommandError("--desde debe ser anterior o igual a --hasta.")
        if opciones["sede"]:
            try:
                filtros["sede"] = Sede.objects.get(codigo=opciones["sede"])
            except Sede.DoesNotExist:
                raise CommandError(f"Sede desconocida {opciones['sede']!r}.") from None
        filas = filas_consultas(filtrar(Consulta.objects.all(), filtros))
        if opciones["salida"]:
            with open(opciones["salida"], "w", encoding="utf-8", newline="") as destino:
                escribir_csv(filas, destino)
        else:
            escribir_csv(filas, self.stdout)
