"""Text helpers for portal content: Markdown to sanitised HTML, search folding, source lists."""

import re
import unicodedata

import markdown
import nh3

ETIQUETAS_PERMITIDAS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "caption",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ATRIBUTOS_PERMITIDOS = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "th": {"scope"},
}


def markdown_a_html(texto: str) -> tuple[str, list[dict]]:
    """Render Markdown to sanitised HTML; also return the level-2 headings (id, title).

    Headings in the body start at level 2 (the page's h1 is the title), so a ``#`` heading
    is demoted to ``h2``.
    """
    md = markdown.Markdown(
        extensions=["extra", "sane_lists", "toc"],
        extension_configs={"toc": {"permalink": False, "slugify": _slug}},
        output_format="html",
    )
    html = re.sub(r"<(/?)h1\b", r"<\1h2", md.convert(texto or ""))
    limpio = nh3.clean(
        html,
        tags=ETIQUETAS_PERMITIDAS,
        attributes=ATRIBUTOS_PERMITIDOS,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    limpio = enlazar_linea_gratuita(limpio)
    indice = [
        {"id": token["id"], "titulo": token["name"]}
        for token in _aplanar(md.toc_tokens)
        if token["level"] <= 2
    ]
    return limpio, indice


def enlazar_linea_gratuita(html: str) -> str:
    """Make the free anti-trafficking line (setting SERVICIO_LINEA_TRATA) tappable wherever
    the text names it outside a link: "Línea 1818" → "Línea <a href="tel:1818">1818</a>"."""
    from django.conf import settings

    linea = settings.SERVICIO_LINEA_TRATA
    if not linea or not linea.isdigit():
        return html
    numero = re.compile(rf"(?<![\d/.:-]){re.escape(linea)}(?![\d/.-])")
    partes = re.split(r"(<[^>]+>)", html)
    dentro_de_enlace = 0
    for i, parte in enumerate(partes):
        if parte.startswith("<"):
            if re.match(r"<a\b", parte):
                dentro_de_enlace += 1
            elif parte.startswith("</a"):
                dentro_de_enlace = max(0, dentro_de_enlace - 1)
        elif not dentro_de_enlace:
            partes[i] = numero.sub(f'<a href="tel:{linea}">{linea}</a>', parte)
    return "".join(partes)


def _aplanar(tokens):
    for token in tokens:
        yield token
        yield from _aplanar(token.get("children", []))


def _slug(valor: str, separador: str) -> str:
    return re.sub(r"[^a-z0-9]+", separador, normalizar(valor)).strip(separador)


def normalizar(texto: str) -> str:
    """Unaccented, casefolded text for search on any database (SQLite folds ASCII only)."""
    descompuesto = unicodedata.normalize("NFKD", texto or "")
    sin_tildes = "".join(c for c in descompuesto if not unicodedata.combining(c))
    return " ".join(sin_tildes.casefold().split())


_URL = re.compile(r"\(?(https?://[^\s)]+)\)?")


def partir_fuentes(fuente: str) -> list[dict]:
    """Split ``a (https://x) | b`` into ``[{"texto": "a", "url": "https://x"}, {"texto": "b"}]``."""
    fuentes = []
    for parte in (fuente or "").split(" | "):
        parte = parte.strip()
        if not parte:
            continue
        coincidencia = _URL.search(parte)
        url = coincidencia.group(1) if coincidencia else ""
        texto = _URL.sub("", parte).strip(" ,;") if url else parte
        fuentes.append({"texto": texto or url, "url": url})
    return fuentes
