"""Invisible characters out of what people type.

A single-line field (a name, a phone, a subject) keeps no control character at all: a line break
in a name would reach an email header or start a new line in a message; right-to-left overrides
and zero-width marks (Unicode "Cf") can disguise a text (``exe.txt`` shown as ``txt.exe``).
Multi-line fields keep line breaks and tabs only.
"""

import unicodedata

from django import forms

PERMITIDOS_MULTILINEA = {"\n", "\t"}


def _visible(caracter: str, multilinea: bool) -> bool:
    if multilinea and caracter in PERMITIDOS_MULTILINEA:
        return True
    return unicodedata.category(caracter) not in {"Cc", "Cf", "Zl", "Zp"}


def limpiar(texto, multilinea: bool = False):
    """``texto`` without control, format (bidi, zero-width) and separator characters; a
    single line also has its runs of spaces collapsed."""
    if not isinstance(texto, str):
        return texto
    if multilinea:
        texto = texto.replace("\r\n", "\n").replace("\r", "\n")
    else:
        texto = "".join(" " if c in "\r\n\t\u2028\u2029" else c for c in texto)
    limpio = "".join(c for c in texto if _visible(c, multilinea))
    return limpio if multilinea else " ".join(limpio.split())


class SinControlesMixin:
    """Form mixin: every text field is cleaned with ``limpiar`` before its validators run
    (a textarea as multi-line, any other widget as a single line)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for campo in self.fields.values():
            if isinstance(campo, forms.CharField):
                multilinea = isinstance(campo.widget, forms.Textarea)
                campo.to_python = _limpiando(campo.to_python, multilinea)


def _limpiando(to_python, multilinea):
    def envuelto(valor):
        return limpiar(to_python(valor), multilinea)

    return envuelto
