"""Settings for several app nodes: shared cache, pool and read-replica routing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from infomigra.routers import RouterReplica, lectura_replica

pytestmark = pytest.mark.sistema


@pytest.mark.django_db
def test_default_cache_is_shared_database_cache(settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    cache.set("clave-prueba", {"n": 1}, 30)
    assert cache.get("clave-prueba") == {"n": 1}


def test_reports_read_from_replica_only_inside_block(monkeypatch, settings):
    from consultas.models import Consulta

    monkeypatch.setitem(settings.DATABASES, "replica", dict(settings.DATABASES["default"]))
    router = RouterReplica()
    assert router.db_for_read(Consulta) is None
    with lectura_replica():
        assert router.db_for_read(Consulta) == "replica"
        assert router.db_for_write(Consulta) == "default"
    assert router.db_for_read(Consulta) is None
    assert router.allow_migrate("replica", "consultas") is False


def test_without_replica_reads_stay_on_default(settings):
    from consultas.models import Consulta

    assert "replica" not in settings.DATABASES
    with lectura_replica():
        assert RouterReplica().db_for_read(Consulta) is None


def test_media_storage_backend_comes_from_the_environment():
    from tests.infomigra.ayudas import leer_ajuste

    backend = "django.core.files.storage.InMemoryStorage"
    assert leer_ajuste("s.STORAGES['default']['BACKEND']", MEDIA_STORAGE_BACKEND=backend) == backend
    assert leer_ajuste("s.STORAGES['default']['BACKEND']").endswith("FileSystemStorage")


def _manage(*argumentos, **entorno):
    return subprocess.run(
        [sys.executable, "manage.py", *argumentos],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DEBUG": "1", **entorno},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout


def _total_de_marzo(**entorno) -> str:
    salida = _manage(
        *["reporte", "--desde", "2026-03-01", "--hasta", "2026-03-31", "--formato", "csv"],
        **entorno,
    )
    total = next(linea for linea in salida.splitlines() if linea.startswith("total,"))
    return total.split(",")[3]


def test_report_command_reads_from_the_replica(tmp_path):
    """Two databases: the primary is empty, the replica holds 40 consultations; the report
    (which reads through the router) must count the replica's rows."""
    primaria = f"sqlite:///{tmp_path / 'primaria.sqlite3'}"
    replica = f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    _manage("migrate", DATABASE_URL=primaria)
    _manage("migrate", DATABASE_URL=replica)
    _manage(
        *["generar_datos", "--consultas", "40", "--desde", "2026-03-02", "--hasta", "2026-03-31"],
        DATABASE_URL=replica,
    )
    assert _total_de_marzo(DATABASE_URL=primaria, DATABASE_REPLICA_URL=replica) == "40"
    assert _total_de_marzo(DATABASE_URL=primaria) == "0"


def test_report_pages_run_inside_the_replica_block(cliente_de, responsable, monkeypatch):
    from consultas.estadisticas import servicio as estadisticas
    from infomigra import routers

    vistos = []
    original = estadisticas.calcular

    def espia(*args, **kwargs):
        vistos.append(routers._usar_replica.get())
        return original(*args, **kwargs)

    monkeypatch.setattr(estadisticas, "calcular", espia)
    cliente = cliente_de(responsable)
    for ruta in ("/gestion/reportes/mensual/", "/gestion/reportes/mensual/reporte.csv"):
        assert cliente.get(ruta).status_code == 200
    assert vistos and all(vistos)
