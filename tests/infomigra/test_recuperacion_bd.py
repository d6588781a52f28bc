"""The service recovers by itself when PostgreSQL drops its connections (a restart, a failover):
with the connection pool on (DATABASE_POOL), a pooled connection the server closed is checked
and replaced instead of failing the next requests with 500/503 (found by bench/carga.py)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

RAIZ = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.sistema,
    pytest.mark.skipif(
        connection.vendor == "sqlite", reason="the connection pool exists on PostgreSQL only"
    ),
]

# Runs in a separate process with the project's settings read from the environment, and calls
# the WSGI application exactly as gunicorn does (request_started/request_finished included, so
# each request takes a connection from the pool and gives it back).
GUION = """
import os, sys, psycopg
from wsgiref.util import setup_testing_defaults
from django.core.wsgi import get_wsgi_application

app = get_wsgi_application()

def get(ruta):
    entorno = {}
    setup_testing_defaults(entorno)
    entorno.update(PATH_INFO=ruta, HTTP_HOST="127.0.0.1", SERVER_NAME="127.0.0.1")
    estado = []
    resultado = app(entorno, lambda s, h, exc_info=None: estado.append(s))
    b"".join(resultado)
    resultado.close()
    return estado[0].split()[0]

antes = get("/salud/")
with psycopg.connect(sys.argv[1], application_name="terminador", autocommit=True) as admin:
    cortadas = admin.execute(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
        " WHERE application_name = %s",
        [os.environ["PGAPPNAME"]],
    ).fetchone()[0]
despues = [get("/salud/") for _ in range(4)]
print(antes, cortadas, *despues)
"""


def test_requests_succeed_after_the_server_drops_pooled_connections():
    ajustes = connection.settings_dict
    url = (
        f"postgres://{ajustes['USER']}:{ajustes['PASSWORD']}@{ajustes['HOST'] or '127.0.0.1'}:"
        f"{ajustes['PORT'] or 5432}/{ajustes['NAME']}"
    )
    entorno = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "infomigra.settings",
        "DATABASE_URL": url,
        "DATABASE_POOL": "2",
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": "x",
        "ALLOWED_HOSTS": "127.0.0.1",
        "VISITAS_ACTIVAS": "0",
        "PGAPPNAME": f"infomigra-pool-{uuid.uuid4().hex[:8]}",
    }
    salida = subprocess.run(
        [sys.executable, "-c", GUION, url],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert salida.returncode == 0, salida.stderr[-3000:]
    antes, cortadas, *despues = salida.stdout.split()
    assert antes == "200"
    assert int(cortadas) >= 1  # the pooled connection was really dropped by the server
    assert despues == ["200", "200", "200", "200"]
