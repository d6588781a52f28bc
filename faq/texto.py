"""Text helpers: HTML → plain text, and search normalisation.

The normalisation is the SQLite fallback of the PostgreSQL ``es_unaccent`` configuration:
unaccented, casefolded tokens, Spanish stop words dropped and a light plural stemming applied
the same way to the stored text and to the query, so "Trámites" and "tramite" meet.
"""

import html
import re

from infomigra.texto import plegar

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


_VACIAS = """a al algo algun alguna algunas alguno algunos ante antes como con contra cual cuales
    cuando de del desde donde durante e el ella ellas ellos en entre era eres es esa esas ese
    eso esos esta estas este esto estos fue ha hay hasta la las le les lo los mas me mi mis
    mucho muy ni no nos o os otra otro para pero poco por porque que quien se sea ser si sin
    sobre son su sus tambien te tu tus u un una unas uno unos usted ustedes y ya yo"""
PALABRAS_VACIAS = frozenset(_VACIAS.split())

_PALABRA = re.compile(r"[a-z0-9]+")


def sin_acentos(texto: str) -> str:
    return plegar(texto)


def raiz(palabra: str) -> str:
    """Light Spanish plural stemming, applied alike to text and query (consistency matters)."""
    if len(palabra) > 3 and palabra.endswith("s") and palabra[-2] in "aeo":
        palabra = palabra[:-1]  # visas → visa, tramites → tramite, paises → paise
    if len(palabra) > 3 and palabra.endswith("e") and palabra[-2] in "dlnrsjy":
        palabra = palabra[:-1]  # ciudade → ciudad, paise → pais, leye → ley
    elif len(palabra) > 3 and palabra.endswith("ce"):
        palabra = palabra[:-2] + "z"  # luce → luz, vece → vez
    return palabra


def terminos(texto: str) -> list[str]:
    """Search terms of a text, in order, without stop words or repeats."""
    vistos = []
    for palabra in _PALABRA.findall(sin_acentos(texto or "")):
        if palabra in PALABRAS_VACIAS:
            continue
        termino = raiz(palabra)
        if termino not in vistos:
            vistos.append(termino)
    return vistos


def normalizar(texto: str) -> str:
    """Stored search column: terms between spaces so ``" term "`` matches a whole term."""
    lista = terminos(texto)
    return f" {' '.join(lista)} " if lista else ""
