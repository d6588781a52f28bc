"""Consultation CSV export (the import/export contract in design.md).

``filas_consultas`` yields plain rows; ``escribir_csv`` writes them. Cells that a spreadsheet
would read as a formula get a leading apostrophe (``importacion`` strips it back).
"""

from django.db.models import Prefetch
from django.utils import timezone

from contenidos.models import Tema
from infomigra import hojas

COLUMNAS = (
    "ref",
    "fecha",
    "hora",
    "canal",
    "sede",
    "tipo_migrante",
    "sexo",
    "edad",
    "nacionalidad",
    "pais",
    "temas",
    "medio",
    "resumen",
    "respuesta",
    "recibida",
    "respondida",
)
LOTE = 2000


def _iso_local(momento):
    if momento is None:
        return ""
    return timezone.localtime(momento).replace(microsecond=0, tzinfo=None).isoformat()


def filas_consultas(queryset):
    """Yield one tuple per consultation in the contract's column order (streamed in chunks)."""
    qs = (
        queryset.select_related("sede")
        .prefetch_related(Prefetch("temas", queryset=Tema.objects.only("id", "codigo")))
        .order_by("recibida", "id")
    )
    for c in qs.iterator(chunk_size=LOTE):
        local = timezone.localtime(c.recibida)
        yield (
            # Own consultations travel with their code as ref, so re-importing skips them.
            c.ref or c.codigo,
            c.fecha.isoformat(),
            local.strftime("%H:%M"),
            c.canal,
            c.sede.codigo,
            c.tipo_migrante,
            c.sexo,
            "" if c.edad is None else str(c.edad),
            c.nacionalidad.code or "",
            c.pais.code or "",
            ";".join(sorted(t.codigo for t in c.temas.all())),
            c.medio,
            c.resumen,
            c.respuesta,
            _iso_local(c.recibida),
            _iso_local(c.respondida),
        )


def escribir_csv(filas, destino):
    """Write the header and ``filas`` to a text file object (formula-guarded)."""
    hojas.escribir_csv(COLUMNAS, filas, destino)


def lineas_csv(filas):
    """Yield the CSV line by line (for ``StreamingHttpResponse``)."""
    return hojas.lineas_csv(COLUMNAS, filas)


def escribir_xlsx(filas, destino):
    """Write the header and ``filas`` to an XLSX file, every cell a text cell."""
    hojas.escribir_xlsx([("consultas", COLUMNAS, filas)], destino)
