"""The portal's home page under gunicorn against a bare Django app serving the same bytes.

    SECRET_KEY=x .venv/bin/python bench/portal.py [--bases sqlite,pg,pg-pool] [--rondas 5]

For each database (``sqlite``: a throw-away file; ``pg``: PostgreSQL without the connection pool,
``DATABASE_POOL=0``; ``pg-pool``: the default pool), builds the database with the seed content,
starts the portal (``infomigra.wsgi``) and the bare app (bench/app_minima.py: no middleware, one
view returning the bytes of the home page fetched from the portal) on the same gunicorn settings
(``--workers`` sync workers), and runs ``wrk`` (``--conexiones`` connections, ``--segundos`` per
round) against each in alternating rounds on loopback. Prints requests per second and the
median per-round ratio; the target is the portal ≥ 50 % of the bare app. Without ``wrk`` on the
PATH (Debian package ``wrk``) it stops with a message.
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
HOST = "127.0.0.1"
PG = "postgres://infomigra:infomigra@127.0.0.1:5432/"


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def esperar(puerto: int, ruta: str = "/", segundos: float = 30) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{puerto}{ruta}", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"el servidor del puerto {puerto} no respondió a {ruta}")


def entorno_portal(carpeta: str, base: str) -> dict:
    entorno = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "0",  # plain HTTP on loopback (no redirect to https)
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "clave-solo-para-el-banco-de-pruebas",
        "ALLOWED_HOSTS": HOST,
        "STATIC_ROOT": f"{carpeta}/static",
        "LOG_LEVEL": "WARNING",
        "VISITAS_ACTIVAS": "1",
    }
    entorno.pop("DATABASE_POOL", None)
    if base == "sqlite":
        entorno["DATABASE_URL"] = f"sqlite:///{carpeta}/bench.sqlite3"
    else:
        entorno["DATABASE_URL"] = PG + "infomigra_bench_portal"
        entorno["DATABASE_POOL"] = "0" if base == "pg" else ""
    return entorno


def preparar(entorno: dict) -> None:
    if entorno["DATABASE_URL"].startswith("postgres"):
        import psycopg

        with psycopg.connect(PG + "postgres", autocommit=True) as conexion:
            conexion.execute('DROP DATABASE IF EXISTS "infomigra_bench_portal" WITH (FORCE)')
            conexion.execute('CREATE DATABASE "infomigra_bench_portal"')
    for orden in (
        ["migrate", "--noinput", "-v0"],
        ["cargar_contenido"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [PYTHON, "manage.py", *orden],
            cwd=RAIZ,
            env=entorno,
            check=True,
            stdout=subprocess.DEVNULL,
        )


@contextmanager
def gunicorn(aplicacion: str, entorno: dict, workers: int, directorio: Path = RAIZ):
    """A gunicorn master on a free loopback port; yields the port, stops it on exit."""
    puerto = puerto_libre()
    orden = [GUNICORN, aplicacion, "--bind", f"{HOST}:{puerto}", "--workers", str(workers)]
    proceso = subprocess.Popen(
        [*orden, "--log-level", "warning", "--chdir", str(directorio)], env=entorno
    )
    try:
        yield puerto, proceso
    finally:
        proceso.terminate()
        try:
            proceso.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proceso.kill()
            proceso.wait()


def wrk(url: str, segundos: int, conexiones: int, hilos: int) -> float:
    """Requests per second by wrk; any socket error or non-2xx answer stops the bench."""
    salida = subprocess.run(
        ["wrk", f"-t{hilos}", f"-c{conexiones}", f"-d{segundos}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in salida or "Socket errors" in salida:
        raise SystemExit(f"{url}: errores en wrk\n{salida}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", salida).group(1))


def medir(base: str, args) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory(prefix="bench-portal-") as carpeta:
        entorno = entorno_portal(carpeta, base)
        preparar(entorno)
        with gunicorn("infomigra.wsgi", entorno, args.workers) as (puerto, _p):
            esperar(puerto)
            with urllib.request.urlopen(f"http://{HOST}:{puerto}/") as respuesta:
                Path(carpeta, "inicio.html").write_bytes(respuesta.read())
            minima = {**entorno, "BENCH_CUERPO": f"{carpeta}/inicio.html"}
            with gunicorn("app_minima:application", minima, args.workers, RAIZ / "bench") as (
                puerto_minima,
                _m,
            ):
                esperar(puerto_minima)
                urls = (f"http://{HOST}:{puerto_minima}/", f"http://{HOST}:{puerto}/")
                for url in urls:  # warm-up: imports, templates, every worker's page cache
                    wrk(url, 5, args.conexiones, args.hilos)
                resultados = ([], [])
                for _ in range(args.rondas):
                    for lista, url in zip(resultados, urls, strict=True):
                        lista.append(wrk(url, args.segundos, args.conexiones, args.hilos))
    return resultados


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bases", default="sqlite,pg,pg-pool")
    parser.add_argument("--rondas", type=int, default=5)
    parser.add_argument("--segundos", type=int, default=5)
    parser.add_argument("--conexiones", type=int, default=4)
    parser.add_argument("--hilos", type=int, default=2, help="hilos de wrk")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("Falta wrk (apt-get install wrk).")
    print(
        f"gunicorn: {args.workers} workers sync; wrk: {args.conexiones} conexiones, "
        f"{args.hilos} hilos, {args.rondas} rondas de {args.segundos} s alternadas"
    )
    for base in args.bases.split(","):
        minima, portal = medir(base, args)
        # Paired rounds (bare app, then portal, back to back) cancel most of a shared machine's
        # drift; the median of the per-round ratios is the figure to compare with the target.
        cocientes = [p / m for m, p in zip(minima, portal, strict=True)]
        print(
            f"{base:8} app mínima {statistics.median(minima):7.0f} pet/s · portal "
            f"{statistics.median(portal):7.0f} pet/s · portal/mínima mediana "
            f"{statistics.median(cocientes):.0%} (mín. {min(cocientes):.0%}, "
            f"máx. {max(cocientes):.0%}; objetivo ≥ 50 %)"
        )


if __name__ == "__main__":
    main()
