"""Snippets that show why a result matched: a window of the text around the matched words,
HTML-escaped, with those words in ``<mark>``."""

import re

from django.utils.html import escape, format_html

from faq.motor.texto import palabras, patron_sin_acentos, raiz

LARGO = 220
_PALABRA = re.compile(r"\w+", re.UNICODE)


def _coincide(palabra: str, raices: set[str]) -> bool:
    normal = palabras(palabra)
    return bool(normal) and raiz(normal[0]) in raices


def _posiciones(texto: str, raices: set[str]) -> list[int]:
    """Where matched words start. A word starting with a stem (accents and case aside) is a
    candidate, found by one regular expression; only candidates are stemmed to confirm."""
    if not raices:
        return []
    clases = [patron_sin_acentos(r) for r in sorted(raices)]
    patron = re.compile(r"\b(?:" + "|".join(clases) + r")\w*", re.IGNORECASE)
    return [m.start() for m in patron.finditer(texto) if _coincide(m.group(), raices)]


def fragmento(texto: str, raices: set[str], largo: int = LARGO) -> str:
    """Safe HTML: the ``largo``-character window of ``texto`` with most matched words, marked."""
    texto = " ".join((texto or "").split())
    if not texto:
        return ""
    posiciones = _posiciones(texto, raices)
    inicio = 0
    if posiciones:
        mejor = max(posiciones, key=lambda p: sum(p <= q < p + largo for q in posiciones))
        inicio = max(0, mejor - largo // 4)
        inicio = texto.rfind(" ", 0, inicio) + 1 if inicio else 0
    trozo = texto[inicio : inicio + largo]
    if inicio + largo < len(texto):
        trozo = trozo.rsplit(" ", 1)[0] + " …"
    salida, ultimo = escape("… " if inicio else ""), 0
    for token in _PALABRA.finditer(trozo):
        if _coincide(token.group(), raices):
            salida += escape(trozo[ultimo : token.start()])
            salida += format_html("<mark>{}</mark>", token.group())
            ultimo = token.end()
    return salida + escape(trozo[ultimo:])
