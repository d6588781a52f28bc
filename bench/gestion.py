"""Back office at 1M consultations: median server time of every back-office page (in-process).

    DATABASE_URL=postgres://…/infomigra_portada_millon SECRET_KEY=x \
        .venv/bin/python bench/gestion.py [--repeticiones 10]

Reuses bench/consultas.py's helpers (a Responsable with a verified 2FA session, an Asesora of
one office). The database must already hold the consultations (``generar_datos``) and be
migrated. Each page is requested once to warm up, then ``--repeticiones`` times; prints median
and p95 (ms) and the number of SQL queries of one request. Target: median ≤ 100 ms.
"""

import argparse
import importlib.util
import os
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault(
    "DATABASE_URL", "postgres://infomigra:infomigra@127.0.0.1:5432/infomigra_portada_millon"
)
os.environ.update(HTTPS="0", ALLOWED_HOSTS="testserver", DATABASE_POOL="0", LOG_LEVEL="WARNING")
os.environ.setdefault("SECRET_KEY", "bench-no-secreto")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infomigra.settings")
_argv, sys.argv = sys.argv, sys.argv[:1]
especificacion = importlib.util.spec_from_file_location(
    "consultas_bench", RAIZ / "bench/consultas.py"
)
bench = importlib.util.module_from_spec(especificacion)
especificacion.loader.exec_module(bench)  # django.setup() and the helpers
sys.argv = _argv

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from consultas.models import Consulta  # noqa: E402


def paginas(hoy, mes_reporte=None):
    mes = hoy.replace(day=1)
    anterior = (mes - timezone.timedelta(days=1)).replace(day=1)
    if mes_reporte:  # a given month, so runs on different days read the same data
        anterior = mes_reporte
    codigo = Consulta.objects.order_by("-recibida").values_list("codigo", flat=True).first()
    pendiente = (
        Consulta.objects.filter(estado="pendiente", canal__in=["web", "correo"])
        .order_by("-recibida")
        .values_list("codigo", flat=True)
        .first()
    )
    # The report reads ``desde``/``hasta`` (a ``mes`` parameter was ignored: the runs before
    # 2026-12-01 measured the current month up to the day of the run).
    fin = (anterior + timezone.timedelta(days=32)).replace(day=1) - timezone.timedelta(days=1)
    periodo = {"desde": anterior.isoformat(), "hasta": fin.isoformat()}
    return [
        ("Panel /gestion/", "responsable", "/gestion/", {}),
        ("Lista de consultas", "responsable", "/gestion/consultas/", {}),
        ("Lista (Asesora, su sede)", "asesora", "/gestion/consultas/", {}),
        (
            "Lista filtrada: sede + perfil + mes",
            "responsable",
            "/gestion/consultas/",
            {"sede": "AREQUIPA", "tipo_migrante": "retornado", "desde": mes.isoformat()},
        ),
        (
            "Lista filtrada: tema + sexo + canal",
            "responsable",
            "/gestion/consultas/",
            {"tema": "remesas", "sexo": "F", "canal": "correo"},
        ),
        ("Lista página 100", "responsable", "/gestion/consultas/", {"pagina": "100"}),
        ("Lista búsqueda «Chile»", "responsable", "/gestion/consultas/", {"q": "Chile"}),
        ("Lista búsqueda «visa»", "responsable", "/gestion/consultas/", {"q": "visa"}),
        ("Lista búsqueda por código", "responsable", "/gestion/consultas/", {"q": codigo}),
        ("Detalle de consulta", "responsable", f"/gestion/consultas/{codigo}/", {}),
        ("Bandeja", "responsable", "/gestion/bandeja/", {}),
        ("Hilo de la bandeja", "responsable", f"/gestion/bandeja/{pendiente}/", {}),
        ("Reporte mensual (mes anterior)", "responsable", "/gestion/reportes/mensual/", periodo),
        ("Reporte CSV", "responsable", "/gestion/reportes/mensual/reporte.csv", periodo),
        ("Reporte XLSX", "responsable", "/gestion/reportes/mensual/reporte.xlsx", periodo),
        ("Reporte diario", "responsable", "/gestion/reportes/diario/", {}),
        ("Talleres", "responsable", "/gestion/talleres/", {}),
        ("Talleres: estadísticas", "responsable", "/gestion/talleres/estadisticas/", {}),
        ("Retornados", "responsable", "/gestion/retornados/", {}),
        ("Retornados: reporte", "responsable", "/gestion/retornados/reporte/", {}),
        ("Socios", "responsable", "/gestion/socios/", {}),
        ("Auditoría", "responsable", "/gestion/auditoria/", {}),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeticiones", type=int, default=10)
    parser.add_argument("--solo", help="only pages whose name contains this text")
    parser.add_argument(
        "--mes",
        type=lambda texto: timezone.datetime.strptime(texto, "%Y-%m").date(),
        help="the reports' month, YYYY-MM (default: the month before today)",
    )
    args = parser.parse_args()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    print(f"{Consulta.objects.count()} consultas", flush=True)
    clientes = {u: bench.cliente(u) for u in ("responsable", "asesora")}
    print("| Página | Mediana ms | p95 ms | Consultas SQL | Objetivo |\n|---|---:|---:|---:|---|")
    lentas = []
    for nombre, usuario, ruta, parametros in paginas(timezone.localdate(), args.mes):
        if args.solo and args.solo not in nombre:
            continue
        c = clientes[usuario]
        consultas = []
        with connection.execute_wrapper(
            lambda ejecutar, sql, *a, lista=consultas: lista.append(sql) or ejecutar(sql, *a)
        ):
            respuesta = c.get(ruta, parametros)
        assert respuesta.status_code == 200, (ruta, respuesta.status_code)
        mediana, p95 = bench.medir(lambda c=c, r=ruta, p=parametros: c.get(r, p), args.repeticiones)
        if mediana > 100:
            lentas.append(nombre)
        print(
            f"| {nombre} | {mediana:.1f} | {p95:.1f} | {len(consultas)} | "
            f"{'≤ 100 ms' if mediana <= 100 else '**> 100 ms**'} |",
            flush=True,
        )
    print("Por encima del objetivo:", ", ".join(lentas) or "ninguna")


if __name__ == "__main__":
    main()
