"""FAQ search speed with 5,000 published entries. Target: page p95 ≤ 30 ms, SQLite and PostgreSQL.

Creates its own throw-away database (``<database>_bench_faq`` on PostgreSQL, a file under /tmp
on SQLite), fills it with variants of the seed (faq/semillas/preguntas.json), then times the
public search page (the whole server side: view, query, template; ten results per search page)
and ``sugerencias()``. Every request runs the view, the queries and the template: the page cache
is off and no search result is kept between repetitions (only word stems and the synonym table).

    SECRET_KEY=x .venv/bin/python bench/faq.py                         # SQLite
    DATABASE_URL=postgres://infomigra:infomigra@127.0.0.1:5432/infomigra_faq \
        SECRET_KEY=x .venv/bin/python bench/faq.py                     # PostgreSQL

Prints Markdown for docs/benchmarks.md (with the EXPLAIN ANALYZE of the PostgreSQL query).
"""

import json
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infomigra.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["DEBUG"] = "0"
os.environ.setdefault("HTTPS", "0")  # in-process plain HTTP, no redirect to https

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from contenidos.models import Tema  # noqa: E402
from faq.carga import ARCHIVO  # noqa: E402
from faq.models import Perfil, Pregunta, Termino  # noqa: E402
from faq.motor.preguntas import buscar, sugerencias  # noqa: E402

sys.path.append(str(RAIZ / "bench"))  # after RAIZ: bench/faq.py is not the app
from _comun import base_de_prueba  # noqa: E402  (bench/_comun.py)

ENTRADAS = 5000
REPETICIONES = 5
CONSULTAS = [
    "visa", "tramites", "trámites consulado", "pension chile", "carne de extranjeria",
    "trabajar en españa", "remesas", "estafa trabajo", "contrato extranjero", "1818",
    "tarjeta migrante retornado", "convenio seguridad social", "AFP", "ONP", "pasaporte",
    "certificado unico laboral", "decision 545", "residencia andina", "visas de trabajo",
    "derechos laborales", "sunafil", "estudios", "convalidar titulo", "apostilla",
    "empleo en el exterior", "agencia de empleo", "seguro de salud", "vehiculo retornado",
    "trabajadores extranjeros", "PAISES", "canada", "corea", "uruguay", "menores de edad",
    "enviar dinero", "trata de personas", "pasaje pagado", "mercosur", "refugiado", "sivice",
]  # fmt: skip
TEXTO_CONSULTA = (
    "Buenos días, trabajé seis años en España con contrato y aportes, ahora volví al Perú "
    "y quiero saber si esos años cuentan para mi pensión y qué papeles necesito."
)
PAISES = ["Chile", "España", "Argentina", "Italia", "Estados Unidos", "Japón", "Colombia",
          "Ecuador", "Bolivia", "Brasil", "Canadá", "Corea"]  # fmt: skip
CIERRES = [
    "Para casos en {pais}, consulte también al consulado correspondiente.",
    "Si está en {pais}, pregunte en la embajada antes de firmar nada.",
    "Quienes viven en {pais} pueden escribirnos para una orientación gratuita.",
    "Los requisitos de {pais} cambian: verifique en la fuente oficial.",
    "",
    "",
]
CONTEXTOS = [
    "si vivo en {pais}", "si mi familia está en {pais}", "trabajando en {pais}",
    "con contrato en {pais}", "si regreso desde {pais}", "para un familiar en {pais}",
]  # fmt: skip


def percentil(valores, p):
    ordenados = sorted(valores)
    k = (len(ordenados) - 1) * p / 100
    i, resto = int(k), k - int(k)
    siguiente = ordenados[min(i + 1, len(ordenados) - 1)]
    return ordenados[i] + (siguiente - ordenados[i]) * resto


