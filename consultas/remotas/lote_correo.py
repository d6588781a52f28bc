"""What a batch of read emails shares, and the work of its new consultations done once.

A batch is stored in one transaction (a savepoint per message). Instead of repeating for every
new consultation the code counter's lock and update, the per-sender flood counter's cache round
trips, the audit history row and the private link's insert, the batch takes code numbers and
flood allowances in memory and writes the counter, the allowances, the history rows and the
links once at its end (``cerrar``), inside the same transaction: the codes, the flood
decisions, the history and the links are the same as one message at a time. A message that
fails gives back what it took (``marca``/``volver``).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from consultas.models import Consulta, Sede
from consultas.models.consulta import Contador, formatear_codigo
from consultas.models.remotas import EnlaceSeguimiento, Mensaje
from infomigra import limites


def _cupos() -> limites.Cupos:
    return limites.Cupos("correo", settings.CORREO_LIMITE_POR_REMITENTE)


@dataclass
class Lote:
    """Look-ups and writes a batch of messages shares instead of repeating them per message."""

    conocidos: set[str]  # Message-IDs already stored
    analizados: dict = field(default_factory=dict)  # raw bytes -> parsed message
    _sede: Sede | None = None
    numeros: dict[int, int] = field(default_factory=dict)  # year -> last code number taken
    cupos: limites.Cupos = field(default_factory=_cupos)
    nuevas: list[Consulta] = field(default_factory=list)  # their history row is written at end
    enlaces: list[Consulta] = field(default_factory=list)  # their private link is created at end

    @classmethod
    def para(cls, message_ids, remitentes=()) -> "Lote":
        ids = list(message_ids)
        lote = cls(
            set(Mensaje.objects.filter(message_id__in=ids).values_list("message_id", flat=True))
        )
        lote.cupos.precargar({r.lower() for r in remitentes if r})
        return lote

    def sede(self) -> Sede:
        if self._sede is None:
            self._sede = Sede.principal()
        return self._sede

    def codigo(self, recibida) -> str:
        """The next consultation code of ``recibida``'s year (as ``Consulta.save`` gives it);
        the counter's row stays locked until the batch commits, as it would one by one."""
        anio = timezone.localtime(recibida).year
        if anio not in self.numeros:
            Contador.objects.get_or_create(anio=anio)
            self.numeros[anio] = Contador.objects.select_for_update().get(anio=anio).ultimo
        self.numeros[anio] += 1
        return formatear_codigo(anio, self.numeros[anio])

    def inundacion(self, email: str) -> bool:
        """Count one new consultation from ``email``; True past the hourly per-sender limit."""
        if not email:
            return False
        return not self.cupos.tomar(email.lower())

    def marca(self):
        return dict(self.numeros), self.cupos.marca(), len(self.nuevas), len(self.enlaces)

    def volver(self, marca) -> None:
        """A message failed (its savepoint was rolled back): forget what it took."""
        numeros, cupos, nuevas, enlaces = marca
        self.numeros = dict(numeros)
        self.cupos.volver(cupos)
        del self.nuevas[nuevas:]
        del self.enlaces[enlaces:]

    def cerrar(self) -> None:
        """Write what the batch took, in its transaction."""
        self.cupos.guardar()
        for anio, ultimo in self.numeros.items():
            Contador.objects.filter(anio=anio).update(ultimo=ultimo)
        self.numeros = {}
        if self.nuevas:
            # Exactly the row ``HistoricalRecords`` writes on create (no topics yet).
            Consulta.historia.bulk_history_create(self.nuevas, default_change_reason=None)
        if self.enlaces:
            EnlaceSeguimiento.objects.bulk_create(
                [EnlaceSeguimiento.nuevo(c) for c in self.enlaces]
            )
        self.nuevas, self.enlaces = [], []
