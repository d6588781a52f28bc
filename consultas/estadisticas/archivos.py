"""Report CSV and XLSX files: both take the rows of ``servicio.filas_reporte`` and write them
through the project's one spreadsheet writer (``infomigra.hojas``)."""

import io
from collections.abc import Iterable
from itertools import groupby

from consultas.estadisticas.servicio import Fila
from infomigra import hojas

ENCABEZADO = ("dimension", "valor", "etiqueta", "cantidad", "porcentaje")
# Dimensions that go to the XLSX summary sheet; every other one gets its own sheet.
RESUMEN = ("total", "respuesta", "promedio")


def celdas(fila: Fila) -> tuple:
    return (fila.dimension, fila.valor, fila.etiqueta, fila.cantidad, fila.porcentaje)


def escribir_csv(filas: Iterable[Fila], salida) -> None:
    hojas.escribir_csv(ENCABEZADO, (celdas(f) for f in filas), salida)


def reporte_csv(filas: Iterable[Fila]) -> str:
    salida = io.StringIO()
    escribir_csv(filas, salida)
    return salida.getvalue()


def escribir_xlsx(filas: Iterable[Fila], salida, titulo_resumen: str = "Resumen") -> None:
    """A summary sheet, then one sheet per dimension in row order."""
    filas = list(filas)
    resumen = [celdas(f) for f in filas if f.dimension in RESUMEN]
    por_dimension = groupby((f for f in filas if f.dimension not in RESUMEN), lambda f: f.dimension)
    libro = [(titulo_resumen, ENCABEZADO, resumen)]
    libro += [(d, ENCABEZADO, [celdas(f) for f in grupo]) for d, grupo in por_dimension]
    hojas.escribir_xlsx(libro, salida)


def reporte_xlsx(filas: Iterable[Fila]) -> bytes:
    salida = io.BytesIO()
    escribir_xlsx(filas, salida)
    return salida.getvalue()
