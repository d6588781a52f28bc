"""Text shared by every app: Markdown → sanitised HTML, and accent- and case-blind folding.

Content is rendered once, on save (``cuerpo_html``, ``respuesta_html``), never per request.
"""

import re
import unicodedata

import markdown
import nh3

ETIQUETAS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ATRIBUTOS = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "th": {"scope"},
}
# A bare address (not already a Markdown link target or <autolink>) becomes an <autolink>.
_URL_SUELTA = re.compile(r"(?<!\]\()(?<![<\w/])(https?://[^\s()<>\]]+[^\s()<>\].,;:!?»\"'])")
_TITULO = re.compile(r"<(/?)h([1-6])\b")


def markdown_a_html(texto: str, nivel: int = 2) -> tuple[str, list[dict]]:
    """Render Markdown to sanitised HTML (no raw HTML, script, style or event handler survives).

    ``nivel`` is the highest heading level the text may use: the page already has its h1 (and
    its h2 for an FAQ answer), so higher headings are lowered to ``h{nivel}``. Also returns the
    ``#`` and ``##`` headings (id, title) for a table of contents.
    """
    md = markdown.Markdown(
        extensions=["extra", "sane_lists", "toc"],
        extension_configs={"toc": {"permalink": False, "slugify": _slug}},
        output_format="html",
    )
    crudo = md.convert(_URL_SUELTA.sub(r"<\1>", texto or ""))
    corrido = _TITULO.sub(lambda m: f"<{m[1]}h{max(int(m[2]), nivel)}", crudo)
    limpio = nh3.clean(
        corrido,
        tags=ETIQUETAS,
        attributes=ATRIBUTOS,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    indice = [
        {"id": t["id"], "titulo": t["name"]} for t in _aplanar(md.toc_tokens) if t["level"] <= 2
    ]
    return limpio, indice


def _aplanar(tokens):
    for token in tokens:
        yield token
        yield from _aplanar(token.get("children", []))


def _slug(valor: str, separador: str) -> str:
    return re.sub(r"[^a-z0-9]+", separador, plegar(valor)).strip(separador)


def plegar(texto: str) -> str:
    """Unaccented, casefolded text with single spaces (SQLite folds ASCII only)."""
    descompuesto = unicodedata.normalize("NFKD", (texto or "").casefold())
    sin_tildes = "".join(c for c in descompuesto if not unicodedata.combining(c))
    return " ".join(sin_tildes.split())
