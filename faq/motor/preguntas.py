"""FAQ search: every group of the analysed query is matched, entries ranked by coverage.

Ranking, the same on both databases: entries covering more groups first (all words first, then
the best partial coverage), then those with more groups in the question than in the answer only,
then the editors' order. PostgreSQL matches the weighted ``vector_busqueda`` (``es_unaccent``:
unaccent + Spanish stems, GIN-indexed) with a raw ``tsquery`` built from the groups and counts
title matches on ``vector_pregunta`` (the question's lexemes alone, GIN-indexed); SQLite uses the
FTS5 index over the stemmed columns filled on save (``faq.motor.texto``,
``faq.motor.indice_sqlite``), the question column for title matches.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, F, IntegerField, Value
from django.db.models.expressions import RawSQL

from faq.models import Pregunta, configuracion_de, es_postgresql
from faq.motor.analisis import Analisis, analizar
from faq.motor.escalonado import Escalonado, FilasGuardadas, Ordenadas, leer
from faq.motor.texto import raiz

MAX_GRUPOS_SUGERENCIA = 24


def _base(idioma, perfil=None, tema=None):
    return Pregunta.objects.publicadas().de_idioma(idioma).para_perfil(perfil).de_tema(tema)


def _tsquery(alternativas):
    partes = []
    for alternativa in alternativas:
        terminos = list(alternativa)
        partes.append(terminos[0] if len(terminos) == 1 else f"({' & '.join(terminos)})")
    return " | ".join(partes)


# The ranking is plain SQL with bound parameters: a dozen ORM expressions per group cost more
# to build and compile than the query takes to run. Every value from the query is a parameter.
_PG_COINCIDE = '"faq_pregunta"."vector_busqueda" @@ to_tsquery(%s::regconfig, %s)'
# ts_rank over every match's whole vector was most of a search's time in the database (9-12 ms
# for a word found in thousands of entries); the question's own vector is a few lexemes.
_PG_TITULO = '"faq_pregunta"."vector_pregunta" @@ to_tsquery(%s::regconfig, %s)'
# The unary plus keeps SQLite from fetching each matched row by key (reading past its long text
# to the filtered columns): it scans the covering index faq_publicada_orden_idx instead, twice as
# fast for the frequent words of a 5,000-entry bank.
_SQLITE_COINCIDE = (
    '+"faq_pregunta"."id" IN (SELECT rowid FROM faq_pregunta_fts WHERE faq_pregunta_fts MATCH %s)'
)


def _sql(sql, parametros, campo):
    return RawSQL(sql, parametros, output_field=campo)  # noqa: S611 (constant SQL, bound values)


def _cuenta(condicion, lista_parametros):
    """SQL summing 1 per condition that holds, and its parameters."""
    partes = [f"(CASE WHEN {condicion} THEN 1 ELSE 0 END)"] * len(lista_parametros)
    return " + ".join(partes), [p for parametros in lista_parametros for p in parametros]


def _entero(n):
    return Value(n, output_field=IntegerField())


def _anotar(qs, condicion, todo, por_grupo, en_titulo, todos):
    cobertura, p_cobertura = _cuenta(condicion, por_grupo)
    # Every group required, or a single one: each row the filter keeps covers them all.
    fija = todos or len(por_grupo) == 1
    return qs.filter(_sql(condicion, todo, BooleanField())).annotate(
        cobertura=_entero(len(por_grupo)) if fija else _sql(cobertura, p_cobertura, IntegerField()),
        en_titulo=en_titulo,
    )


def _titulares(qs, condicion, todo, n):
    """Entries with every group in the question: the head of the ranking, in the editors' order."""
    return qs.filter(_sql(condicion, todo, BooleanField())).annotate(
        cobertura=_entero(n), en_titulo=_entero(n)
    )


def _grupos_pg(analisis, idioma):
    config = configuracion_de(idioma)
    return config, [[config, _tsquery(g.alternativas)] for g in analisis.grupos]


def _postgresql(qs, analisis, idioma, todos=False):
    config, por_grupo = _grupos_pg(analisis, idioma)
    todo = [config, (" & " if todos else " | ").join(f"({t})" for _, t in por_grupo)]
    en_titulo = _sql(*_cuenta(_PG_TITULO, por_grupo), IntegerField())
    return _anotar(qs, _PG_COINCIDE, todo, por_grupo, en_titulo, todos)


def _postgresql_titulares(qs, analisis, idioma):
    config, por_grupo = _grupos_pg(analisis, idioma)
    todo = [config, " & ".join(f"({t})" for _, t in por_grupo)]
    return _titulares(qs, _PG_TITULO, todo, len(por_grupo))


def _fts(alternativas, columna=""):
    """An FTS5 expression: any alternative, each with all its stems (quoted: [a-z0-9] only)."""
    partes = []
    for alternativa in alternativas:
        terminos = " AND ".join(f'"{raiz(p)}"' for p in alternativa)
        partes.append(f"({terminos})")
    expresion = " OR ".join(partes)
    return f"{columna} : ({expresion})" if columna else expresion


