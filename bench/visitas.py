"""Throughput of a portal page under gunicorn with and without the visit-counting middleware.

    SECRET_KEY=x .venv/bin/python bench/visitas.py [--peticiones 1500] [--rondas 3]

Runs gunicorn (1 sync worker, loopback only) on a throw-away SQLite database, twice per round
(VISITAS_ACTIVAS=0, then 1), sends a bounded number of GET / requests from 4 client threads with
a browser User-Agent, and prints the median requests/s and the loss (target ≤ 5 %).
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
PUERTO = 8765
AGENTE = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0"


def _peticion(ruta="/"):
    conexion = http.client.HTTPConnection("127.0.0.1", PUERTO, timeout=10)
    conexion.request("GET", ruta, headers={"User-Agent": AGENTE})
    respuesta = conexion.getresponse()
    respuesta.read()
    conexion.close()
    return respuesta.status


def _esperar():
    for _i in range(100):
        try:
            if _peticion("/salud/") == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn no arrancó")


def medir(entorno, activas, peticiones, hilos=4):
    env = {**entorno, "VISITAS_ACTIVAS": "1" if activas else "0"}
    servidor = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "infomigra.wsgi",
            "-b",
            f"127.0.0.1:{PUERTO}",
            "-w",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=RAIZ,
        env=env,
    )
    try:
        _esperar()
        for _i in range(50):
            _peticion()
        cuota = [peticiones // hilos] * hilos
        errores = []

        def cliente(n):
            for _i in range(n):
                if _peticion() != 200:
                    errores.append(1)

        trabajadores = [threading.Thread(target=cliente, args=(n,)) for n in cuota]
        inicio = time.perf_counter()
        for t in trabajadores:
            t.start()
        for t in trabajadores:
            t.join()
        segundos = time.perf_counter() - inicio
        assert not errores, f"{len(errores)} respuestas distintas de 200"
        return sum(cuota) / segundos
    finally:
        servidor.terminate()  # SIGTERM: the worker flushes its buffer at exit
        servidor.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peticiones", type=int, default=1500)
    parser.add_argument("--rondas", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as carpeta:
        entorno = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{carpeta}/bench.sqlite3",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench"),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DEBUG": "0",
            "HTTPS": "0",  # plain HTTP on loopback (no redirect to https)
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=RAIZ, env=entorno, check=True
        )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=RAIZ,
            env=entorno,
            check=True,
        )
        sin, con = [], []
        for _ronda in range(args.rondas):
            sin.append(medir(entorno, False, args.peticiones))
            con.append(medir(entorno, True, args.peticiones))
        print(
            f"- sin contador: {statistics.median(sin):.0f} peticiones/s "
            f"(rondas: {', '.join(f'{x:.0f}' for x in sin)})"
        )
        print(
            f"- con contador: {statistics.median(con):.0f} peticiones/s "
            f"(rondas: {', '.join(f'{x:.0f}' for x in con)})"
        )
        perdida = (1 - statistics.median(con) / statistics.median(sin)) * 100
        print(
            f"- pérdida: {perdida:.1f} % (objetivo ≤ 5 %), {args.peticiones} peticiones GET / "
            "por medición, 4 hilos cliente, 1 worker gunicorn sync"
        )
        import sqlite3

        with sqlite3.connect(f"{carpeta}/bench.sqlite3") as conexion:
            vistas = conexion.execute("SELECT SUM(vistas) FROM contenidos_visitadiaria").fetchone()
        print(
            f"- páginas vistas guardadas tras los volcados: {vistas[0]} "
            f"(esperadas {args.rondas * (args.peticiones + 50)})"
        )


if __name__ == "__main__":
    main()
