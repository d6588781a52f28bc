"""Search quality on a labelled set: success@3 and MRR of the FAQ search, on either database.

Creates a throw-away database (``<database>_bench_busqueda`` on PostgreSQL, a file under /tmp on
SQLite), loads the seed bank (faq/semillas/preguntas.json) and runs every query of
faq/semillas/evaluacion_busqueda.py through the FAQ search. Prints Markdown for
docs/benchmarks.md and, with ``--fallos``, each query that missed.

    SECRET_KEY=x .venv/bin/python bench/busqueda.py                        # SQLite
    DATABASE_URL=postgres://infomigra:infomigra@127.0.0.1:5432/infomigra_busqueda \\
        SECRET_KEY=x .venv/bin/python bench/busqueda.py                    # PostgreSQL

Run from another checkout's root (``cd ../otra && python /ruta/bench/busqueda.py``) it measures
that checkout's code: before this engine existed it falls back to ``faq.busqueda.buscar``.
"""

import importlib.util
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infomigra.settings")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

sys.path.append(str(Path(__file__).resolve().parent))  # after the root: bench/faq.py is no app
from _comun import base_de_prueba  # noqa: E402  (bench/_comun.py)


def _conjunto():
    ruta = Path(__file__).resolve().parent.parent / "faq/semillas/evaluacion_busqueda.py"
    spec = importlib.util.spec_from_file_location("evaluacion_busqueda", ruta)
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


def _buscador():
    try:
        from faq.motor.preguntas import buscar
    except ImportError:  # the code before the engine
        from faq.busqueda import buscar
    return buscar


def main():
    with base_de_prueba("busqueda"):
        call_command("cargar_preguntas", verbosity=0)
        conjunto = _conjunto()
        consultas = conjunto.CONSULTAS
        inicio = time.perf_counter()
        exito, mrr, vacias, fallos = conjunto.evaluar(_buscador())
        duracion = (time.perf_counter() - inicio) * 1000 / len(consultas)
        motor = "PostgreSQL 15" if connection.vendor == "postgresql" else "SQLite"
        print(f"| {motor} | {len(consultas)} | {exito:.1%} | {mrr:.3f} | {len(vacias)} "
              f"| {duracion:.1f} |")  # fmt: skip
        if "--fallos" in sys.argv:
            for q, posicion, primeros in fallos:
                print(f"- {q!r}: posición {posicion or '—'}; primeros {primeros}")


if __name__ == "__main__":
    main()
