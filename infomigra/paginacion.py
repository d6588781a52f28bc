"""A paginator that never counts a huge result exactly: it stops counting past a limit.

Used by the consultation list (a million rows) and the FAQ search (a common word matches most
of the bank); nobody pages past the limit anyway."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

LIMITE_CONTEO = 500


class PaginadorAcotado(Paginator):
    """Counts at most ``limite`` rows (``SELECT COUNT(*) FROM (… LIMIT n)``).

    With a million rows an exact COUNT(*) on every page costs more than the page itself; past
    the limit the list says "más de N" and asks to narrow the filters.
    """

    def __init__(self, *args, limite=LIMITE_CONTEO, **kwargs):
        self.limite = limite
        super().__init__(*args, **kwargs)

    @cached_property
    def count(self):
        lista = self.object_list
        if hasattr(lista, "order_by"):
            # No ORDER BY: the database may find any limite + 1 matching rows the cheapest way.
            return lista.order_by()[: self.limite + 1].count()
        return lista.count()  # a search result that already stops counting past its limit

    @property
    def excede_limite(self):
        return self.count > self.limite

    @cached_property
    def num_pages(self):
        return super().num_pages if not self.excede_limite else -(-self.limite // self.per_page)
