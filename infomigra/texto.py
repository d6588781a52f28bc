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
    limpio = enlazar_telefonos(limpio)
    indice = [
        {"id": t["id"], "titulo": t["name"]} for t in _aplanar(md.toc_tokens) if t["level"] <= 2
    ]
    return limpio, indice


def enlazar_telefonos(html: str) -> str:
    """Make phone numbers tappable wherever the text names them outside a link: the free
    anti-trafficking line (setting SERVICIO_LINEA_TRATA, "Línea 1818" → "Línea <a
    href="tel:1818">1818</a>") and Peru's free 0800 lines ("0800-15170" → tel:080015170)."""
    from django.conf import settings

    numeros = [r"0800[- ]?\d{5}"]
    linea = settings.SERVICIO_LINEA_TRATA
    if linea and linea.isdigit():
        numeros.append(re.escape(linea))
    numero = re.compile(rf"(?<![\d/.:-])(?:{'|'.join(numeros)})(?![\d/-]|\.\d)")
    partes = re.split(r"(<[^>]+>)", html)
    dentro_de_enlace = 0
    for i, parte in enumerate(partes):
        if parte.startswith("<"):
            if re.match(r"<a\b", parte):
                dentro_de_enlace += 1
            elif parte.startswith("</a"):
                dentro_de_enlace = max(0, dentro_de_enlace - 1)
        elif not dentro_de_enlace:
            partes[i] = numero.sub(_enlace_tel, parte)
    return "".join(partes)


def _enlace_tel(coincidencia: re.Match) -> str:
    visible = coincidencia.group()
    return f'<a href="tel:{re.sub(r"[^0-9]", "", visible)}">{visible}</a>'


def _aplanar(tokens):
    for token in tokens:
        yield token
        yield from _aplanar(token.get("children", []))


def _slug(valor: str, separador: str) -> str:
    return re.sub(r"[^a-z0-9]+", separador, plegar(valor)).strip(separador)


_LATINAS = str.maketrans("áàäâãéèëêíìïîóòöôõúùüûñçý", "aaaaaeeeeiiiiooooouuuuncy")


def sin_acentos(texto: str) -> str:
    """Casefolded text without diacritics ("Ñandú" -> "nandu"). Spanish letters go through a
    translation table (fast, it runs on every indexed text); anything else left over, through
    Unicode decomposition."""
    texto = (texto or "").casefold().translate(_LATINAS)
    if texto.isascii():
        return texto
    descompuesto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


def plegar(texto: str) -> str:
    """Unaccented, casefolded text with single spaces (SQLite folds ASCII only)."""
    return " ".join(sin_acentos(texto).split())
