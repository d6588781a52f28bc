from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from contenidos.carga import DIRECTORIO, ErrorDeCarga, cargar_todo


class Command(BaseCommand):
    help = "Carga los contenidos del portal desde contenidos/semillas/ (idempotente)."

    def add_arguments(self, parser):
        parser.add_argument("--directorio", type=Path, default=DIRECTORIO)

    def handle(self, *args, **options):
        directorio = options["directorio"]
        if not directorio.is_dir():
            raise CommandError(f"No existe el directorio {directorio}.")
        try:
            resultado = cargar_todo(directorio)
        except ErrorDeCarga as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            "Contenidos: {creados} creados, {actualizados} actualizados, "
            "{sin_cambios} sin cambios.".format(**resultado)
        )
