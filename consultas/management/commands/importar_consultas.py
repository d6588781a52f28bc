import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consultas.intercambio.importacion import importar


class Command(BaseCommand):
    help = (
        "Importa consultas desde un CSV (formato de consultas). Valida todo el archivo antes: "
        "si hay un error no importa nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="ruta del archivo CSV (UTF-8)")
        parser.add_argument("--dry-run", action="store_true", help="solo valida; no importa nada")

    def handle(self, *args, **opciones):
        ruta = Path(opciones["archivo"])
        if not ruta.is_file():
            raise CommandError(f"No se encuentra el archivo {ruta}.")
        inicio = time.perf_counter()
        with ruta.open("rb") as binario:
            resultado = importar(binario, simulacro=opciones["dry_run"])
        segundos = time.perf_counter() - inicio
        if resultado.errores:
            for error in resultado.errores:
                self.stderr.write(str(error))
            if resultado.errores_omitidos:
                self.stderr.write(f"… y {resultado.errores_omitidos} errores más.")
            total = len(resultado.errores) + resultado.errores_omitidos
            raise CommandError(f"{total} errores: no se importó ninguna consulta.")
        if resultado.simulacro:
            self.stdout.write(
                f"Archivo válido: {resultado.filas} filas; se importarían "
                f"{resultado.filas - resultado.omitidas} y se omitirían {resultado.omitidas} "
                "ya importadas (simulacro: no se importó nada)."
            )
        else:
            self.stdout.write(
                f"{resultado.importadas} consultas importadas; {resultado.omitidas} omitidas "
                f"por referencia ya importada ({segundos:.1f} s)."
            )
