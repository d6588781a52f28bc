"""Report speed on PostgreSQL with ~1,000,000 consultations.

Prepare once (several minutes; reused when already filled):
    createdb infomigra_bench_estadisticas
    DATABASE_URL=postgres://…/infomigra_bench_estadisticas manage.py migrate
    … manage.py cargar_demo --consultas 0
    … manage.py generar_datos --consultas 1000000 --desde <two years ago>
    psql … -c "VACUUM ANALYZE"
Run:
    DATABASE_URL=postgres://…/infomigra_bench_estadisticas SECRET_KEY=x \
        .venv/bin/python bench/estadisticas.py [--ingenuo-anual]
Prints Markdown (timings, EXPLAIN ANALYZE plans, indexes) for docs/benchmarks.md.
"""

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infomigra.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from consultas.estadisticas import servicio as estadisticas  # noqa: E402
from consultas.estadisticas.ingenuo import calcular_ingenuo  # noqa: E402
from consultas.models import Consulta  # noqa: E402


def cronometrar(funcion, repeticiones=5):
    funcion()  # warm-up (cache, plans)
    tiempos = []
    for _i in range(repeticiones):
        inicio = time.perf_counter()
        funcion()
        tiempos.append(time.perf_counter() - inicio)
    return statistics.median(tiempos), min(tiempos)


def explicar(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) " + sql, params)
        return "\n".join(fila[0] for fila in cursor.fetchall())


def consultas_registradas(funcion):
    """Run ``funcion`` capturing its SQL (to EXPLAIN it afterwards)."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as capturadas:
        funcion()
    return [q["sql"] for q in capturadas.captured_queries]


def desglose_csv(desde, hasta):
    """Where the CSV command's time goes: interpreter, Django start-up, report, writing."""
    import io

    from django.core.management import call_command

    from consultas.estadisticas.archivos import escribir_csv

    def proceso(*argumentos):
        tiempos = []
        for _i in range(3):
            inicio = time.perf_counter()
            subprocess.run([sys.executable, *argumentos], check=True, cwd=RAIZ)
            tiempos.append(time.perf_counter() - inicio)
        return statistics.median(tiempos)

    python = proceso("-c", "pass")
    arranque = proceso(
        "-c",
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
        "'infomigra.settings'); django.setup()",
    )
    argumentos = ["--desde", desde.isoformat(), "--hasta", hasta.isoformat()]
    comando, _m = cronometrar(lambda: call_command("reporte", *argumentos, stdout=io.StringIO()))
    reporte = estadisticas.calcular(desde, hasta)
    calculo, _m = cronometrar(lambda: estadisticas.calcular(desde, hasta))
    filas = estadisticas.filas_reporte
    escritura, _m = cronometrar(lambda: escribir_csv(filas(reporte), io.StringIO()))
    print(
        f"- desglose del CSV: intérprete Python {python * 1000:.0f} ms; arranque de Django "
        f"(`django.setup()`, intérprete incluido) {arranque * 1000:.0f} ms; comando dentro del "
        f"proceso {comando * 1000:.0f} ms (de ellos, `calcular` {calculo * 1000:.0f} ms y "
        f"escribir el CSV {escritura * 1000:.1f} ms)"
    )


def costo_de_escritura():
    """What keeping the summary costs a write (rolled back: the bench data stays as it is)."""
    from django.db import transaction

    from consultas.estadisticas import resumen as resumen_diario

    consulta = Consulta.objects.order_by("-id").first()
    otra_fecha = consulta.fecha - dt.timedelta(days=7)
    tiempos_edicion, tiempos_celda = [], []
    for _i in range(5):
        with transaction.atomic():
            inicio = time.perf_counter()
            consulta.recibida = consulta.recibida - dt.timedelta(days=7)
            consulta.save()
            tiempos_edicion.append(time.perf_counter() - inicio)
            inicio = time.perf_counter()
            resumen_diario.recalcular([(otra_fecha, consulta.sede_id)])
            tiempos_celda.append(time.perf_counter() - inicio)
            transaction.set_rollback(True)
        consulta.refresh_from_db()
    ids = list(Consulta.objects.order_by("-id").values_list("id", flat=True)[:5000])
    with transaction.atomic():
        inicio = time.perf_counter()
        resumen_diario.sumar_nuevas(ids)
        lote = time.perf_counter() - inicio
        transaction.set_rollback(True)
    edicion = statistics.median(tiempos_edicion) * 1000
    celda = statistics.median(tiempos_celda) * 1000
    print(
        f"- costo del resumen al escribir: editar una consulta moviéndola de día (`save()` con "
        f"historial y dos celdas recalculadas) {edicion:.1f} ms, de ello recalcular una celda "
        f"(día × sede) {celda:.1f} ms; sumar un lote de 5.000 consultas importadas "
        f"{lote * 1000:.0f} ms"
    )


