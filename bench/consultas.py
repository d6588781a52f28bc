"""Benchmark of the consultations back office on PostgreSQL with 1,000,000 consultations.

Usage (from the repository root):
    .venv/bin/python bench/consultas.py [--consultas 1000000] [--repeticiones 30]

Uses DATABASE_URL if set, else the dedicated database ``infomigra_bench_consultas`` (filled once
with ``generar_datos`` and reused). Measures in-process with Django's test Client: the list's first
page and filtered pages (median and p95), saving a new consultation through the form view, and an
import of 100,000 rows (time, then peak memory with tracemalloc; rolled back). Writes the results
and the list query's plan to docs/benchmarks.md under "## Consultas".
"""

import argparse
import datetime as dt
import io
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault(
    "DATABASE_URL", "postgres://infomigra:infomigra@127.0.0.1:5432/infomigra_bench_consultas"
)
os.environ.setdefault("SECRET_KEY", "bench-no-secreto")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("HTTPS", "0")  # in-process plain HTTP, no redirect to https
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infomigra.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from consultas.filtros import consultas_filtradas  # noqa: E402
from consultas.intercambio.exportacion import COLUMNAS  # noqa: E402
from consultas.intercambio.importacion import importar  # noqa: E402
from consultas.models import Consulta  # noqa: E402
from consultas.views import COLUMNAS_LISTA, POR_PAGINA  # noqa: E402

sys.path.append(str(RAIZ / "bench"))  # after RAIZ: bench/consultas.py is not the app
from _comun import cliente_verificado  # noqa: E402  (bench/_comun.py)

SECCION = "## Consultas"
SALIDA = RAIZ / "docs" / "benchmarks.md"


def preparar(cantidad, agrupar):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    call_command("cargar_demo", demo=True, consultas=0, stdout=io.StringIO())
    actuales = Consulta.objects.count()
    if actuales < cantidad:
        print(f"Generando {cantidad - actuales} consultas…", flush=True)
        call_command("generar_datos", consultas=cantidad - actuales, stdout=sys.stdout)
    with connection.cursor() as cursor:
        if agrupar:
            # generar_datos inserts rows in random date order; real consultations arrive in
            # time order, so their heap follows ``recibida``. Reproduce that layout once.
            cursor.execute(
                "SELECT i.indisclustered FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE c.relname = 'consulta_recibida_idx'"
            )
            if not cursor.fetchone()[0]:
                print("CLUSTER consultas_consulta USING consulta_recibida_idx…", flush=True)
                cursor.execute("CLUSTER consultas_consulta USING consulta_recibida_idx")
        cursor.execute("VACUUM ANALYZE consultas_consulta")
        cursor.execute("VACUUM ANALYZE consultas_consulta_temas")
    return Consulta.objects.count()


def medir(funcion, repeticiones):
    funcion()  # warm-up (templates, caches, connection)
    tiempos = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        funcion()
        tiempos.append((time.perf_counter() - inicio) * 1000)
    tiempos.sort()
    p95 = tiempos[min(len(tiempos) - 1, round(0.95 * (len(tiempos) - 1)))]
    return statistics.median(tiempos), p95


def cliente(usuario):
    from django.contrib.auth import get_user_model

    return cliente_verificado(get_user_model().objects.get(username=usuario))


def pagina(c, parametros):
    def _get():
        respuesta = c.get("/gestion/consultas/", parametros)
        assert respuesta.status_code == 200, respuesta.status_code

    return _get


def guardar(c):
    def _post():
        datos = {
            "tipo_migrante": "potencial",
            "sexo": "M",
            "edad": "34",
            "nacionalidad": "PE",
            "pais": "CL",
            "temas": ["1"],
            "resumen": "Bench: consulta por oferta de empleo en Chile.",
            "estado": "cerrada",
            "canal": "presencial",
            "sede": str(c.sede_id),
            "recibida": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "otra": "1",
        }
        respuesta = c.post("/gestion/consultas/nueva/", datos)
        assert respuesta.status_code == 302, respuesta.content[:2000]

    return _post


def csv_sintetico(filas, semilla):
    rng = random.Random(semilla)
    canales = ["presencial", "digemin", "correo", "web", "telefono"]
    tipos = ["potencial", "publico", "extranjero", "retornado", "emigrante", "andino"]
    temas = ["empleo-exterior", "tramites-visas", "remesas", "retorno", "derechos-laborales"]
    buf = io.StringIO()
    buf.write(",".join(COLUMNAS) + "\n")
    base = dt.datetime(2025, 1, 2, 8, 0)
    for i in range(filas):
        recibida = base + dt.timedelta(minutes=7 * i)
        canal = rng.choice(canales)
        buf.write(
            ",".join(
                [
                    f"BENCH-{semilla}-{i}",
                    recibida.date().isoformat(),
                    recibida.strftime("%H:%M"),
                    canal,
                    rng.choice(["LIMA", "AREQUIPA", ""]),
                    rng.choice(tipos),
                    rng.choice(["F", "M", ""]),
                    str(rng.randint(16, 80)),
                    "PE",
                    rng.choice(["ES", "US", "CL", "AR", "IT"]),
                    ";".join(rng.sample(temas, k=rng.randint(1, 2))),
                    "digemin",
                    "Consulta importada de prueba sobre requisitos y trámites.",
                    "Se brindó orientación.",
                    recibida.isoformat(),
                    (recibida + dt.timedelta(minutes=20)).isoformat(),
                ]
            )
            + "\n"
        )
    return buf.getvalue().encode()


