"""Ranked results read in steps: the head of the ranking from the cheapest query that holds it.

The ranking puts entries with every group of the query in their question first, then the other
entries covering every group, then partial coverage. The first are an AND of the groups on the
question's index, in the editors' order: a few index lookups. The second are an AND of the
groups, which the indexes answer directly; the full ranking (an OR of the groups, scored row by
row) is only read when a page reaches past them. "pension chile" on 5,000 entries: the AND has
hundreds of rows, so its first pages never rank the thousands that mention only "pensión"; and
"trámites" fills its first page from entries titled with it without scoring the 1,500 others.

The ranking query selects only the key and the scores: sorting every matching row with its long
answer (SQLite's sorter carries the whole selected record) cost more than the ranking itself.
The rows shown are then read by key, with only the columns the page needs (``filas``).
"""

import copy
from functools import cached_property

from contenidos.cache import almacen

LIMITE_CONTEO = 200
PUNTAJES = ("cobertura", "en_titulo")


def leer(ordenadas, filas, inicio, fin, puntajes=()):
    """Rows ``inicio:fin`` of the ordered queryset ``ordenadas``, loaded from ``filas``: the
    order (and the annotated ``puntajes``) read as keys only, then the rows by key."""
    return cargar(list(ordenadas.values_list("pk", *puntajes)[inicio:fin]), filas, puntajes)


def cargar(claves, filas, puntajes=()):
    """The rows of ``claves`` (tuples of key and ``puntajes``) from ``filas``, in that order."""
    por_clave = filas.in_bulk([clave[0] for clave in claves])
    resultado = []
    for pk, *valores in claves:
        fila = por_clave.get(pk)  # None: unpublished between the two reads
        if fila is not None:
            for nombre, valor in zip(puntajes, valores, strict=True):
                setattr(fila, nombre, valor)
            resultado.append(fila)
    return resultado


class FilasGuardadas:
    """``filas`` read by key through the page cache's store (``almacen.objetos``): each entry
    is kept per process for the content generation it was read at (saving an entry or a topic
    moves it, ``contenidos.senales``). The ranking still runs on every search; only what a
    result shows is not read again — two queries and their rows per page. Each page gets its
    own copies: the view sets links and snippets on them."""

    def __init__(self, filas, generacion):
        self.filas, self.generacion = filas, generacion

    def in_bulk(self, claves):
        guardadas = almacen.objetos("faq-filas", claves, self.generacion, self.filas.in_bulk)
        return {clave: copy.copy(fila) for clave, fila in guardadas.items()}


class Ordenadas:
    """Every row of ``ordenadas`` for ``Paginator`` (browsing without a query), read by key."""

    def __init__(self, ordenadas, filas):
        self.ordenadas, self.filas = ordenadas, filas

    def count(self):
        return self.ordenadas.count()

    def __getitem__(self, indice):
        return leer(self.ordenadas, self.filas, indice.start or 0, indice.stop)

    def __iter__(self):
        return iter(self[:])


class Escalonado:
    """A sliceable, countable result (what ``Paginator`` needs) over ranked querysets, each the
    head of the next: ``titulares`` (every group in the question; optional), ``completas``
    (every group) and ``todas`` (any group). ``filas`` loads the rows of a slice by key
    (columns, joins and prefetches of the page)."""

    def __init__(self, completas, todas, filas, limite=LIMITE_CONTEO, titulares=None):
        self.completas, self.todas, self.filas, self.limite = completas, todas, filas, limite
        self.titulares = titulares
        self._n_completas = None  # ``completas`` counted up to ``limite + 1``

    @staticmethod
    def _contar(qs, tope):
        return qs.order_by().values("pk")[:tope].count()

    def _completas_hasta(self, n):
        """How many of the first ``n`` ranked entries cover every group."""
        if self.completas is self.todas:  # a single group: one query is enough
            return n
        tope = self.limite + 1
        if self._n_completas is None and n <= tope:
            self._n_completas = self._contar(self.completas, tope)
        if self._n_completas is not None and n <= tope:
            return min(self._n_completas, n)
        return self._contar(self.completas, n)

    def count(self):
        """Matches, counted up to ``limite + 1`` (the page then says «más de …»)."""
        tope = self.limite + 1
        if self.completas is not self.todas and self._completas_hasta(tope) >= tope:
            return tope
        return self._contar(self.todas, tope)

    @cached_property
    def _cuenta(self):
        return self.count()

    def __len__(self):
        return self._cuenta

    def exists(self):
        return self.todas.exists()

    def __getitem__(self, indice):
        if isinstance(indice, int):
            resultado = self[indice : indice + 1]
            if not resultado:
                raise IndexError(indice)
            return resultado[0]
        inicio, fin = indice.start or 0, indice.stop if indice.stop is not None else self.limite
        if self.titulares is not None:
            # Its first ``fin`` keys: when there are that many, the slice is among them.
            claves = list(self.titulares.values_list("pk", *PUNTAJES)[:fin])
            if len(claves) >= fin:
                return cargar(claves[inicio:fin], self.filas, PUNTAJES)
        if self._completas_hasta(fin) >= fin:
            return leer(self.completas, self.filas, inicio, fin, PUNTAJES)
        return leer(self.todas, self.filas, inicio, fin, PUNTAJES)

    def __iter__(self):
        return iter(self[: self.limite])
