"""Query analysis: the words people type become groups of alternatives the databases match.

"mandar plata a mi mama" → [mandar | enviar | remesa] [plata | dinero] [mama | madre | familia]:
an entry covers a group when it contains any alternative (every word of it). Synonyms come from
the ``Sinonimo`` table on every query (an edit applies to the next search), matched on stems so
plurals and gender meet; a word found nowhere in the indexed text gets its nearest vocabulary
word as an extra alternative (``pg_trgm`` on PostgreSQL, ``rapidfuzz`` on SQLite), which also
gives the «¿Quiso decir…?» text. The countries and profile a query names boost their pages.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection
from django.db.models import Count, Max, Q
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django_countries import countries
from rapidfuzz import fuzz, process

from faq.models import Sinonimo, Termino, es_postgresql
from faq.motor.texto import RELLENO, es_vacia, palabras, raiz

MAX_PALABRAS = 40
MAX_GRUPOS = 16
LARGO_MAX_EXPRESION = 4
SIMILITUD_TRIGRAMAS = 0.35
SIMILITUD_RAPIDFUZZ = 75
VECINOS = 20
# Stems that say which profile a question comes from (used to boost guides and pick fallbacks).
PERFIL_POR_RAIZ = {
    "retorn": "retornado", "regres": "retornado", "volv": "retornado", "retornant": "retornado",
    "emigr": "potencial", "irme": "potencial", "migr": "potencial", "viaj": "potencial",
    "remes": "emigrante", "consul": "emigrante", "residi": "emigrante",
    "refugi": "extranjero", "extranjeri": "extranjero", "ptp": "extranjero", "cpp": "extranjero",
    "andin": "andino", "mercosur": "extranjero",
}  # fmt: skip
PAISES_ANDINOS = {"BO", "CO", "EC"}


def clave(texto: str) -> tuple[str, ...]:
    """Stems of every word (stop words included, so "fuera del pais" keeps its shape)."""
    return tuple(raiz(p) for p in palabras(texto))


def significativas(expresion: tuple[str, ...]) -> tuple[str, ...]:
    """The words of an expression a database can match (stop words dropped)."""
    return tuple(p for p in expresion if not es_vacia(p))


@dataclass
class Grupo:
    """One thing the query asks about and the ways to say it (tuples of unaccented words)."""

    original: tuple[str, ...]
    alternativas: list[tuple[str, ...]]
    correccion: str = ""

    def raices(self) -> list[tuple[str, ...]]:
        return [tuple(raiz(p) for p in alt) for alt in self.alternativas]


@dataclass
class Analisis:
    texto: str
    grupos: list[Grupo] = field(default_factory=list)
    paises: set[str] = field(default_factory=set)
    perfil: str | None = None

    @property
    def correccion(self) -> str:
        """The query with each unknown word replaced by its nearest known word, if any."""
        if not any(g.correccion for g in self.grupos):
            return ""
        return " ".join(g.correccion or " ".join(g.original) for g in self.grupos)

    def todas_las_raices(self) -> set[str]:
        return {r for g in self.grupos for alt in g.raices() for r in alt}


_CACHE_SINONIMOS: dict = {}


def _olvidar_sinonimos(**kwargs):
    _CACHE_SINONIMOS.clear()


post_save.connect(_olvidar_sinonimos, sender=Sinonimo, dispatch_uid="faq-sinonimos-guardado")
post_delete.connect(_olvidar_sinonimos, sender=Sinonimo, dispatch_uid="faq-sinonimos-borrado")


def _indice_sinonimos() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Stem key → equivalent expressions, rebuilt when the table's fingerprint changes.

    The fingerprint (one ``COUNT``/``MAX`` over a few hundred rows) is read on every query, so
    an edit made by any process applies to the next search everywhere. A time window here
    would let another process redraw a cached page, after the page cache's generation moved,
    with the synonyms of before, and keep that stale page until the next edit."""
    huella = tuple(Sinonimo.objects.aggregate(n=Count("id"), ultimo=Max("actualizado")).values())
    if _CACHE_SINONIMOS.get("huella") != huella:
        _CACHE_SINONIMOS.update(huella=huella, indice=_construir_indice())
    return _CACHE_SINONIMOS["indice"]


def _construir_indice() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    indice: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    filas = Sinonimo.objects.filter(activo=True).values_list(
        "termino", "equivalentes", "en_ambos_sentidos"
    )
    for termino, equivalentes, ambos in filas:
        expresiones = [tuple(palabras(e)) for e in [termino, *equivalentes.split(",")]]
        expresiones = [e for e in expresiones if significativas(e)]
        if not expresiones:
            continue
        origenes = expresiones if ambos else expresiones[:1]
        for origen in origenes:
            lista = indice.setdefault(tuple(raiz(p) for p in origen), [])
            lista.extend(e for e in expresiones if e != origen and e not in lista)
    return indice


