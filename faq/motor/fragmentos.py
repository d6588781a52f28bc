"""Snippets that show why a result matched: a window of the text around the matched words,
HTML-escaped, with those words in ``<mark>``."""

import re
from bisect import bisect_left
from functools import lru_cache

from django.utils.html import escape, format_html

from faq.motor.texto import palabras, patron_sin_acentos, raiz

LARGO = 220
_PALABRA = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=50_000)
def _raiz_de(palabra: str) -> str:
    """Stem of a word as written (accents, case): the same words recur in every answer."""
    normal = palabras(palabra)
    return raiz(normal[0]) if normal else ""


def _coincide(palabra: str, raices: frozenset[str]) -> bool:
    return _raiz_de(palabra) in raices


@lru_cache(maxsize=256)
def _patron(raices: frozenset[str]) -> re.Pattern:
    """Words starting with any stem, accents and case aside (compiled once per query)."""
    clases = [patron_sin_acentos(r) for r in sorted(raices)]
    return re.compile(r"\b(?:" + "|".join(clases) + r")\w*", re.IGNORECASE)


def _posiciones(texto: str, raices: frozenset[str]) -> list[int]:
    """Where matched words start. A word starting with a stem (accents and case aside) is a
    candidate, found by one regular expression; only candidates are stemmed to confirm."""
    if not raices:
        return []
    return [m.start() for m in _patron(raices).finditer(texto) if _coincide(m.group(), raices)]


def _mejor_inicio(posiciones: list[int], largo: int) -> int:
    """The matched word whose ``largo``-character window holds the most matches (the first
    such one); ``posiciones`` is ascending, so each count is one binary search."""
    mejor, cuantas = posiciones[0], 0
    for i, p in enumerate(posiciones):
        n = bisect_left(posiciones, p + largo, i) - i
        if n > cuantas:
            mejor, cuantas = p, n
    return mejor


def fragmento(texto: str, raices: set[str], largo: int = LARGO) -> str:
    """Safe HTML: the ``largo``-character window of ``texto`` with most matched words, marked."""
    texto = " ".join((texto or "").split())
    if not texto:
        return ""
    raices = frozenset(raices)
    posiciones = _posiciones(texto, raices)
    inicio = 0
    if posiciones:
        mejor = _mejor_inicio(posiciones, largo)
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