def periodos():
    """Print the base's size; returns the last full month and the year that ends with it."""
    total = Consulta.objects.count()
    ultimo = Consulta.objects.order_by("-fecha").values_list("fecha", flat=True).first()
    mes_desde = (ultimo.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    mes_hasta = ultimo.replace(day=1) - dt.timedelta(days=1)
    anio_desde, anio_hasta = dt.date(mes_hasta.year - 1, mes_hasta.month, 1), mes_hasta
    anio_desde = (anio_desde + dt.timedelta(days=32)).replace(day=1)
    print(
        f"- consultas en la base: {total:,}; mes: {mes_desde}…{mes_hasta}; "
        f"año: {anio_desde}…{anio_hasta}"
    )
    return (mes_desde, mes_hasta), (anio_desde, anio_hasta)


def medir_reportes(mes, anio):
    """A month's and a year's report; returns (month timing, year timing, month report)."""
    t_mes = cronometrar(lambda: estadisticas.calcular(*mes))
    reporte_mes = estadisticas.calcular(*mes)
    t_anio = cronometrar(lambda: estadisticas.calcular(*anio), 3)
    reporte_anio = estadisticas.calcular(*anio)
    print(
        f"- reporte de un mes ({reporte_mes.total:,} consultas): mediana {t_mes[0] * 1000:.0f} ms, "
        f"mínimo {t_mes[1] * 1000:.0f} ms (objetivo ≤ 200 ms)"
    )
    print(
        f"- reporte de un año ({reporte_anio.total:,} consultas): mediana {t_anio[0] * 1000:.0f} "
        f"ms, mínimo {t_anio[1] * 1000:.0f} ms (objetivo ≤ 1 s)"
    )
    return t_mes, t_anio, reporte_mes


def medir_csv(desde, hasta):
    """``manage.py reporte --formato csv`` of a year, whole process (start-up included)."""
    comando = [
        sys.executable,
        str(RAIZ / "manage.py"),
        "reporte",
        "--desde",
        desde.isoformat(),
        "--hasta",
        hasta.isoformat(),
        "--formato",
        "csv",
    ]
    tiempos = []
    for _i in range(3):
        inicio = time.perf_counter()
        salida = subprocess.run(comando, capture_output=True, check=True, text=True).stdout
        tiempos.append(time.perf_counter() - inicio)
    print(
        f"- `manage.py reporte --formato csv` de un año ({len(salida.splitlines())} filas), "
        f"proceso completo con arranque de Django: mediana {statistics.median(tiempos):.2f} s "
        "(objetivo ≤ 2 s)"
    )


def comparar_ingenuo(mes, anio, t_mes, t_anio, reporte_mes, anual):
    """The naive Python loop against the SQL aggregation (same rows)."""
    inicio = time.perf_counter()
    ingenuo_mes = calcular_ingenuo(*mes)
    t_ingenuo = time.perf_counter() - inicio
    assert list(estadisticas.filas_reporte(ingenuo_mes)) == list(
        estadisticas.filas_reporte(reporte_mes)
    ), "the naive report must equal the SQL one"
    print(
        f"- versión ingenua (bucle en Python sobre las filas) de un mes: {t_ingenuo * 1000:.0f} ms "
        f"→ la agregación SQL es {t_ingenuo / t_mes[0]:.0f}× más rápida (mismas filas)"
    )
    if anual:
        inicio = time.perf_counter()
        calcular_ingenuo(*anio)
        t = time.perf_counter() - inicio
        print(f"- versión ingenua de un año: {t:.1f} s → {t / t_anio[0]:.0f}× más lenta")


def planes_e_indices(anio):
    """EXPLAIN ANALYZE of the year report's queries, then the indexes."""
    print("\n### Consultas SQL del reporte de un año y sus planes\n")
    for sql in consultas_registradas(lambda: estadisticas.calcular(*anio)):
        tablas = ("consultas_consulta", "consultas_resumendiario")
        if not any(t in sql for t in tablas) or "consultas_sede" in sql.split("WHERE")[0][-40:]:
            continue
        print("```sql\n" + sql + "\n```\n```")
        print(explicar(sql, None) + "\n```\n")
    print("### Índices de consultas_consulta y consultas_resumendiario\n\n```")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename IN "
            "('consultas_consulta', 'consultas_resumendiario') ORDER BY tablename, indexname"
        )
        for (definicion,) in cursor.fetchall():
            print(definicion)
    print("```")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ingenuo-anual", action="store_true")
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "use DATABASE_URL=postgres://…"
    mes, anio = periodos()
    t_mes, t_anio, reporte_mes = medir_reportes(mes, anio)
    medir_csv(*anio)
    desglose_csv(*anio)
    costo_de_escritura()
    comparar_ingenuo(mes, anio, t_mes, t_anio, reporte_mes, args.ingenuo_anual)
    planes_e_indices(anio)


if __name__ == "__main__":
    main()
