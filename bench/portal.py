"""Home-page throughput under gunicorn against a minimal Django view, same server, same run.

    .venv/bin/python bench/portal.py [--peticiones 1500] [--hilos 4] [--rondas 3]

Builds a throw-away SQLite database with the seed content, collects static files, starts
gunicorn (2 sync workers) on a free loopback port and fires a bounded number of requests with a
small threaded client, paired rounds of ``/salud/`` (the minimal view: one ``SELECT 1`` and
a JSON answer) and ``/`` (the cached home page). Prints requests per second for each and the
ratio; the target is home ≥ 70 % of the minimal view.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def preparar(entorno: dict):
    for orden in (
        ["migrate", "--noinput", "-v0"],
        ["cargar_contenido"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([PYTHON, "manage.py", *orden], cwd=RAIZ, env=entorno, check=True)


def disparar(puerto: int, ruta: str, peticiones: int, hilos: int) -> float:
    """Send ``peticiones`` GETs over ``hilos`` threads; return requests per second."""
    restantes = iter(range(peticiones))
    candado = threading.Lock()
    errores = []

    def trabajador():
        while True:
            with candado:
                if next(restantes, None) is None:
                    return
            conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=30)
            conexion.request("GET", ruta)
            respuesta = conexion.getresponse()
            respuesta.read()
            conexion.close()
            if respuesta.status != 200:
                errores.append(respuesta.status)

    inicio = time.perf_counter()
    grupo = [threading.Thread(target=trabajador) for _ in range(hilos)]
    for hilo in grupo:
        hilo.start()
    for hilo in grupo:
        hilo.join()
    duracion = time.perf_counter() - inicio
    if errores:
        raise SystemExit(f"{ruta}: {len(errores)} respuestas no 200 (p. ej. {errores[0]})")
    return peticiones / duracion


def esperar(puerto: int):
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", puerto), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn no arrancó")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peticiones", type=int, default=800)
    parser.add_argument("--hilos", type=int, default=4)
    parser.add_argument("--rondas", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        puerto = puerto_libre()
        entorno = {
            **os.environ,
            "DEBUG": "0",
            "HTTPS": "0",  # plain HTTP on loopback (no redirect to https)
            "SECRET_KEY": "clave-solo-para-el-banco-de-pruebas",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"),
            "LOG_LEVEL": "WARNING",
        }
        preparar(entorno)
        servidor = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "infomigra.wsgi",
                "--bind",
                f"127.0.0.1:{puerto}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=RAIZ,
            env=entorno,
        )
        try:
            esperar(puerto)
            for ruta in ("/salud/", "/"):
                disparar(puerto, ruta, 100, args.hilos)  # warm-up: imports, templates, cache
            resultados = {"/salud/": [], "/": []}
            for _ in range(args.rondas):
                for ruta in resultados:
                    resultados[ruta].append(disparar(puerto, ruta, args.peticiones, args.hilos))
        finally:
            servidor.terminate()
            servidor.wait(timeout=10)

    # Paired rounds (minimal view, then home, back to back) cancel most of a shared machine's
    # drift; the median of the per-round ratios is the figure to compare with the target.
    cocientes = [i / m for m, i in zip(resultados["/salud/"], resultados["/"], strict=True)]
    print(f"workers gunicorn: {args.workers}, hilos cliente: {args.hilos}, rondas: {args.rondas}")
    print(f"peticiones por ronda y URL: {args.peticiones}")
    for ruta, valores in resultados.items():
        detalle = ", ".join(f"{v:.0f}" for v in valores)
        print(f"{ruta:10} mediana {statistics.median(valores):7.1f} pet/s  (rondas: {detalle})")
    print(
        f"inicio / vista mínima: mediana por ronda {statistics.median(cocientes):.0%} "
        f"(mín. {min(cocientes):.0%}, máx. {max(cocientes):.0%}; objetivo ≥ 70 %)"
    )


if __name__ == "__main__":
    main()
