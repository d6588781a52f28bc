from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from infomigra.cuentas.respaldo import SQLITE, ErrorDeRespaldo, podar, respaldar


class Command(BaseCommand):
    help = (
        "Respalda la base de datos (pg_dump -Fc en PostgreSQL, copia en línea en SQLite) "
        "en un archivo; imprime su ruta."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--archivo",
            help="Ruta del respaldo (por defecto respaldos/infomigra-AAAAMMDD-HHMMSS.*).",
        )

    def handle(self, *args, archivo=None, **options):
        config = connection.settings_dict
        es_sqlite = config["ENGINE"] == SQLITE
        if not archivo:
            marca = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            extension = "sqlite3" if es_sqlite else "dump"
            archivo = Path(settings.RESPALDOS_DIR) / f"infomigra-{marca}.{extension}"
        conexion = None
        if es_sqlite:
            connection.ensure_connection()
            conexion = connection.connection
        try:
            ruta = respaldar(config, Path(archivo), conexion_sqlite=conexion)
        except ErrorDeRespaldo as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(ruta))
        for viejo in podar(Path(ruta).parent, settings.RESPALDOS_CONSERVAR):
            self.stdout.write(f"Respaldo antiguo borrado: {viejo}")
