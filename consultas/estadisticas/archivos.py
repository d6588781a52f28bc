"""Report CSV and XLSX writers: both take the rows of ``estadisticas.filas_reporte``."""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook

from consultas.estadisticas.servicio import Fila

ENCABEZADO = ("dimension", "valor", "etiqueta", "cantidad", "porcentaje")
# Dimensions that go to the XLSX summary sheet; every other one gets its own sheet.
RESUMEN = ("total", "respuesta", "promedio")
# A cell starting with one of these is run as a formula by spreadsheets.
PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")


def texto_seguro(valor: str) -> str:
    """Neutralise spreadsheet formula injection by prefixing an apostrophe."""
    return "'" + valor if valor.startswith(PELIGROSOS) else valor


def _numero(valor) -> str:
    return "" if valor is None else str(valor)


def celdas_csv(fila: Fila) -> list[str]:
    return [
        texto_seguro(fila.dimension),
        texto_seguro(fila.valor),
        texto_seguro(fila.etiqueta),
        _numero(fila.cantidad),
        _numero(fila.porcentaje),
    ]


def escribir_csv(filas: Iterable[Fila], salida) -> None:
    escritor = csv.writer(salida, lineterminator="\n")
    escritor.writerow(ENCABEZADO)
    for fila in filas:
        escritor.writerow(celdas_csv(fila))


def reporte_csv(filas: Iterable[Fila]) -> str:
    salida = io.StringIO()
    escribir_csv(filas, salida)
    return salida.getvalue()


def _celda_numero(valor):
    if isinstance(valor, Decimal):
        return float(valor)
    return valor


def escribir_xlsx(filas: Iterable[Fila], salida, titulo_resumen: str = "Resumen") -> None:
    """Write-only workbook: a summary sheet, then one sheet per dimension in row order."""
    libro = Workbook(write_only=True)
    hojas = {"resumen": libro.create_sheet(titulo_resumen)}
    hojas["resumen"].append(list(ENCABEZADO))
    for fila in filas:
        clave = "resumen" if fila.dimension in RESUMEN else fila.dimension
        if clave not in hojas:
            hojas[clave] = libro.create_sheet(fila.dimension[:31])
            hojas[clave].append(list(ENCABEZADO))
        hojas[clave].append(
            [
                texto_seguro(fila.dimension),
                texto_seguro(fila.valor),
                texto_seguro(fila.etiqueta),
                _celda_numero(fila.cantidad),
                _celda_numero(fila.porcentaje),
            ]
        )
    libro.save(salida)


def reporte_xlsx(filas: Iterable[Fila]) -> bytes:
    salida = io.BytesIO()
    escribir_xlsx(filas, salida)
    return salida.getvalue()
