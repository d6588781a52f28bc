"""Settings are read from the environment; bad values stop start-up naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from infomigra.entorno import env_bool, env_int, env_list, env_str
from tests.infomigra.ayudas import leer_ajuste

pytestmark = pytest.mark.sistema

RAIZ = Path(__file__).resolve().parents[2]


def arrancar(**entorno):
    """Run `manage.py check` in a clean environment with the given variables."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    env.update(entorno)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=RAIZ,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("crudo", "esperado"),
    [("1", True), ("true", True), ("Yes", True), ("0", False), ("false", False), ("off", False)],
)
def test_env_bool_reads_common_spellings(monkeypatch, crudo, esperado):
    monkeypatch.setenv("X_BOOL", crudo)
    assert env_bool("X_BOOL") is esperado


def test_env_bool_rejects_malformed_value_naming_variable(monkeypatch):
    monkeypatch.setenv("X_BOOL", "quizas")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env_bool("X_BOOL")


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("X_INT", "587")
    monkeypatch.setenv("X_LISTA", "a.pe, b.pe ,,")
    assert env_int("X_INT", 25) == 587
    assert env_list("X_LISTA") == ["a.pe", "b.pe"]
    monkeypatch.setenv("X_INT", "veinticinco")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 25)


def test_env_str_required(monkeypatch):
    monkeypatch.delenv("X_FALTA", raising=False)
    assert env_str("X_FALTA", "def") == "def"
    with pytest.raises(ImproperlyConfigured, match="X_FALTA"):
        env_str("X_FALTA", required=True)


def test_startup_fails_on_malformed_debug():
    resultado = arrancar(DEBUG="quizas", SECRET_KEY="x" * 50)
    assert resultado.returncode != 0
    assert "DEBUG" in resultado.stderr
    assert "Traceback" not in resultado.stderr


def test_startup_requires_secret_key_without_debug():
    resultado = arrancar(DEBUG="0")
    assert resultado.returncode != 0
    assert "SECRET_KEY" in resultado.stderr


def test_startup_rejects_bad_email_port():
    resultado = arrancar(DEBUG="1", EMAIL_PORT="smtp")
    assert resultado.returncode != 0
    assert "EMAIL_PORT" in resultado.stderr


def test_startup_ok_with_good_values(tmp_path):
    resultado = arrancar(
        DEBUG="0",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="infomigra.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
    )
    assert resultado.returncode == 0, resultado.stderr
    assert "no issues" in resultado.stdout


def test_database_url_postgres_uses_psycopg(monkeypatch):
    import dj_database_url

    config = dj_database_url.parse("postgres://u:p@127.0.0.1:5432/infomigra")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "infomigra"


def test_time_zone_and_languages(settings):
    assert settings.TIME_ZONE == "America/Lima"
    assert settings.LANGUAGE_CODE == "es"
    assert [codigo for codigo, _ in settings.LANGUAGES] == ["es", "en"]


def test_redis_url_switches_cache_and_sessions():
    assert (
        leer_ajuste(
            "s.CACHES['default']['BACKEND'], s.SESSION_ENGINE", REDIS_URL="redis://127.0.0.1:6379/1"
        )
        == "django.core.cache.backends.redis.RedisCache django.contrib.sessions.backends.cached_db"
    )


def test_pool_and_replica_for_postgresql():
    salida = leer_ajuste(
        "s.DATABASES['default']['OPTIONS']['pool']['max_size'], s.DATABASES['replica']['HOST']",
        DATABASE_URL="postgres://u:p@db1:5432/infomigra",
        DATABASE_POOL="8",
        DATABASE_REPLICA_URL="postgres://u:p@db2:5432/infomigra",
    )
    assert salida == "8 db2"


def test_a_public_site_without_debug_must_name_its_service_mailbox():
    publico = {"SECRET_KEY": "s" * 50, "SITE_URL": "https://infomigra.trabajo.gob.pe"}
    resultado = arrancar(**publico)
    assert resultado.returncode != 0
    assert "SERVICIO_CORREO" in resultado.stderr
    assert arrancar(**publico, SERVICIO_CORREO="infomigra@trabajo.gob.pe").returncode == 0


def test_the_service_mailbox_is_the_default_sender():
    assert (
        leer_ajuste("s.DEFAULT_FROM_EMAIL", SERVICIO_CORREO="infomigra@trabajo.gob.pe")
        == "INFOMIGRA <infomigra@trabajo.gob.pe>"
    )
