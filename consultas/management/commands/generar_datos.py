import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from consultas.generador import generar


def _fecha(valor):
    try:
        return dt.date.fromisoformat(valor)
    except ValueError:
        raise CommandError(f"Fecha no válida {valor!r}: use AAAA-MM-DD.") from None


class Command(BaseCommand):
    help = "Genera consultas realistas (proporciones del servicio original) en días hábiles."

    def add_arguments(self, parser):
        parser.add_argument("--consultas", type=int, default=1000)
        parser.add_argument("--desde", type=_fecha, help="AAAA-MM-DD (por defecto, hace un año)")
        parser.add_argument("--hasta", type=_fecha, help="AAAA-MM-DD (por defecto, hoy)")
        parser.add_argument("--semilla", type=int, default=2026)
        parser.add_argument("--lote", type=int, default=5000)

    def handle(self, *args, **opciones):
        hasta, desde = opciones["hasta"], opciones["desde"]
        hasta = _fecha(hasta) if isinstance(hasta, str) else hasta or timezone.localdate()
        desde = _fecha(desde) if isinstance(desde, str) else desde or hasta - dt.timedelta(days=365)
        if desde > hasta:
            raise CommandError("--desde debe ser anterior o igual a --hasta.")
        if opciones["consultas"] < 0:
            raise CommandError("--consultas debe ser un número positivo.")
        inicio = time.perf_counter()
        n = generar(opciones["consultas"], desde, hasta, opciones["semilla"], opciones["lote"])
        segundos = time.perf_counter() - inicio
        self.stdout.write(f"{n} consultas generadas entre {desde} y {hasta} en {segundos:.1f} s.")
