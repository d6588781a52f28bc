"""The psycopg pool: on by default on PostgreSQL, sized from gunicorn's threads; 0 turns it off."""

import pytest

from tests.infomigra.ayudas import leer_ajuste

PG = "postgres://u:p@db1:5432/infomigra"
POOL = "s.DATABASES['default'].get('OPTIONS', {}).get('pool', {}).get('max_size'), s.DATABASE_POOL"


def test_pool_is_on_by_default_for_postgresql():
    assert leer_ajuste(POOL, DATABASE_URL=PG, DATABASE_POOL="") == "2 2"


def test_pool_size_follows_gunicorn_threads():
    assert leer_ajuste(POOL, DATABASE_URL=PG, DATABASE_POOL="", GUNICORN_THREADS="4") == "5 5"


def test_database_pool_0_turns_it_off():
    assert leer_ajuste(POOL, DATABASE_URL=PG, DATABASE_POOL="0") == "None 0"
    assert leer_ajuste("s.DATABASES['default']['CONN_MAX_AGE']", DATABASE_URL=PG) == "0"


def test_sqlite_has_no_pool():
    assert leer_ajuste(POOL, DATABASE_POOL="") == "None 2"


def test_a_negative_pool_is_refused():
    with pytest.raises(AssertionError, match="DATABASE_POOL no puede ser negativa"):
        leer_ajuste(POOL, DATABASE_URL=PG, DATABASE_POOL="-1")


def test_tests_run_without_the_pool(settings):
    assert "pool" not in settings.DATABASES["default"].get("OPTIONS", {})
