"""Text helpers: HTML → plain text for e-mail answers (Markdown → HTML: ``infomigra.texto``;
search text: ``faq.motor.texto``)."""

import html
import re

_ENLACE = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)
_FIN_BLOQUE = re.compile(r"</(p|li|h3|h4|tr|blockquote|pre)>|<br\s*/?>|<hr\s*/?>", re.I)
_INICIO_ITEM = re.compile(r"<li>", re.I)
_ETIQUETA = re.compile(r"<[^>]+>")
_ENTRE_ITEMS = re.compile(r"(?m)^(- .*)\n\n(?=- )")


def html_a_texto(contenido_html: str) -> str:
    """Plain text of sanitised HTML for e-mail answers: links keep their address, lists dashes."""

    def enlace(m):
        destino, texto = html.unescape(m.group(1)), m.group(2)
        visible = html.unescape(_ETIQUETA.sub("", texto)).strip()
        if not visible or visible == destino or destino.removeprefix("mailto:") == visible:
            return visible or destino
        return f"{visible} ({destino})"

    texto = _ENLACE.sub(enlace, contenido_html or "")
    texto = _INICIO_ITEM.sub("- ", texto)
    texto = _FIN_BLOQUE.sub("\n", texto)
    texto = html.unescape(_ETIQUETA.sub("", texto))
    lineas = [linea.strip() for linea in texto.splitlines()]
    texto = re.sub(r"\n{3,}", "\n\n", "\n".join(lineas))
    # Keep list items together: "- a\n\n- b" → "- a\n- b".
    while _ENTRE_ITEMS.search(texto):
        texto = _ENTRE_ITEMS.sub("\\1\n", texto)
    return texto.strip()
