"""Rate limits: one allowance per key and fixed window, counted in the shared cache.

With Redis (``REDIS_URL``) the count is atomic across every process and node. With the default
database cache two simultaneous requests can both be counted as one (its ``incr`` reads and
writes), so a limit may let a request or two more through under a burst, never fewer.
Keys are salted hashes: no address or email is stored in clear.
"""

import base64
import pickle
import time
from datetime import UTC, datetime

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils.crypto import salted_hmac


def clave_de(ambito: str, valor: str) -> str:
    """A salted hash of ``valor`` for ``ambito`` (64 hex characters)."""
    return salted_hmac(f"infomigra.limites.{ambito}", valor, algorithm="sha256").hexdigest()


def _clave_cache(ambito: str, valor: str, segundos: int) -> str:
    ventana = int(time.time()) // segundos
    return f"limite:{ambito}:{ventana}:{clave_de(ambito, valor)}"


def tomar(ambito: str, valor: str, limite: int, segundos: int = 3600) -> bool:
    """Take one use of ``valor``'s allowance in ``ambito``; False when it is used up."""
    clave = _clave_cache(ambito, valor, segundos)
    cache.add(clave, 0, timeout=segundos + 60)
    try:
        usados = cache.incr(clave)
    except ValueError:  # expired between add and incr
        cache.set(clave, 1, timeout=segundos + 60)
        usados = 1
    return usados <= limite


class Cupos:
    """``tomar`` for a batch (the emails of one mailbox read): the same keys and windows, but
    the counts are read once (``precargar``), taken in memory and written once per key at the
    end (``guardar``), instead of two cache round trips per use. The decisions are exactly
    those of ``tomar`` one by one. ``marca``/``volver`` undo the uses of a failed item.

    A concurrent writer of the same key between the read and the write is overwritten: like
    the database cache's ``incr``, the limit may then let more through, never fewer.
    """

    def __init__(self, ambito: str, limite: int, segundos: int = 3600):
        self.ambito, self.limite, self.segundos = ambito, limite, segundos
        self.usados: dict[str, int] = {}
        self.cambiados: set[str] = set()

    def precargar(self, valores) -> None:
        claves = {_clave_cache(self.ambito, v, self.segundos) for v in valores}
        faltan = [c for c in claves if c not in self.usados]
        if faltan:
            leidos = cache.get_many(faltan)
            self.usados.update({c: int(leidos.get(c, 0)) for c in faltan})

    def tomar(self, valor: str) -> bool:
        clave = _clave_cache(self.ambito, valor, self.segundos)
        if clave not in self.usados:
            self.usados[clave] = int(cache.get(clave, 0))
        self.usados[clave] += 1
        self.cambiados.add(clave)
        return self.usados[clave] <= self.limite

    def marca(self):
        return dict(self.usados), set(self.cambiados)

    def volver(self, marca) -> None:
        self.usados, self.cambiados = dict(marca[0]), set(marca[1])

    def guardar(self) -> None:
        if self.cambiados:
            _escribir({c: self.usados[c] for c in self.cambiados}, self.segundos + 60)
            self.cambiados = set()


def _escribir(valores: dict[str, int], timeout: int) -> None:
    """``cache.set_many``; with the database cache, one upsert for all the keys instead of
    three queries and a savepoint per key (the rows are what ``set`` writes: the same key,
    pickled value and expiry; expired rows are culled by the next ordinary ``set``)."""
    backend = caches["default"]
    if not isinstance(backend, DatabaseCache):
        backend.set_many(valores, timeout=timeout)
        return
    conexion = connections[router.db_for_write(backend.cache_model_class)]
    caduca = datetime.fromtimestamp(backend.get_backend_timeout(timeout), tz=UTC)
    caduca = conexion.ops.adapt_datetimefield_value(caduca.replace(microsecond=0))
    filas = [
        (
            backend.make_and_validate_key(clave),
            base64.b64encode(pickle.dumps(valor, backend.pickle_protocol)).decode("latin1"),
            caduca,
        )
        for clave, valor in valores.items()
    ]
    tabla = conexion.ops.quote_name(backend._table)
    marcas = ", ".join(["(%s, %s, %s)"] * len(filas))
    with conexion.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabla} (cache_key, value, expires) VALUES {marcas} "  # noqa: S608
            "ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, "
            "expires = excluded.expires",
            [v for fila in filas for v in fila],
        )
