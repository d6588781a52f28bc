"""Backups: `respaldo` writes a consistent copy; `restaurar` loads it into a NEW database with
the same rows in every table (pg_dump/pg_restore on PostgreSQL, sqlite3's backup API on SQLite)."""

import datetime as dt
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from consultas.generador import generar
from consultas.models import Sede
from infomigra.vocabulario import ROL_ASESOR
from tests.conftest import crear_usuario

pytestmark = pytest.mark.sistema

RAIZ = Path(__file__).resolve().parents[3]


def conteos_django():
    tablas = connection.introspection.table_names()
    with connection.cursor() as cursor:
        resultado = {}
        for tabla in tablas:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(tabla)}")  # noqa: S608
            resultado[tabla] = cursor.fetchone()[0]
    return resultado


def conteos_sqlite(ruta, tablas):
    conexion = sqlite3.connect(ruta)
    try:
        return {t: conexion.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tablas}  # noqa: S608
    finally:
        conexion.close()


def conteos_postgres(config, tablas):
    import psycopg

    with psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname=config["NAME"],
    ) as conexion:
        return {
            t: conexion.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]  # noqa: S608
            for t in tablas
        }


@pytest.fixture
def base_nueva(tmp_path):
    """URL and config of a new, empty database of the same engine."""
    config = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        ruta = tmp_path / "restaurada.sqlite3"
        yield f"sqlite:///{ruta}", {"NAME": str(ruta)}
        return
    nombre = f"{config['NAME']}_restaurada"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{nombre}"')
        cursor.execute(f'CREATE DATABASE "{nombre}"')
    url = (
        f"postgres://{config['USER']}:{config['PASSWORD']}@{config['HOST'] or '127.0.0.1'}:"
        f"{config['PORT'] or 5432}/{nombre}"
    )
    yield url, {**config, "NAME": nombre}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_new_database_with_same_counts(tmp_path, base_nueva, semillas):
    sede = Sede.objects.get(codigo="LIMA")
    crear_usuario("asesor_a", ROL_ASESOR, sede)
    generar(120, dt.date(2025, 1, 1), dt.date(2025, 6, 30), semilla=3)
    url, config = base_nueva
    archivo = tmp_path / "respaldo.bin"
    salida = StringIO()
    call_command("respaldo", "--archivo", str(archivo), stdout=salida)
    assert salida.getvalue().strip() == str(archivo)
    assert archivo.stat().st_size > 0

    call_command("restaurar", str(archivo), "--base-de-datos", url, "--no-input", stdout=StringIO())

    originales = conteos_django()
    assert originales["consultas_consulta"] == 120
    assert originales["auth_user"] == 1
    if connection.vendor == "sqlite":
        restaurados = conteos_sqlite(config["NAME"], originales)
    else:
        restaurados = conteos_postgres(config, originales)
    assert restaurados == originales


@pytest.mark.django_db(transaction=True)
def test_restore_of_missing_or_bad_file_fails_clearly(tmp_path, base_nueva):
    url, _config = base_nueva
    with pytest.raises(CommandError, match="No existe el archivo"):
        call_command("restaurar", str(tmp_path / "no-existe.dump"), "--no-input")
    basura = tmp_path / "basura.dump"
    basura.write_text("no es un respaldo")
    with pytest.raises(CommandError, match="basura.dump|pg_restore"):
        call_command("restaurar", str(basura), "--base-de-datos", url, "--no-input")


@pytest.mark.django_db
def test_restore_asks_for_confirmation(tmp_path, monkeypatch):
    archivo = tmp_path / "r.sqlite3"
    archivo.write_bytes(b"")
    monkeypatch.setattr("builtins.input", lambda mensaje: "no")
    with pytest.raises(CommandError, match="cancelada"):
        call_command("restaurar", str(archivo))


def test_makefile_has_backup_and_restore_targets():
    makefile = (RAIZ / "Makefile").read_text()
    assert "manage.py respaldo" in makefile
    assert 'manage.py restaurar "$(ARCHIVO)"' in makefile