def llenar():
    semilla = [e for e in json.loads(ARCHIVO.read_text(encoding="utf-8")) if e["idioma"] == "es"]
    temas = {t.codigo: t for t in Tema.objects.all()}
    perfiles = {p.codigo: p for p in Perfil.objects.all()}
    azar = random.Random(7)
    nuevas, perfiles_de = [], []
    for n in range(ENTRADAS):
        base = semilla[n % len(semilla)]
        pais = azar.choice(PAISES)
        contexto = azar.choice(CONTEXTOS).format(pais=pais)
        pregunta = Pregunta(
            pregunta=f"{base['pregunta'].rstrip('?')}, {contexto}?"[:300],
            respuesta=f"{base['respuesta']}\n\n{azar.choice(CIERRES).format(pais=pais)}",
            tema=temas[base["tema"]],
            fuente=base["fuente"][:500],
            revisado_el=base["revisado_el"],
            idioma="es",
            publicada=True,
            orden=n,
            slug=f"variante-{n}",
        )
        pregunta.preparar()
        nuevas.append(pregunta)
        perfiles_de.append(base["perfiles"])
    creadas = Pregunta.objects.bulk_create(nuevas, batch_size=500)
    Relacion = Pregunta.perfiles.through
    Relacion.objects.bulk_create(
        [
            Relacion(pregunta_id=p.pk, perfil_id=perfiles[codigo].pk)
            for p, codigos in zip(creadas, perfiles_de, strict=True)
            for codigo in codigos
        ],
        batch_size=2000,
    )
    Pregunta.objects.all().actualizar_vector()
    for entrada in semilla:  # the typo vocabulary (bulk_create skips save())
        Termino.objects.agregar(f"{entrada['pregunta']} {entrada['respuesta']} {' '.join(PAISES)}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE faq_pregunta")
            cursor.execute("VACUUM ANALYZE faq_pregunta_perfiles")


def _carga(valores):
    return " / ".join(f"{v:.1f}" for v in valores)


def cronometrar(funcion):
    """Wall-clock and this process' CPU milliseconds of each repetition. On a shared, loaded
    machine the wall clock also counts the time other programs hold the CPU; the CPU time does
    not (on SQLite it is the whole cost; on PostgreSQL the server's share is not in it)."""
    funcion()  # warm-up
    tiempos = []
    for _ in range(REPETICIONES):
        inicio, cpu = time.perf_counter(), time.process_time()
        funcion()
        tiempos.append(((time.perf_counter() - inicio) * 1000, (time.process_time() - cpu) * 1000))
    return tiempos


def main():
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Time the view, not the page cache: with it, every repeat was a 0.1 ms memory hit.
    settings.CACHE_PORTAL_ENTRADAS = 0
    logging.getLogger("infomigra.peticiones").setLevel(logging.WARNING)
    carga_inicial = os.getloadavg()
    with base_de_prueba("faq", conservar="--conservar" in sys.argv):
        inicio = time.perf_counter()
        llenar()
        carga = time.perf_counter() - inicio
        cliente = Client()
        pagina, funcion, resultados = [], [], []
        for q in CONSULTAS:

            def ver(q=q):
                respuesta = cliente.get("/preguntas-frecuentes/", {"q": q})
                assert respuesta.status_code == 200

            pagina += cronometrar(ver)
            funcion += cronometrar(lambda q=q: list(buscar(q)[:20]))
            resultados.append(getattr(buscar(q), "todas", buscar(q)).count())
        sug = cronometrar(lambda: sugerencias(TEXTO_CONSULTA))
        motor = "PostgreSQL 15" if connection.vendor == "postgresql" else "SQLite"
        print(f"### {motor}\n")
        print(f"- {Pregunta.objects.publicadas().count():,} preguntas publicadas "
              f"(cargadas en {carga:.1f} s); {len(CONSULTAS)} búsquedas distintas × "
              f"{REPETICIONES} repeticiones (tras un calentamiento).")  # fmt: skip
        print(f"- Resultados por búsqueda: mediana {statistics.median(resultados):.0f}, "
              f"máximo {max(resultados)}.")  # fmt: skip
        print(f"- Carga de la máquina (1, 5, 15 min) al empezar {_carga(carga_inicial)}, "
              f"al terminar {_carga(os.getloadavg())}.\n")  # fmt: skip
        print("| medida | p50 (ms) | p95 (ms) | máx. (ms) | CPU p50 (ms) | CPU p95 (ms) |\n"
              "|---|---:|---:|---:|---:|---:|")  # fmt: skip
        for nombre, medidas in (
            ("página `/preguntas-frecuentes/?q=…` (vista + consulta + plantilla)", pagina),
            ("`buscar(q)`, primera página de 20 resultados", funcion),
            ("`sugerencias(texto de una consulta)`", sug),
        ):
            valores, cpu = [m[0] for m in medidas], [m[1] for m in medidas]
            print(f"| {nombre} | {percentil(valores, 50):.1f} | {percentil(valores, 95):.1f} "
                  f"| {max(valores):.1f} | {percentil(cpu, 50):.1f} "
                  f"| {percentil(cpu, 95):.1f} |")  # fmt: skip
        if connection.vendor == "postgresql":
            for q in ("visa", "carne de extranjeria"):
                plan = getattr(buscar(q), "completas", buscar(q))[:20].explain(analyze=True)
                print(f"\nEXPLAIN ANALYZE de `buscar({q!r})[:20]`:\n\n```\n{plan}\n```")


if __name__ == "__main__":
    main()
