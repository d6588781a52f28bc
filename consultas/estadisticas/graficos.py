"""Server-rendered SVG bar charts: no JavaScript, no inline styles (CSP-safe), accessible.

Each chart is an ``<svg role="img">`` with an ``aria-label`` and a ``<title>``; bars carry their
own ``<title>`` (value tooltip) and their value written beside or above them. An image holds
nothing interactive: the data table next to every chart carries the links. Long labels wrap
over up to three lines instead of being cut. Colours come from static/css/reportes.css.
"""

import textwrap

from django.utils.html import escape, format_html, format_html_join
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


def _numero(valor) -> str:
    return f"{valor:g}" if isinstance(valor, float) else str(valor)


def partir_etiqueta(texto: str) -> list[str]:
    """Split a label into lines that fit the label margin; never drop words."""
    lineas = textwrap.wrap(str(texto), CARACTERES_POR_LINEA, break_long_words=True) or [""]
    if len(lineas) > LINEAS_MAXIMAS:
        resto = " ".join(lineas[LINEAS_MAXIMAS - 1 :])
        lineas = lineas[: LINEAS_MAXIMAS - 1] + textwrap.wrap(resto, CARACTERES_POR_LINEA * 2)[:1]
    return lineas


def _etiqueta(x, y, lineas):
    tspans = format_html_join(
        "",
        '<tspan x="{}" dy="{}">{}</tspan>',
        ((x, 0 if i == 0 else ALTO_LINEA, linea) for i, linea in enumerate(lineas)),
    )
    return format_html(
        '<text class="grafico-etiqueta" x="{}" y="{}" text-anchor="end">{}</text>', x, y, tspans
    )


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
        barras.append(
            format_html(
                '<g class="grafico-fila">{}'
                '<rect class="grafico-barra" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}: {}</title></rect>"
                '<text class="grafico-valor" x="{}" y="{}">{}</text></g>',
                _etiqueta(MARGEN_ETIQUETAS - 8, primera, lineas),
                MARGEN_ETIQUETAS,
                barra_y,
                largo,
                ALTO_BARRA,
                etiqueta,
                _numero(cantidad),
                MARGEN_ETIQUETAS + largo + 6,
                barra_y + ALTO_BARRA - 6,
                _numero(cantidad),
            )
        )
        y += alto_fila + SEPARACION
    return _svg(titulo, ANCHO, y, mark_safe("".join(barras)))  # noqa: S308 (escaped above)


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
            format_html(
                '<line class="grafico-guia" x1="{}" y1="{}" x2="{}" y2="{}"></line>'
                '<text class="grafico-eje" x="{}" y="{}" text-anchor="end">{}</text>',
                MARGEN_EJE,
                y,
                ANCHO - 10,
                y,
                MARGEN_EJE - 6,
                y + 4,
                marca,
            )
        )
    return guias


def _barra_vertical(x, ancho_barra, alto, corta, larga, cantidad) -> str:
    centro = f"{x + ancho_barra / 2:.1f}"
    return format_html(
        '<rect class="grafico-barra" x="{}" y="{}" width="{}" height="{}">'
        "<title>{}: {}</title></rect>"
        '<text class="grafico-valor-vertical" x="{}" y="{}" text-anchor="middle">{}</text>'
        '<text class="grafico-eje" x="{}" y="{}" text-anchor="middle">{}</text>',
        f"{x:.1f}",
        BASE_VERTICAL - alto,
        f"{ancho_barra:.1f}",
        alto,
        larga,
        cantidad,
        centro,
        BASE_VERTICAL - alto - 4,
        cantidad if cantidad else "",
        centro,
        ALTO_VERTICAL - 8,
        corta,
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
    ejes = format_html(
        '<line class="grafico-linea" x1="{}" y1="{}" x2="{}" y2="{}"></line>'
        '<line class="grafico-linea" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
        MARGEN_EJE,
        ARRIBA - 6,
        MARGEN_EJE,
        BASE_VERTICAL,
        MARGEN_EJE,
        BASE_VERTICAL,
        ANCHO - 10,
        BASE_VERTICAL,
    )
    return _svg(
        titulo, ANCHO, ALTO_VERTICAL, ejes + format_html_join("", "{}", ((p,) for p in partes))
    )


def _svg(titulo, ancho, alto, contenido) -> str:
    return format_html(
        '<svg class="grafico" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'role="img" aria-label="{}" preserveAspectRatio="xMinYMin meet">'
        "<title>{}</title>{}</svg>",
        ancho,
        alto,
        titulo,
        titulo,
        contenido,
    )


__all__ = ["barras_horizontales", "barras_verticales", "escape", "partir_etiqueta"]