def importar_con_rollback(contenido, con_memoria=False):
    if con_memoria:
        tracemalloc.start()
    rss_antes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    inicio = time.perf_counter()
    with transaction.atomic():
        resultado = importar(io.BytesIO(contenido))
        segundos = time.perf_counter() - inicio
        transaction.set_rollback(True)
    # Growth of the process' peak RSS during the import (KiB on Linux).
    pico = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_antes) * 1024
    if con_memoria:
        pico = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert resultado.valido and resultado.importadas, resultado.errores[:5]
    return segundos, resultado.importadas, pico


def plan(usuario, filtros):
    from django.contrib.auth import get_user_model

    u = get_user_model().objects.get(username=usuario)
    qs = (
        consultas_filtradas(u, filtros)
        .select_related("sede", "asesor")
        .only(*COLUMNAS_LISTA)[:POR_PAGINA]
    )
    return qs.explain(analyze=True)


def indices():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'consultas_consulta' "
            "ORDER BY indexname"
        )
        return cursor.fetchall()


def escribir(texto):
    anterior = SALIDA.read_text(encoding="utf-8") if SALIDA.exists() else "# Benchmarks\n"
    if SECCION in anterior:
        antes, _, resto = anterior.partition(SECCION)
        siguiente = resto.find("\n## ")
        despues = resto[siguiente:] if siguiente >= 0 else ""
        nuevo = antes + texto.rstrip() + "\n" + despues
    else:
        nuevo = anterior.rstrip() + "\n\n" + texto.rstrip() + "\n"
    SALIDA.parent.mkdir(exist_ok=True)
    SALIDA.write_text(nuevo, encoding="utf-8")


def argumentos():
    parser = argparse.ArgumentParser()
    parser.add_argument("--consultas", type=int, default=1_000_000)
    parser.add_argument("--repeticiones", type=int, default=30)
    parser.add_argument("--filas-importacion", type=int, default=100_000)
    parser.add_argument("--no-escribir", action="store_true")
    parser.add_argument(
        "--sin-cluster", action="store_true", help="keep generar_datos' random heap order"
    )
    return parser.parse_args()


def paginas_medidas(responsable, asesora):
    """(name, client, query) of every list page measured."""
    hoy = timezone.localdate()
    return [
        ("Primera página (Responsable, todas las sedes)", responsable, {}),
        ("Primera página (Asesora, su sede)", asesora, {}),
        (
            "Filtrada: sede + perfil + mes en curso",
            responsable,
            {"sede": "AREQUIPA", "tipo_migrante": "retornado", "desde": hoy.replace(day=1)},
        ),
        (
            "Filtrada: tema + sexo + canal",
            responsable,
            {"tema": "remesas", "sexo": "F", "canal": "correo"},
        ),
        ("Filtrada: pendientes (Asesora)", asesora, {"estado": "pendiente"}),
        ("Página 100 (sin filtros)", responsable, {"pagina": "100"}),
        ("Búsqueda de texto «Chile»", responsable, {"q": "Chile"}),
        ("Búsqueda de texto «visa» (frecuente)", responsable, {"q": "visa"}),
        ("Búsqueda de texto «pensión» (Asesora)", asesora, {"q": "pensión"}),
        ("Búsqueda de texto «Italia» (sin resultados)", responsable, {"q": "Italia"}),
        ("Búsqueda por código", responsable, {"q": "C-2026-000123"}),
    ]


def medir_paginas(repeticiones):
    """List pages, saving a consultation and the dashboard: (rows, save, dashboard)."""
    responsable, asesora = cliente("responsable"), cliente("asesora")
    from consultas.models import PerfilUsuario

    asesora.sede_id = PerfilUsuario.objects.get(usuario__username="asesora").sede_id
    filas = []
    for nombre, c, parametros in paginas_medidas(responsable, asesora):
        mediana, p95 = medir(pagina(c, parametros), repeticiones)
        filas.append((nombre, mediana, p95))
        print(f"{nombre}: mediana {mediana:.1f} ms, p95 {p95:.1f} ms", flush=True)
    guardado = medir(guardar(asesora), repeticiones)
    print(f"Guardar: mediana {guardado[0]:.1f} ms, p95 {guardado[1]:.1f} ms", flush=True)
    panel = medir(lambda: responsable.get("/gestion/"), 5)
    print(f"Panel: mediana {panel[0]:.1f} ms, p95 {panel[1]:.1f} ms", flush=True)
    return filas, guardado, panel


