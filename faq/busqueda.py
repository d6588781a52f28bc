"""FAQ search: one entry point, PostgreSQL full-text search or a normalised SQLite fallback.

PostgreSQL: the weighted ``vector_busqueda`` (question A, answer B; ``es_unaccent`` =
spanish stemming + unaccent, GIN-indexed) matched with ``websearch_to_tsquery`` and ordered by
``ts_rank``. SQLite: the normalised columns filled on save (see ``faq.texto``), every term must
appear, a term in the question scores 3 and in the answer 1.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, F, Q, Value, When

from faq.models import Pregunta, configuracion_de, es_postgresql
from faq.texto import sin_acentos, terminos

PESOS = [0.1, 0.2, 0.4, 1.0]  # D, C, B (answer), A (question)
PESO_PREGUNTA, PESO_RESPUESTA = 3.0, 1.0
MAX_TERMINOS_SUGERENCIA = 30
_PALABRA = re.compile(r"[a-z0-9]+")


def _base(idioma, perfil, tema):
    return Pregunta.objects.publicadas().de_idioma(idioma).para_perfil(perfil).de_tema(tema)


def _puntaje_sqlite(lista):
    puntaje = Value(0.0)
    for termino in lista:
        patron = f" {termino} "
        puntaje = puntaje + Case(
            When(busqueda_pregunta__contains=patron, then=Value(PESO_PREGUNTA)),
            default=Value(0.0),
        )
        puntaje = puntaje + Case(
            When(busqueda_respuesta__contains=patron, then=Value(PESO_RESPUESTA)),
            default=Value(0.0),
        )
    return puntaje


def _coincide_sqlite(termino):
    patron = f" {termino} "
    return Q(busqueda_pregunta__contains=patron) | Q(busqueda_respuesta__contains=patron)


def _ordenar(qs):
    return qs.order_by("-relevancia", "orden", "pk")


def buscar(q, idioma="es", perfil=None, tema=None):
    """Published entries matching every word of ``q`` (accents, case and plurals ignored),
    best first, each annotated with ``relevancia``. Without ``q``, the browse order."""
    qs = _base(idioma, perfil, tema).select_related("tema").prefetch_related("perfiles")
    q = (q or "").strip()
    if not q:
        return qs.order_by("tema__orden", "orden", "pregunta")
    if es_postgresql():
        consulta = SearchQuery(q, config=configuracion_de(idioma), search_type="websearch")
        rango = SearchRank(F("vector_busqueda"), consulta, weights=PESOS)
        return _ordenar(qs.filter(vector_busqueda=consulta).annotate(relevancia=rango))
    lista = terminos(q)
    if not lista:
        return qs.none()
    for termino in lista:
        qs = qs.filter(_coincide_sqlite(termino))
    return _ordenar(qs.annotate(relevancia=_puntaje_sqlite(lista)))


def sugerencias(texto, limite=5, idioma="es"):
    """The published entries that best match a consultation's text (any word may match)."""
    if es_postgresql():
        palabras = list(dict.fromkeys(_PALABRA.findall(sin_acentos(texto or ""))))
        palabras = palabras[: MAX_TERMINOS_SUGERENCIA * 2]
        if not palabras:
            return []
        consulta = SearchQuery(
            " | ".join(palabras), config=configuracion_de(idioma), search_type="raw"
        )
        rango = SearchRank(F("vector_busqueda"), consulta, weights=PESOS)
        qs = _base(idioma, None, None).filter(vector_busqueda=consulta).annotate(relevancia=rango)
        return list(_ordenar(qs).select_related("tema")[:limite])
    lista = terminos(texto)[:MAX_TERMINOS_SUGERENCIA]
    if not lista:
        return []
    cualquiera = Q()
    for termino in lista:
        cualquiera |= _coincide_sqlite(termino)
    qs = _base(idioma, None, None).filter(cualquiera)
    qs = qs.annotate(relevancia=_puntaje_sqlite(lista))
    return list(_ordenar(qs).select_related("tema")[:limite])