@lru_cache(maxsize=4)
def _paises_por_clave(idioma: str) -> dict[tuple[str, ...], str]:
    with translation.override(idioma):
        nombres = {clave(nombre): codigo for codigo, nombre in countries}
    nombres.pop((), None)
    return nombres


def _candidatas(palabra: str) -> list[str]:
    """Vocabulary words that might be ``palabra`` misspelt: trigram neighbours on PostgreSQL
    (GIN index), words with the same first letter on SQLite."""
    if es_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT palabra FROM faq_termino WHERE palabra %% %s AND palabra LIKE %s "
                "AND similarity(palabra, %s) >= %s "
                "ORDER BY similarity(palabra, %s) DESC, palabra LIMIT %s",
                [palabra, palabra[0] + "%", palabra, SIMILITUD_TRIGRAMAS, palabra, VECINOS],
            )
            return [fila[0] for fila in cursor.fetchall()]
    return list(
        Termino.objects.filter(palabra__startswith=palabra[0]).values_list("palabra", flat=True)
    )


def _corregir(palabra: str) -> str:
    """The nearest vocabulary word by edit similarity (and similar length), or ''."""
    candidatas = [p for p in _candidatas(palabra) if abs(len(p) - len(palabra)) <= 2]
    mejor = process.extractOne(
        palabra, candidatas, scorer=fuzz.ratio, score_cutoff=SIMILITUD_RAPIDFUZZ
    )
    return mejor[0] if mejor else ""


def _desconocidas(candidatas: list[str]) -> set[str]:
    if not candidatas:
        return set()
    raices = {raiz(p) for p in candidatas}
    conocidas = Termino.objects.filter(Q(palabra__in=candidatas) | Q(raiz__in=raices))
    vistas = set()
    for palabra, r in conocidas.values_list("palabra", "raiz"):
        vistas.update((palabra, r))
    return {p for p in candidatas if p not in vistas and raiz(p) not in vistas}


def _agrupar(lista, indice) -> list[Grupo]:
    grupos, i = [], 0
    claves = [raiz(p) for p in lista]
    while i < len(lista) and len(grupos) < MAX_GRUPOS:
        for largo in range(min(LARGO_MAX_EXPRESION, len(lista) - i), 0, -1):
            equivalentes = indice.get(tuple(claves[i : i + largo]))
            if equivalentes is not None:
                original = tuple(lista[i : i + largo])
                alternativas = [significativas(a) for a in [original, *equivalentes]]
                grupos.append(Grupo(original, list(dict.fromkeys(a for a in alternativas if a))))
                i += largo
                break
        else:
            palabra = lista[i]
            if not es_vacia(palabra) and palabra not in RELLENO:
                grupos.append(Grupo((palabra,), [(palabra,)]))
            i += 1
    return grupos


def _aplicar_correcciones(grupos, indice) -> None:
    sueltas = [
        g.original[0]
        for g in grupos
        if len(g.alternativas) == 1 and len(g.original) == 1 and len(g.original[0]) > 3
    ]
    sueltas = [p for p in sueltas if not p.isdigit()]
    for palabra in _desconocidas(sueltas):
        corregida = _corregir(palabra)
        if not corregida or corregida == palabra:
            continue
        for grupo in grupos:
            if grupo.original == (palabra,):
                grupo.correccion = corregida
                nuevas = [(corregida,), *indice.get((raiz(corregida),), [])]
                nuevas = [significativas(a) for a in nuevas]
                todas = [*grupo.alternativas, *filter(None, nuevas)]
                grupo.alternativas = list(dict.fromkeys(todas))


def _detectar(analisis, idioma) -> None:
    paises = _paises_por_clave(idioma)
    for grupo in analisis.grupos:
        for alternativa in grupo.alternativas:
            codigo = paises.get(tuple(raiz(p) for p in alternativa))
            if codigo and codigo != "PE":
                analisis.paises.add(codigo)
                if alternativa != grupo.original and not analisis.perfil:
                    # A demonym ("venezolano" → Venezuela): someone from there, in Peru.
                    analisis.perfil = "andino" if codigo in PAISES_ANDINOS else "extranjero"
        for r in (raiz(p) for p in grupo.original):
            analisis.perfil = analisis.perfil or PERFIL_POR_RAIZ.get(r)


def analizar(texto: str, idioma: str = "es", corregir: bool = True) -> Analisis:
    """Parse a query (or a consultation's text) into groups of alternatives."""
    lista = palabras(texto)[:MAX_PALABRAS]
    analisis = Analisis(texto=" ".join(lista))
    if not lista:
        return analisis
    indice = _indice_sinonimos()
    analisis.grupos = _agrupar(lista, indice)
    if corregir:
        _aplicar_correcciones(analisis.grupos, indice)
    _detectar(analisis, idioma)
    return analisis
