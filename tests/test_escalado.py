"""Settings for several app nodes: shared cache, pool and read-replica routing."""

import pytest
from django.core.cache import cache

from infomigra.routers import RouterReplica, lectura_replica


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
    from tests.test_configuracion import leer_ajuste

    backend = "django.core.files.storage.InMemoryStorage"
    assert leer_ajuste("s.STORAGES['default']['BACKEND']", MEDIA_STORAGE_BACKEND=backend) == backend
    assert leer_ajuste("s.STORAGES['default']['BACKEND']").endswith("FileSystemStorage")
