"""Backups: pg_dump/pg_restore for PostgreSQL, an online copy (sqlite3 backup API) for SQLite."""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

POSTGRES = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


class ErrorDeRespaldo(Exception):
    pass


def podar(directorio: Path, conservar: int) -> list[Path]:
    """Delete all but the newest ``conservar`` backups (``infomigra-*.dump|sqlite3``) of
    ``directorio``; return the deleted paths. Old backups hold data anonymised since."""
    respaldos = [
        ruta
        for patron in ("infomigra-*.dump", "infomigra-*.sqlite3")
        for ruta in Path(directorio).glob(patron)
    ]
    respaldos.sort(key=lambda ruta: (ruta.stat().st_mtime, ruta.name), reverse=True)
    viejos = respaldos[max(conservar, 1) :]
    for ruta in viejos:
        ruta.unlink(missing_ok=True)
    return viejos


def _entorno_pg(config):
    entorno = {**os.environ}
    if config.get("PASSWORD"):
        entorno["PGPASSWORD"] = str(config["PASSWORD"])
    return entorno


def _conexion_pg(config):
    argumentos = []
    for opcion, clave in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if config.get(clave):
            argumentos += [opcion, str(config[clave])]
    return argumentos


def _ejecutar(orden, entorno):
    try:
        # The command line is built here from fixed options and the configured database.
        resultado = subprocess.run(  # noqa: S603
            orden, env=entorno, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise ErrorDeRespaldo(f"No se encontró el programa {orden[0]}.") from None
    if resultado.returncode != 0:
        raise ErrorDeRespaldo(f"{orden[0]} terminó con error: {resultado.stderr.strip()}")


def respaldar(config, archivo: Path, conexion_sqlite=None) -> Path:
    """Write a backup of the database ``config`` (a DATABASES entry) to ``archivo``.

    For SQLite, ``conexion_sqlite`` may be an open sqlite3 connection (e.g. Django's own) to
    copy from; otherwise the database file is opened. The copy is consistent while in use.
    """
    archivo = Path(archivo)
    archivo.parent.mkdir(parents=True, exist_ok=True)
    motor = config["ENGINE"]
    if motor == POSTGRES:
        orden = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
        orden += _conexion_pg(config) + ["--file", str(archivo), str(config["NAME"])]
        _ejecutar(orden, _entorno_pg(config))
    elif motor == SQLITE:
        origen = conexion_sqlite or sqlite3.connect(str(config["NAME"]))
        destino = sqlite3.connect(str(archivo))
        try:
            origen.backup(destino)
        finally:
            destino.close()
            if conexion_sqlite is None:
                origen.close()
    else:
        raise ImproperlyConfigured(f"Motor de base de datos no soportado para respaldos: {motor}")
    return archivo


def restaurar(config, archivo: Path) -> None:
    """Restore ``archivo`` into the database ``config`` (which must exist for PostgreSQL)."""
    archivo = Path(archivo)
    if not archivo.is_file():
        raise ErrorDeRespaldo(f"No existe el archivo de respaldo {archivo}.")
    motor = config["ENGINE"]
    if motor == POSTGRES:
        orden = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"]
        orden += ["--single-transaction", "--exit-on-error"]
        orden += _conexion_pg(config) + ["--dbname", str(config["NAME"]), str(archivo)]
        _ejecutar(orden, _entorno_pg(config))
    elif motor == SQLITE:
        origen = sqlite3.connect(f"file:{archivo}?mode=ro", uri=True)
        destino = sqlite3.connect(str(config["NAME"]))
        try:
            origen.execute("PRAGMA schema_version")  # fails early on a file that is not SQLite
            origen.backup(destino)
        except sqlite3.DatabaseError as exc:
            raise ErrorDeRespaldo(f"El archivo {archivo} no es un respaldo válido: {exc}") from None
        finally:
            origen.close()
            destino.close()
    else:
        raise ImproperlyConfigured(f"Motor de base de datos no soportado para respaldos: {motor}")
