"""FAQ search: every group of the analysed query is matched, entries ranked by coverage.

Ranking on both databases: entries covering more groups first (all words first, then the best
partial coverage), then more groups in the question itself, then the text rank (PostgreSQL
``ts_rank``) and the editors' order. PostgreSQL matches the weighted ``vector_busqueda``
(``es_unaccent``: unaccent + Spanish stems, GIN-indexed) with a raw ``tsquery`` built from the
groups; SQLite the FTS5 index over the stemmed columns filled on save (``faq.motor.texto``,
``faq.motor.indice_sqlite``).
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, F, Q, Value, When
from django.db.models.expressions import RawSQL

from faq.models import Pregunta, configuracion_de, es_postgresql
from faq.motor.analisis import Analisis, analizar
from faq.motor.texto import raiz

PESOS = [0.1, 0.2, 0.4, 1.0]  # D, C, B (answer), A (question)
MAX_GRUPOS_SUGERENCIA = 24


def _base(idioma, perfil=None, tema=None):
    return Pregunta.objects.publicadas().de_idioma(idioma).para_perfil(perfil).de_tema(tema)


def _tsquery(alternativas, peso=""):
    partes = []
    for alternativa in alternativas:
        terminos = [f"{p}{peso}" for p in alternativa]
        partes.append(terminos[0] if len(terminos) == 1 else f"({' & '.join(terminos)})")
    return " | ".join(partes)


def _suma(condiciones):
    total = Value(0)
    for condicion in condiciones:
        total = total + Case(When(condicion, then=Value(1)), default=Value(0))
    return total


def _postgresql(qs, analisis, idioma):
    config = configuracion_de(idioma)

    def consulta(texto):
        return SearchQuery(texto, config=config, search_type="raw")

    por_grupo = [_tsquery(g.alternativas) for g in analisis.grupos]
    todo = consulta(" | ".join(f"({t})" for t in por_grupo))
    en_titulo = [_tsquery(g.alternativas, ":A") for g in analisis.grupos]
    return qs.filter(vector_busqueda=todo).annotate(
        cobertura=_suma(Q(vector_busqueda=consulta(t)) for t in por_grupo),
        en_titulo=_suma(Q(vector_busqueda=consulta(t)) for t in en_titulo),
        relevancia=SearchRank(F("vector_busqueda"), todo, weights=PESOS),
    )


def _fts(alternativas, columna=""):
    """An FTS5 expression: any alternative, each with all its stems (quoted: [a-z0-9] only)."""
    partes = []
    for alternativa in alternativas:
        terminos = " AND ".join(f'"{raiz(p)}"' for p in alternativa)
        partes.append(f"({terminos})")
    expresion = " OR ".join(partes)
    return f"{columna} : ({expresion})" if columna else expresion


_EN_INDICE = "SELECT rowid FROM faq_pregunta_fts WHERE faq_pregunta_fts MATCH %s"


def _en_indice(expresion):
    # A constant statement; the expression is a bound parameter (quoted [a-z0-9] stems only).
    return Q(id__in=RawSQL(_EN_INDICE, [expresion]))  # noqa: S611


def _sqlite(qs, analisis):
    por_grupo = [_fts(g.alternativas) for g in analisis.grupos]
    en_titulo = [_fts(g.alternativas, "busqueda_pregunta") for g in analisis.grupos]
    todo = " OR ".join(f"({e})" for e in por_grupo)
    return qs.filter(_en_indice(todo)).annotate(
        cobertura=_suma(_en_indice(e) for e in por_grupo),
        en_titulo=_suma(_en_indice(e) for e in en_titulo),
        relevancia=Value(0.0),
    )


def coincidentes(qs, analisis: Analisis, idioma="es"):
    """``qs`` filtered to entries covering at least one group, annotated and ranked."""
    if not analisis.grupos:
        return qs.none()
    qs = _postgresql(qs, analisis, idioma) if es_postgresql() else _sqlite(qs, analisis)
    return qs.order_by("-cobertura", "-en_titulo", "-relevancia", "orden", "pk")


@dataclass
class Busqueda:
    analisis: Analisis
    preguntas: object  # a QuerySet of Pregunta, ranked


def buscar_preguntas(q, idioma="es", perfil=None, tema=None, corregir=True) -> Busqueda:
    qs = _base(idioma, perfil, tema).select_related("tema").prefetch_related("perfiles")
    analisis = analizar(q or "", idioma, corregir=corregir)
    if not (q or "").strip():
        return Busqueda(analisis, qs.order_by("tema__orden", "orden", "pregunta"))
    return Busqueda(analisis, coincidentes(qs, analisis, idioma))


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
    return list(
        qs.annotate(popularidad=puntaje)
        .order_by("-popularidad", "tema__orden", "orden", "pk")
        .select_related("tema")[:limite]
    )


def raices_resaltables(analisis: Analisis) -> set[str]:
    """Stems to highlight in snippets: every word of every alternative."""
    return {raiz(p) for g in analisis.grupos for alt in g.alternativas for p in alt}
