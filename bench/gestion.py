"""Back office at 1M consultations: dashboard and inbox server time (in-process, test Client).

    DATABASE_URL=postgres://…/infomigra_bench_consultas SECRET_KEY=x \
        .venv/bin/python bench/gestion.py

Reuses bench/consultas.py's database (filled with generar_datos) and helpers.
"""

import importlib.util
import os
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault(
    "DATABASE_URL", "postgres://infomigra:infomigra@127.0.0.1:5432/infomigra_bench_consultas"
)
os.environ.update(HTTPS="0", ALLOWED_HOSTS="testserver", DATABASE_POOL="0", LOG_LEVEL="WARNING")
os.environ.setdefault("SECRET_KEY", "bench-no-secreto")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infomigra.settings")
sys.argv = sys.argv[:1]
especificacion = importlib.util.spec_from_file_location(
    "consultas_bench", RAIZ / "bench/consultas.py"
)
bench = importlib.util.module_from_spec(especificacion)
especificacion.loader.exec_module(bench)  # django.setup() and the helpers

from django.conf import settings  # noqa: E402

from consultas.models import Consulta  # noqa: E402

settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
print(f"{Consulta.objects.count()} consultas")
responsable = bench.cliente("responsable")
for ruta in ("/gestion/", "/gestion/bandeja/"):
    assert responsable.get(ruta).status_code == 200, ruta
    mediana, p95 = bench.medir(lambda ruta=ruta: responsable.get(ruta), 10)
    print(f"{ruta}: mediana {mediana:.1f} ms, p95 {p95:.1f} ms")
