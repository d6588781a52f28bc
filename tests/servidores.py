"""For the servers tests start: a free port, waiting until one listens, a fresh database."""

import socket
import time
import uuid

from django.conf import settings


def puerto_libre() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def escucha(puerto: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", puerto)) == 0


def esperar_puerto(puerto: int, proceso=None, segundos: float = 30) -> None:
    """Return once something listens on ``puerto``; raise if ``proceso`` ends or time runs out."""
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        if proceso is not None and proceso.poll() is not None:
            raise RuntimeError(f"el proceso terminó (código {proceso.returncode}): {proceso.args}")
        if escucha(puerto):
            return
        time.sleep(0.1)
    raise TimeoutError(f"puerto {puerto} sin respuesta")


def base_nueva(carpeta, nombre: str):
    """A URL to a new, empty database on the configured engine, and a function that drops it.

    PostgreSQL: ``infomigra_<nombre>_<random>`` on the test server; SQLite: a file in ``carpeta``.
    """
    actual = settings.DATABASES["default"]
    if actual["ENGINE"] != "django.db.backends.postgresql":
        return f"sqlite:///{carpeta / f'{nombre}.sqlite3'}", lambda: None
    import psycopg

    base = f"infomigra_{nombre}_{uuid.uuid4().hex[:8]}"
    conexion = {
        "host": actual["HOST"],
        "port": actual["PORT"] or 5432,
        "user": actual["USER"],
        "password": actual["PASSWORD"],
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**conexion) as c:
        c.execute(f'CREATE DATABASE "{base}"')

    def borrar():
        with psycopg.connect(**conexion) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{base}" WITH (FORCE)')

    url = (
        f"postgres://{actual['USER']}:{actual['PASSWORD']}@{actual['HOST']}:"
        f"{actual['PORT'] or 5432}/{base}"
    )
    return url, borrar
