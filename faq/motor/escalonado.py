"""Ranked results read in two steps: entries with every group first, from the cheap query.

The ranking puts entries covering every group of the query first. Those are an AND of the
groups, which the indexes answer directly; the full ranking (an OR of the groups, scored row by
row) is only read when a page reaches past them. "pension chile" on 5,000 entries: the AND has
hundreds of rows, so its first pages never rank the thousands that mention only "pensión".
"""

from functools import cached_property

LIMITE_CONTEO = 200


class Escalonado:
    """A sliceable, countable result (what ``Paginator`` needs) over two ranked querysets:
    ``completas`` (every group) and ``todas`` (any group; ``completas`` come first in it)."""

    def __init__(self, completas, todas, limite=LIMITE_CONTEO):
        self.completas, self.todas, self.limite = completas, todas, limite

    def _completas_hasta(self, n):
        if self.completas is self.todas:  # a single group: one query is enough
            return n
        return self.completas.order_by()[:n].count()

    def count(self):
        """Matches, counted up to ``limite + 1`` (the page then says «más de …»)."""
        tope = self.limite + 1
        if self.completas is not self.todas and self._completas_hasta(tope) >= tope:
            return tope
        return self.todas.order_by()[:tope].count()

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
        if self._completas_hasta(fin) >= fin:
            return list(self.completas[inicio:fin])
        return list(self.todas[inicio:fin])

    def __iter__(self):
        return iter(self[: self.limite])
