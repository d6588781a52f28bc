"""The one spreadsheet writer: CSV (guarded against formula injection) and XLSX (write-only).

Consultation exports and report files both write through here. A cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by spreadsheet programs;
in CSV it gets an apostrophe in front (``importar`` removes it again), in XLSX text is stored
as a text cell, which no spreadsheet evaluates.
"""

import csv
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")


def proteger(valor: str) -> str:
    """Guard one text cell against formula injection."""
    if valor and valor.startswith(PELIGROSOS):
        return "'" + valor
    return valor


def _csv(valor) -> str:
    if valor is None:
        return ""
    return proteger(valor) if isinstance(valor, str) else str(valor)


def escribir_csv(cabecera: Iterable[str], filas: Iterable[Iterable], destino) -> None:
    """Write the header and the rows (text cells guarded) to a text file object."""
    escritor = csv.writer(destino, lineterminator="\n")
    escritor.writerow(cabecera)
    for fila in filas:
        escritor.writerow([_csv(v) for v in fila])


class _Eco:
    """A file-like object that hands each written line back (for streaming responses)."""

    def write(self, valor):
        return valor


def lineas_csv(cabecera: Iterable[str], filas: Iterable[Iterable]):
    """The same CSV, yielded line by line (for ``StreamingHttpResponse``)."""
    escritor = csv.writer(_Eco(), lineterminator="\n")
    yield escritor.writerow(cabecera)
    for fila in filas:
        yield escritor.writerow([_csv(v) for v in fila])


def _celda(hoja, valor):
    if isinstance(valor, Decimal):
        return float(valor)
    if isinstance(valor, str):
        celda = WriteOnlyCell(hoja, value=valor)
        celda.data_type = "s"  # a text cell: never evaluated as a formula
        return celda
    return valor


def escribir_xlsx(hojas: Iterable[tuple[str, Iterable[str], Iterable[Iterable]]], destino) -> None:
    """Write a workbook in write-only mode (rows are streamed, memory stays flat).

    ``hojas`` yields (sheet title, header, rows); titles are cut to Excel's 31 characters.
    """
    libro = Workbook(write_only=True)
    for titulo, cabecera, filas in hojas:
        hoja = libro.create_sheet(titulo[:31])
        hoja.append(list(cabecera))
        for fila in filas:
            hoja.append([_celda(hoja, v) for v in fila])
    libro.save(destino)
