"""Report CSV and XLSX writers.

Both write the rows of ``filas_archivo``: the contract rows of ``estadisticas.filas_reporte``
followed by the period comparisons and the portal visits (the same figures as the web page).
The XLSX opens on an «Informe» sheet (period, office, generation time); every other sheet is
named after its dimension's title. The CSV may start with a UTF-8 BOM so Excel reads accents.
"""

import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from consultas import estadisticas
from consultas.estadisticas import Fila, Reporte
from consultas.estadisticas_web import visitas_del_periodo

ENCABEZADO = ("dimension", "valor", "etiqueta", "cantidad", "porcentaje")
# Dimensions that go to the XLSX summary sheet; every other one gets its own sheet.
RESUMEN = ("total", "respuesta", "promedio", "comparacion", "visitas")
# A cell starting with one of these is run as a formula by spreadsheets.
PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
# Characters a sheet name may not hold, and its maximum length.
PROHIBIDOS_EN_HOJA = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
LARGO_HOJA = 31


def texto_seguro(valor: str) -> str:
    """Neutralise spreadsheet formula injection by prefixing an apostrophe."""
    return "'" + valor if valor.startswith(PELIGROSOS) else valor


def _numero(valor) -> str:
    return "" if valor is None else str(valor)


def _fecha(dia) -> str:
    return date_format(dia, "d/m/Y")


def filas_comparacion(reporte: Reporte) -> Iterator[Fila]:
    """Totals of the previous period and of the same period a year before; porcentaje is the
    change of this period against it (empty when there was nothing to compare with)."""
    periodos = [
        ("periodo_anterior", _("Periodo anterior"), estadisticas.periodo_anterior),
        (
            "anio_anterior",
            _("Mismo periodo del año anterior"),
            estadisticas.mismo_periodo_anio_anterior,
        ),
    ]
    for valor, nombre, calcular in periodos:
        desde, hasta = calcular(reporte.desde, reporte.hasta)
        total = estadisticas.total_del_periodo(desde, hasta, reporte.sede)
        etiqueta = f"{nombre} ({_fecha(desde)} – {_fecha(hasta)})"
        yield Fila(
            "comparacion", valor, etiqueta, total, estadisticas.variacion(reporte.total, total)
        )


def filas_visitas(reporte: Reporte) -> Iterator[Fila]:
    """Anonymous portal visits in the period (the whole portal, whatever the office)."""
    visitas = visitas_del_periodo(reporte.desde, reporte.hasta)
    yield Fila("visitas", "vistas", _("Páginas vistas del portal"), visitas.vistas, None)
    yield Fila("visitas", "visitas", _("Visitas al portal"), visitas.visitas, None)
    for seccion, _vistas, unicas in visitas.por_seccion:
        porcentaje = estadisticas.porcentaje(unicas, visitas.visitas)
        yield Fila("visitas_seccion", seccion, seccion, unicas, porcentaje)
    for codigo, nombre, _vistas, unicas in visitas.por_pais:
        porcentaje = estadisticas.porcentaje(unicas, visitas.visitas)
        yield Fila("visitas_pais", codigo, nombre, unicas, porcentaje)


def filas_archivo(reporte: Reporte) -> Iterator[Fila]:
    """Every row of the report files, in order."""
    return itertools.chain(
        estadisticas.filas_reporte(reporte), filas_comparacion(reporte), filas_visitas(reporte)
    )


def celdas_csv(fila: Fila) -> list[str]:
    return [
        texto_seguro(fila.dimension),
        texto_seguro(fila.valor),
        texto_seguro(fila.etiqueta),
        _numero(fila.cantidad),
        _numero(fila.porcentaje),
    ]


def escribir_csv(filas: Iterable[Fila], salida, bom: bool = False) -> None:
    if bom:
        salida.write(BOM)
    escritor = csv.writer(salida, lineterminator="\n")
    escritor.writerow(ENCABEZADO)
    for fila in filas:
        escritor.writerow(celdas_csv(fila))


def reporte_csv(filas: Iterable[Fila], bom: bool = False) -> str:
    salida = io.StringIO()
    escribir_csv(filas, salida, bom=bom)
    return salida.getvalue()


def _celda_numero(valor):
    if isinstance(valor, Decimal):
        return float(valor)
    return valor


def titulos_de_hojas() -> dict[str, str]:
    """Readable sheet name per dimension code."""
    return {
        **estadisticas.titulos(),
        "resumen": _("Resumen"),
        "visitas_seccion": _("Visitas por sección"),
        "visitas_pais": _("Visitas por país"),
    }


def nombre_de_hoja(texto: str, usados: set[str]) -> str:
    nombre = str(texto).translate(PROHIBIDOS_EN_HOJA).strip()[:LARGO_HOJA] or "Hoja"
    base, n = nombre, 2
    while nombre.lower() in usados:
        sufijo = f" ({n})"
        nombre, n = base[: LARGO_HOJA - len(sufijo)] + sufijo, n + 1
    usados.add(nombre.lower())
    return nombre


def datos_informe(reporte: Reporte, generado=None) -> list[tuple[str, str]]:
    """The «Informe» sheet: what the file is about and when it was made."""
    generado = timezone.localtime(generado or timezone.now())
    sede = reporte.sede.nombre if reporte.sede else _("Todas las sedes")
    return [
        (_("Reporte de consultas"), ""),
        (_("Periodo"), f"{_fecha(reporte.desde)} – {_fecha(reporte.hasta)}"),
        (_("Sede"), sede),
        (_("Generado el"), date_format(generado, "d/m/Y H:i")),
    ]


def escribir_xlsx(filas: Iterable[Fila], salida, informe: list[tuple[str, str]] | None = None):
    """Write-only workbook: «Informe», a summary sheet, then one sheet per dimension."""
    libro = Workbook(write_only=True)
    usados: set[str] = set()
    if informe:
        hoja = libro.create_sheet(nombre_de_hoja(_("Informe"), usados))
        for clave, valor in informe:
            hoja.append([texto_seguro(clave), texto_seguro(valor)])
    titulos = titulos_de_hojas()
    hojas = {"resumen": libro.create_sheet(nombre_de_hoja(titulos["resumen"], usados))}
    hojas["resumen"].append(list(ENCABEZADO))
    for fila in filas:
        clave = "resumen" if fila.dimension in RESUMEN else fila.dimension
        if clave not in hojas:
            titulo = titulos.get(fila.dimension, fila.dimension)
            hojas[clave] = libro.create_sheet(nombre_de_hoja(titulo, usados))
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


def reporte_xlsx(filas: Iterable[Fila], informe=None) -> bytes:
    salida = io.BytesIO()
    escribir_xlsx(filas, salida, informe=informe)
    return salida.getvalue()
