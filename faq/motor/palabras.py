"""Word-based, accent- and case-blind filters for the back office's free-text search.

Every word of the query must appear (anywhere, in any of the fields); "envios espana" finds
"Se explicó envíos desde España". Each letter becomes a class of its accented forms, so the
match is a regular expression: on PostgreSQL it runs on ``UPPER(field)``, which the trigram GIN
indexes cover (``pg_trgm`` answers regular expressions from the index); on SQLite Django's
``REGEXP`` (Python ``re``, case-insensitive).
"""

from django.db.models import Q
from django.db.models.functions import Upper

from faq.models import es_postgresql
from faq.motor.texto import palabras, patron_sin_acentos

MAX_PALABRAS = 8


def filtrar_palabras(qs, texto: str, campos):
    """``qs`` narrowed to rows where every word of ``texto`` appears in one of ``campos``."""
    lista = list(dict.fromkeys(palabras(texto)))[:MAX_PALABRAS]
    if not lista:
        return qs
    postgresql = es_postgresql()
    if postgresql:
        qs = qs.alias(**{f"_mayus_{c}": Upper(c) for c in campos})
    for palabra in lista:
        patron = patron_sin_acentos(palabra, mayusculas=postgresql)
        alguna = Q()
        for campo in campos:
            if postgresql:
                alguna |= Q(**{f"_mayus_{campo}__regex": patron})
            else:
                alguna |= Q(**{f"{campo}__iregex": patron})
        qs = qs.filter(alguna)
    return qs
