"""Rate limits: one allowance per key and fixed window, counted in the shared cache.

With Redis (``REDIS_URL``) the count is atomic across every process and node. With the default
database cache two simultaneous requests can both be counted as one (its ``incr`` reads and
writes), so a limit may let a request or two more through under a burst, never fewer.
Keys are salted hashes: no address or email is stored in clear.
"""

import time

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def clave_de(ambito: str, valor: str) -> str:
    """A salted hash of ``valor`` for ``ambito`` (64 hex characters)."""
    return salted_hmac(f"infomigra.limites.{ambito}", valor, algorithm="sha256").hexdigest()


def tomar(ambito: str, valor: str, limite: int, segundos: int = 3600) -> bool:
    """Take one use of ``valor``'s allowance in ``ambito``; False when it is used up."""
    ventana = int(time.time()) // segundos
    clave = f"limite:{ambito}:{ventana}:{clave_de(ambito, valor)}"
    cache.add(clave, 0, timeout=segundos + 60)
    try:
        usados = cache.incr(clave)
    except ValueError:  # expired between add and incr
        cache.set(clave, 1, timeout=segundos + 60)
        usados = 1
    return usados <= limite