def _sqlite(qs, analisis, todos=False):
    por_grupo = [[_fts(g.alternativas)] for g in analisis.grupos]
    titulo = [[_fts(g.alternativas, "busqueda_pregunta")] for g in analisis.grupos]
    todo = [(" AND " if todos else " OR ").join(f"({e})" for (e,) in por_grupo)]
    en_titulo = _sql(*_cuenta(_SQLITE_COINCIDE, titulo), IntegerField())
    return _anotar(qs, _SQLITE_COINCIDE, todo, por_grupo, en_titulo, todos)


def _sqlite_titulares(qs, analisis):
    todo = [" AND ".join(f"({_fts(g.alternativas, 'busqueda_pregunta')})" for g in analisis.grupos)]
    return _titulares(qs, _SQLITE_COINCIDE, todo, len(analisis.grupos))


ORDEN = ("-cobertura", "-en_titulo", "orden", "pk")


def coincidentes(qs, analisis: Analisis, idioma="es", todos=False):
    """``qs`` filtered to entries covering at least one group (with ``todos``, every group),
    annotated and ranked."""
    if not analisis.grupos:  # nothing to match ("¿?", invisible characters): no entry, same shape
        return qs.none().annotate(cobertura=_entero(0), en_titulo=_entero(0))
    qs = (
        _postgresql(qs, analisis, idioma, todos)
        if es_postgresql()
        else _sqlite(qs, analisis, todos)
    )
    return qs.order_by(*ORDEN)


def titulares(qs, analisis: Analisis, idioma="es"):
    """The head of ``coincidentes``: entries with every group in the question (so they cover
    every group and have them all in the title), in the editors' order. A few index lookups
    instead of scoring every entry that mentions the words somewhere."""
    qs = (
        _postgresql_titulares(qs, analisis, idioma)
        if es_postgresql()
        else _sqlite_titulares(qs, analisis)
    )
    return qs.order_by(*ORDEN)


# Columns a result never shows: the Markdown source and the search columns (the tsvector alone
# is a few kilobytes per row).
SIN_MOSTRAR = (
    "respuesta",
    "busqueda_pregunta",
    "busqueda_respuesta",
    "vector_busqueda",
    "vector_pregunta",
)


def filas_mostradas(qs):
    """``qs`` loading what a result shows: its topic and profiles, not the search columns."""
    return qs.select_related("tema").prefetch_related("perfiles").defer(*SIN_MOSTRAR)


def escalonado(qs, analisis: Analisis, idioma="es", filas=None):
    """Ranked ``qs`` for ``analisis``; the rows of a slice are read from ``filas`` (by default
    ``qs`` with what a result shows)."""
    filas = filas_mostradas(qs) if filas is None else filas
    todas = coincidentes(qs, analisis, idioma)
    cabeza = titulares(qs, analisis, idioma) if analisis.grupos else None
    if len(analisis.grupos) < 2:
        return Escalonado(todas, todas, filas, titulares=cabeza)
    completas = coincidentes(qs, analisis, idioma, todos=True)
    return Escalonado(completas, todas, filas, titulares=cabeza)


@dataclass
class Busqueda:
    analisis: Analisis
    preguntas: object  # ranked (Escalonado) with a query, in browse order (Ordenadas) without


def buscar_preguntas(
    q, idioma="es", perfil=None, tema=None, corregir=True, generacion=None
) -> Busqueda:
    """With ``generacion`` (the content generation of a public page), the rows shown are
    kept per process for that generation (``FilasGuardadas``)."""
    qs = _base(idioma, perfil, tema)
    analisis = analizar(q or "", idioma, corregir=corregir)
    filas = filas_mostradas(qs)
    if generacion is not None:
        filas = FilasGuardadas(filas, generacion)
    if not (q or "").strip():
        orden = qs.order_by("tema__orden", "orden", "pregunta")
        return Busqueda(analisis, Ordenadas(orden, filas))
    return Busqueda(analisis, escalonado(qs, analisis, idioma, filas))


def buscar(q, idioma="es", perfil=None, tema=None):
    """Published entries for ``q``, best first (annotated ``cobertura``); without ``q``, the
    browse order."""
    return buscar_preguntas(q, idioma, perfil, tema).preguntas


def sugerencias(texto, limite=5, idioma="es"):
    """The published entries that best answer a consultation's text (for the inbox)."""
    analisis = analizar(texto or "", idioma, corregir=False)
    analisis.grupos = analisis.grupos[:MAX_GRUPOS_SUGERENCIA]
    return list(coincidentes(_base(idioma), analisis, idioma).select_related("tema")[:limite])


def mas_consultadas(idioma="es", perfil=None, tema=None, limite=5):
    """The entries people use most (advisors' uses and «útil» votes), for a query's profile."""
    qs = _base(idioma, perfil, tema)
    if perfil and not qs.exists():
        qs = _base(idioma, None, tema)
    puntaje = F("usos") + F("votos_utiles")
    orden = qs.annotate(popularidad=puntaje).order_by("-popularidad", "tema__orden", "orden", "pk")
    return leer(orden, Pregunta.objects.select_related("tema").defer(*SIN_MOSTRAR), 0, limite)


def raices_resaltables(analisis: Analisis) -> set[str]:
    """Stems to highlight in snippets: every word of every alternative."""
    return {raiz(p) for g in analisis.grupos for alt in g.alternativas for p in alt}