def medir_importacion(filas_importacion):
    """(seconds, rows imported, RSS growth, max RSS MiB, tracemalloc peak of 20,000 rows)."""
    contenido = csv_sintetico(filas_importacion, semilla=int(time.time()))
    segundos, importadas, crecimiento_rss = importar_con_rollback(contenido)
    print(f"Importación: {importadas} filas en {segundos:.1f} s", flush=True)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # tracemalloc slows Python several times: trace a 20,000-row import to show the peak
    # does not grow with the file (batches of 2,000 rows, only refs kept).
    pequeno = csv_sintetico(20_000, semilla=int(time.time()) + 1)
    _s, _n, pico = importar_con_rollback(pequeno, con_memoria=True)
    print(f"Pico tracemalloc (20 000 filas): {pico / 2**20:.1f} MiB", flush=True)
    return segundos, importadas, crecimiento_rss, maxrss, pico


def planes():
    """EXPLAIN ANALYZE of the first page, a filtered page and a text search."""
    return (
        plan("responsable", {}),
        plan(
            "responsable",
            {
                "tema": Consulta.temas.field.related_model.objects.get(codigo="remesas"),
                "sexo": "F",
                "canal": "correo",
            },
        ),
        plan("responsable", {"q": "Chile"}),
    )


def texto_tabla(total, repeticiones, paginas):
    filas, (mediana_g, p95_g), (mediana_p, p95_p) = paginas
    texto = [
        SECCION,
        "",
        f"Run {timezone.localtime():%Y-%m-%d %H:%M} · machine: 2 cores, shared with other jobs · "
        f"Python {platform.python_version()} · PostgreSQL "
        f"{connection.pg_version // 10000} · {total:,} consultations "
        f"(`generar_datos`), {repeticiones} requests per row after one warm-up; "
        "server time in-process with Django's test Client (templates included).",
        "",
        "| Measure | Median | p95 | Target |",
        "|---|---:|---:|---|",
    ]
    for nombre, mediana, p95 in filas:
        texto.append(f"| List — {nombre} | {mediana:.1f} ms | {p95:.1f} ms | ≤ 150 ms |")
    return texto + [
        f"| Save a new consultation (POST «Guardar y registrar otra») | {mediana_g:.1f} ms | "
        f"{p95_g:.1f} ms | ≤ 50 ms |",
        f"| Dashboard `/gestion/` (Responsable) | {mediana_p:.1f} ms | {p95_p:.1f} ms | — |",
        "",
    ]


def texto_importacion(importacion):
    segundos, importadas, crecimiento_rss, maxrss, pico = importacion
    return [
        f"Import of {importadas:,} rows (validate + import, one transaction, rolled back): "
        f"**{segundos:.1f} s** (target < 60 s). Peak memory: the process' max RSS grew by "
        f"**{crecimiento_rss / 2**20:.1f} MiB** during the import (max RSS {maxrss:.0f} MiB "
        f"in all, Django and the page measurements included); tracemalloc peak on a "
        f"20,000-row import: {pico / 2**20:.1f} MiB. The file is streamed twice "
        "(validate, then import in batches of 2,000); only the refs are kept.",
        "",
        "The list never counts the whole table: `PaginadorAcotado` counts at most 501 rows "
        "(`SELECT COUNT(*) FROM (… LIMIT 501)`, no ORDER BY) and then says «más de 500».",
        "",
    ]


def texto_planes(plan_primera, plan_filtrada, plan_busqueda):
    return [
        "Plan of the first page (Responsable, no filters):",
        "",
        "```",
        plan_primera,
        "```",
        "",
        "Plan of a filtered page (tema + sexo + canal):",
        "",
        "```",
        plan_filtrada,
        "```",
        "",
        "Plan of a free-text search page («Chile», a rare word: GIN trigram indexes on "
        "`UPPER(col)`, the expression Django writes for `icontains`; a frequent word such as "
        "«visa» walks `consulta_recibida_idx` instead and stops after 50 rows):",
        "",
        "```",
        plan_busqueda,
        "```",
        "",
        "Indexes on `consultas_consulta`:",
        "",
    ] + [f"- `{nombre}`: `{definicion}`" for nombre, definicion in indices()]


def main():
    args = argumentos()
    if connection.vendor != "postgresql":
        sys.exit("Este benchmark necesita PostgreSQL (DATABASE_URL=postgres://…).")
    total = preparar(args.consultas, not args.sin_cluster)
    print(f"{total} consultas en la base.", flush=True)
    paginas = medir_paginas(args.repeticiones)
    importacion = medir_importacion(args.filas_importacion)
    texto = (
        texto_tabla(total, args.repeticiones, paginas)
        + texto_importacion(importacion)
        + texto_planes(*planes())
    )
    salida = "\n".join(texto) + "\n"
    print(salida)
    if not args.no_escribir:
        escribir(salida)


if __name__ == "__main__":
    main()
