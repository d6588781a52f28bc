"""Server-rendered SVG bar charts: no JavaScript, no inline styles (CSP-safe), accessible.

Each chart is an ``<svg role="img">`` with an ``aria-label`` and a ``<title>``; bars carry their
own ``<title>`` (value tooltip) and their value written beside or above them. An image holds
nothing interactive: the data table next to every chart carries the links. Long labels wrap
over up to three lines instead of being cut. Colours come from static/css/reportes.css.
"""

import html
import textwrap

from django.utils.html import escape
from django.utils.safestring import mark_safe

ANCHO = 640
ALTO_BARRA = 22
ALTO_LINEA = 14
SEPARACION = 6
MARGEN_ETIQUETAS = 230
CARACTERES_POR_LINEA = 32
LINEAS_MAXIMAS = 3
ALTO_VERTICAL = 240
MARGEN_EJE = 44
ARRIBA = 18  # room above the tallest bar for its value


def _e(valor) -> str:
    """``conditional_escape`` without its lazy-text wrapper: a report draws a dozen charts of
    up to hundreds of bars, and ``format_html`` per bar was a tenth of the monthly report's
    time. Safe text passes as is; anything else (labels from the database) is escaped."""
    if hasattr(valor, "__html__"):
        return valor.__html__()
    return html.escape(str(valor))


def _numero(valor) -> str:
    return f"{valor:g}" if isinstance(valor, float) else str(valor)


def partir_etiqueta(texto: str) -> list[str]:
    """Split a label into lines that fit the label margin; never drop words."""
    lineas = textwrap.wrap(str(texto), CARACTERES_POR_LINEA, break_long_words=True) or [""]
    if len(lineas) > LINEAS_MAXIMAS:
        resto = " ".join(lineas[LINEAS_MAXIMAS - 1 :])
        lineas = lineas[: LINEAS_MAXIMAS - 1] + textwrap.wrap(resto, CARACTERES_POR_LINEA * 2)[:1]
    return lineas


def _etiqueta(x, y, lineas) -> str:
    tspans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else ALTO_LINEA}">{_e(linea)}</tspan>'
        for i, linea in enumerate(lineas)
    )
    return f'<text class="grafico-etiqueta" x="{x}" y="{y}" text-anchor="end">{tspans}</text>'


def barras_horizontales(titulo: str, filas: list[tuple[str, int]]) -> str:
    """One horizontal bar per (etiqueta, cantidad), the value at the end of the bar."""
    if not filas:
        return ""
    maximo = max(cantidad for _e, cantidad in filas) or 1
    util = ANCHO - MARGEN_ETIQUETAS - 60
    barras, y = [], SEPARACION
    for etiqueta, cantidad in filas:
        lineas = partir_etiqueta(etiqueta)
        alto_fila = max(ALTO_BARRA, len(lineas) * ALTO_LINEA + 8)
        largo = max(round(util * cantidad / maximo), 1 if cantidad else 0)
        barra_y = y + (alto_fila - ALTO_BARRA) // 2
        primera = y + (alto_fila - (len(lineas) - 1) * ALTO_LINEA) // 2 + 4
        valor = _e(_numero(cantidad))
        barras.append(
            f'<g class="grafico-fila">{_etiqueta(MARGEN_ETIQUETAS - 8, primera, lineas)}'
            f'<rect class="grafico-barra" x="{MARGEN_ETIQUETAS}" y="{barra_y}" width="{largo}" '
            f'height="{ALTO_BARRA}"><title>{_e(etiqueta)}: {valor}</title></rect>'
            f'<text class="grafico-valor" x="{MARGEN_ETIQUETAS + largo + 6}" '
            f'y="{barra_y + ALTO_BARRA - 6}">{valor}</text></g>'
        )
        y += alto_fila + SEPARACION
    return _svg(titulo, ANCHO, y, "".join(barras))


def _marcas(maximo: int) -> list[int]:
    """Y-axis ticks: 0, the middle and the maximum (whole numbers, no repeats)."""
    return sorted({0, maximo // 2, maximo}) if maximo else [0]


BASE_VERTICAL = ALTO_VERTICAL - 24  # the x-axis line
ALTO_UTIL_VERTICAL = BASE_VERTICAL - ARRIBA


def _guias(maximo: int) -> list[str]:
    """The y-axis ticks, each a faint guide line with its value."""
    guias = []
    for marca in _marcas(maximo):
        y = BASE_VERTICAL - round(ALTO_UTIL_VERTICAL * marca / (maximo or 1))
        guias.append(
            f'<line class="grafico-guia" x1="{MARGEN_EJE}" y1="{y}" x2="{ANCHO - 10}" '
            f'y2="{y}"></line><text class="grafico-eje" x="{MARGEN_EJE - 6}" y="{y + 4}" '
            f'text-anchor="end">{_e(marca)}</text>'
        )
    return guias


def _barra_vertical(x, ancho_barra, alto, corta, larga, cantidad) -> str:
    centro = f"{x + ancho_barra / 2:.1f}"
    return (
        f'<rect class="grafico-barra" x="{x:.1f}" y="{BASE_VERTICAL - alto}" '
        f'width="{ancho_barra:.1f}" height="{alto}"><title>{_e(larga)}: {_e(cantidad)}</title>'
        f'</rect><text class="grafico-valor-vertical" x="{centro}" y="{BASE_VERTICAL - alto - 4}"'
        f' text-anchor="middle">{_e(cantidad) if cantidad else ""}</text>'
        f'<text class="grafico-eje" x="{centro}" y="{ALTO_VERTICAL - 8}" text-anchor="middle">'
        f"{_e(corta)}</text>"
    )


def barras_verticales(titulo: str, puntos: list[tuple]) -> str:
    """One vertical bar per (etiqueta corta, etiqueta larga, cantidad[, enlace]), with a
    y-axis and the value above each bar. Links, if given, are left to the data table."""
    if not puntos:
        return ""
    maximo = max(p[2] for p in puntos)
    paso = (ANCHO - MARGEN_EJE - 10) / len(puntos)
    ancho_barra = max(paso * 0.7, 2)
    partes = _guias(maximo)
    for i, (corta, larga, cantidad, *_enlace) in enumerate(puntos):
        alto = round(ALTO_UTIL_VERTICAL * cantidad / (maximo or 1))
        x = MARGEN_EJE + 4 + i * paso
        partes.append(_barra_vertical(x, ancho_barra, alto, corta, larga, cantidad))
    ejes = (
        f'<line class="grafico-linea" x1="{MARGEN_EJE}" y1="{ARRIBA - 6}" x2="{MARGEN_EJE}" '
        f'y2="{BASE_VERTICAL}"></line><line class="grafico-linea" x1="{MARGEN_EJE}" '
        f'y1="{BASE_VERTICAL}" x2="{ANCHO - 10}" y2="{BASE_VERTICAL}"></line>'
    )
    return _svg(titulo, ANCHO, ALTO_VERTICAL, ejes + "".join(partes))


def _svg(titulo, ancho, alto, contenido: str) -> str:
    """The chart; every text in ``contenido`` was escaped by ``_e``."""
    titulo = _e(titulo)
    return mark_safe(  # noqa: S308 (every value escaped by _e)
        f'<svg class="grafico" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ancho} {alto}" '
        f'role="img" aria-label="{titulo}" preserveAspectRatio="xMinYMin meet">'
        f"<title>{titulo}</title>{contenido}</svg>"
    )


__all__ = ["barras_horizontales", "barras_verticales", "escape", "partir_etiqueta"]
