"""Server-rendered SVG bar charts: no JavaScript, no inline styles (CSP-safe), accessible.

Each chart is an ``<svg role="img">`` with an ``aria-label`` and a ``<title>``; bars carry their
own ``<title>`` (value tooltip). Colours come from CSS classes in static/css/reportes.css.
Pages always put the data table next to the chart.
"""

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

ANCHO = 640
ALTO_BARRA = 22
SEPARACION = 6
MARGEN_ETIQUETAS = 220
ALTO_VERTICAL = 220


def _numero(valor) -> str:
    return f"{valor:g}" if isinstance(valor, float) else str(valor)


def _recortar(texto: str, maximo: int = 34) -> str:
    return texto if len(texto) <= maximo else texto[: maximo - 1] + "…"


def barras_horizontales(titulo: str, filas: list[tuple[str, int]]) -> str:
    """One horizontal bar per (etiqueta, cantidad)."""
    if not filas:
        return ""
    maximo = max(cantidad for _e, cantidad in filas) or 1
    util = ANCHO - MARGEN_ETIQUETAS - 60
    alto = len(filas) * (ALTO_BARRA + SEPARACION) + SEPARACION
    barras = []
    for i, (etiqueta, cantidad) in enumerate(filas):
        y = SEPARACION + i * (ALTO_BARRA + SEPARACION)
        largo = max(round(util * cantidad / maximo), 1 if cantidad else 0)
        barras.append(
            format_html(
                '<g class="grafico-fila">'
                '<text class="grafico-etiqueta" x="{}" y="{}" text-anchor="end">{}</text>'
                '<rect class="grafico-barra" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}: {}</title></rect>"
                '<text class="grafico-valor" x="{}" y="{}">{}</text></g>',
                MARGEN_ETIQUETAS - 8,
                y + ALTO_BARRA - 6,
                _recortar(etiqueta),
                MARGEN_ETIQUETAS,
                y,
                largo,
                ALTO_BARRA,
                etiqueta,
                _numero(cantidad),
                MARGEN_ETIQUETAS + largo + 6,
                y + ALTO_BARRA - 6,
                _numero(cantidad),
            )
        )
    return _svg(titulo, ANCHO, alto, mark_safe("".join(barras)))  # noqa: S308 (escaped above)


def barras_verticales(titulo: str, puntos: list[tuple[str, str, int, str | None]]) -> str:
    """One vertical bar per (etiqueta corta, etiqueta larga, cantidad, enlace opcional)."""
    if not puntos:
        return ""
    maximo = max(p[2] for p in puntos) or 1
    base = ALTO_VERTICAL - 24
    paso = (ANCHO - 20) / len(puntos)
    ancho_barra = max(paso * 0.7, 2)
    barras = []
    for i, (corta, larga, cantidad, enlace) in enumerate(puntos):
        x = 10 + i * paso
        alto = round((base - 16) * cantidad / maximo)
        barra = format_html(
            '<rect class="grafico-barra" x="{}" y="{}" width="{}" height="{}">'
            "<title>{}: {}</title></rect>"
            '<text class="grafico-eje" x="{}" y="{}" text-anchor="middle">{}</text>',
            f"{x:.1f}",
            base - alto,
            f"{ancho_barra:.1f}",
            alto,
            larga,
            cantidad,
            f"{x + ancho_barra / 2:.1f}",
            ALTO_VERTICAL - 8,
            corta,
        )
        if enlace:
            barra = format_html(
                '<a href="{}" aria-label="{}: {}">{}</a>', enlace, larga, cantidad, barra
            )
        barras.append(barra)
    eje = format_html(
        '<line class="grafico-linea" x1="10" y1="{}" x2="{}" y2="{}"></line>',
        base,
        ANCHO - 10,
        base,
    )
    return _svg(
        titulo, ANCHO, ALTO_VERTICAL, eje + format_html_join("", "{}", ((b,) for b in barras))
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


__all__ = ["barras_horizontales", "barras_verticales", "escape"]
