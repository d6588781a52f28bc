from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from infomigra.cuentas.respaldo import ErrorDeRespaldo, restaurar


class Command(BaseCommand):
    help = (
        "Restaura un respaldo hecho con `respaldo` en la base de datos configurada "
        "(o en la indicada con --base-de-datos). Reemplaza su contenido."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="Archivo de respaldo.")
        parser.add_argument(
            "--base-de-datos",
            dest="destino",
            help="URL de la base de datos destino (por defecto DATABASE_URL).",
        )
        parser.add_argument("--no-input", action="store_true", help="No pedir confirmación.")

    def handle(self, *args, archivo, destino=None, no_input=False, **options):
        if destino:
            try:
                config = dj_database_url.parse(destino)
            except ValueError as exc:
                raise CommandError(f"--base-de-datos no es una URL válida: {exc}") from None
        else:
            config = connection.settings_dict
            connection.close()
        if not no_input:
            respuesta = input(
                f"Se reemplazará el contenido de la base {config['NAME']}. "
                "Escriba «si» para continuar: "
            )
            if respuesta.strip().lower() not in {"si", "sí"}:
                raise CommandError("Restauración cancelada.")
        try:
            restaurar(config, Path(archivo))
        except ErrorDeRespaldo as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Respaldo {archivo} restaurado en {config['NAME']}.")
