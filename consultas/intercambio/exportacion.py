"""Consultation CSV export (the import/export contract in design.md).

``filas_consultas`` yields plain rows; ``escribir_csv`` writes them. Cells that a spreadsheet
would read as a formula get a leading apostrophe (``importacion`` strips it back).
"""

import csv

from django.db.models import Prefetch
from django.utils import timezone

from contenidos.models import Tema

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
INICIOS_PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")
LOTE = 2000


def proteger(valor: str) -> str:
    """Guard a cell against spreadsheet formula injection."""
    if valor and valor.startswith(INICIOS_PELIGROSOS):
        return "'" + valor
    return valor


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


class _Eco:
    """A write-only file-like object that hands each written line back (for streaming)."""

    def write(self, valor):
        return valor


def escribir_csv(filas, destino):
    """Write the header and ``filas`` (guarded) to a text file object."""
    escritor = csv.writer(destino, lineterminator="\n")
    escritor.writerow(COLUMNAS)
    for fila in filas:
        escritor.writerow([proteger(v) for v in fila])


def lineas_csv(filas):
    """Yield the CSV line by line (for ``StreamingHttpResponse``)."""
    escritor = csv.writer(_Eco(), lineterminator="\n")
    yield escritor.writerow(COLUMNAS)
    for fila in filas:
        yield escritor.writerow([proteger(v) for v in fila])


def escribir_xlsx(filas, destino):
    """Write the header and ``filas`` to an XLSX file (openpyxl write-only mode).

    Every cell is stored as a text cell, so a value such as ``=HYPERLINK(…)`` is never taken as
    a formula by the spreadsheet (the CSV guards with an apostrophe instead).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("consultas")
    hoja.append(list(COLUMNAS))
    for fila in filas:
        celdas = []
        for valor in fila:
            celda = WriteOnlyCell(hoja, value=valor)
            celda.data_type = "s"
            celdas.append(celda)
        hoja.append(celdas)
    libro.save(destino)
