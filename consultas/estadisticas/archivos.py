"""Report CSV and XLSX files, written through the project's one spreadsheet writer
(``infomigra.hojas``).

Both carry the rows of ``filas_archivo``: the contract rows of ``servicio.filas_reporte``, then
the period comparisons and the portal visits (the same figures as the web page). The XLSX
opens on an «Informe» sheet (period, office, generation time) and names every other sheet
after its dimension's title. The CSV may start with a UTF-8 BOM so Excel reads the accents.
"""

import io
import itertools
from collections.abc import Iterable, Iterator
from itertools import groupby

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consultas.estadisticas import servicio
from consultas.estadisticas.servicio import Fila, Reporte
from consultas.estadisticas.visitas import visitas_del_periodo
from infomigra import hojas

ENCABEZADO = ("dimension", "valor", "etiqueta", "cantidad", "porcentaje")
# Dimensions that go to the XLSX summary sheet; every other one gets its own sheet.
RESUMEN = ("total", "respuesta", "promedio", "comparacion", "visitas")
BOM = "\ufeff"
# Characters a sheet name may not hold, and its maximum length.
PROHIBIDOS_EN_HOJA = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
LARGO_HOJA = 31


def celdas(fila: Fila) -> tuple:
    return (fila.dimension, fila.valor, fila.etiqueta, fila.cantidad, fila.porcentaje)


def _fecha(dia) -> str:
    return date_format(dia, "d/m/Y")


def filas_comparacion(reporte: Reporte) -> Iterator[Fila]:
    """Totals of the previous period and of the same period a year before; porcentaje is the
    change of this period against it (empty when there was nothing to compare with)."""
    anio = servicio.mismo_periodo_anio_anterior
    periodos = [
        ("periodo_anterior", _("Periodo anterior"), servicio.periodo_anterior),
        ("anio_anterior", _("Mismo periodo del año anterior"), anio),
    ]
    for valor, nombre, calcular in periodos:
        desde, hasta = calcular(reporte.desde, reporte.hasta)
        total = servicio.total_del_periodo(desde, hasta, reporte.sede)
        etiqueta = f"{nombre} ({_fecha(desde)} – {_fecha(hasta)})"
        yield Fila("comparacion", valor, etiqueta, total, servicio.variacion(reporte.total, total))


def filas_visitas(reporte: Reporte) -> Iterator[Fila]:
    """Anonymous portal visits in the period (the whole portal, whatever the office)."""
    visitas = visitas_del_periodo(reporte.desde, reporte.hasta)
    yield Fila("visitas", "vistas", _("Páginas vistas del portal"), visitas.vistas, None)
    yield Fila("visitas", "visitas", _("Visitas al portal"), visitas.visitas, None)
    for seccion, _vistas, unicas in visitas.por_seccion:
        porcentaje = servicio.porcentaje(unicas, visitas.visitas)
        yield Fila("visitas_seccion", seccion, seccion, unicas, porcentaje)
    for codigo, nombre, _vistas, unicas in visitas.por_pais:
        porcentaje = servicio.porcentaje(unicas, visitas.visitas)
        yield Fila("visitas_pais", codigo, nombre, unicas, porcentaje)


def filas_archivo(reporte: Reporte) -> Iterator[Fila]:
    """Every row of the report files, in order."""
    return itertools.chain(
        servicio.filas_reporte(reporte), filas_comparacion(reporte), filas_visitas(reporte)
    )


def escribir_csv(filas: Iterable[Fila], salida, bom: bool = False) -> None:
    if bom:
        salida.write(BOM)
    hojas.escribir_csv(ENCABEZADO, (celdas(f) for f in filas), salida)


def reporte_csv(filas: Iterable[Fila], bom: bool = False) -> str:
    salida = io.StringIO()
    escribir_csv(filas, salida, bom=bom)
    return salida.getvalue()


def titulos_de_hojas() -> dict[str, str]:
    """Readable sheet name per dimension code."""
    return {
        **servicio.titulos(),
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
        (_("Periodo"), f"{_fecha(reporte.desde)} – {_fecha(reporte.hasta)}"),
        (_("Sede"), sede),
        (_("Generado el"), date_format(generado, "d/m/Y H:i")),
    ]


def escribir_xlsx(filas: Iterable[Fila], salida, informe: list[tuple[str, str]] | None = None):
    """«Informe» (when given), a summary sheet, then one sheet per dimension in row order."""
    filas = list(filas)
    titulos = titulos_de_hojas()
    usados: set[str] = set()
    libro = []
    if informe:
        cabecera = (_("Reporte de consultas"), "")
        libro.append((nombre_de_hoja(_("Informe"), usados), cabecera, informe))
    resumen = [celdas(f) for f in filas if f.dimension in RESUMEN]
    libro.append((nombre_de_hoja(titulos["resumen"], usados), ENCABEZADO, resumen))
    por_dimension = groupby((f for f in filas if f.dimension not in RESUMEN), lambda f: f.dimension)
    for codigo, grupo in por_dimension:
        nombre = nombre_de_hoja(titulos.get(codigo, codigo), usados)
        libro.append((nombre, ENCABEZADO, [celdas(f) for f in grupo]))
    hojas.escribir_xlsx(libro, salida)


def reporte_xlsx(filas: Iterable[Fila], informe=None) -> bytes:
    salida = io.BytesIO()
    escribir_xlsx(filas, salida, informe=informe)
    return salida.getvalue()
