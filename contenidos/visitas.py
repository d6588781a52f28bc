"""Anonymous, cookie-less counting of portal page views and visits.

A *view* is a GET answered 200 with HTML on a portal path. A *visit* is the first view of the
day by a visitor, recognised by a hash of IP + User-Agent salted with a random salt that changes
every day; the hash lives only in the cache until the day ends and is never written to the
database. The country comes from a trusted proxy header (``VISITAS_CABECERA_PAIS``) or from the
offline geoip2fast database; private and loopback addresses count as ``sin-dato``.

Counts are buffered in process memory and written as aggregated ``F()`` increments every
``VISITAS_INTERVALO`` seconds or ``VISITAS_LOTE`` views, and at process exit, so a page view
adds no database write on the hot path.
"""

import atexit
import datetime as dt
import functools
import hashlib
import logging
import secrets
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from infomigra.red import direccion_cliente
from infomigra.vocabulario import SIN_DATO

# Paths that are not the public portal (first segment).
EXCLUIDAS = frozenset(
    {"gestion", "admin", "static", "media", "salud", "cuentas", "i18n", "csp-informe"}
)
SECCION_MAXIMA = 40

logger = logging.getLogger(__name__)


def _ajuste(nombre, defecto):
    return getattr(settings, nombre, defecto)


@functools.lru_cache(maxsize=4096)
def es_bot(agente: str) -> bool:
    """True for crawlers, using the maintained crawler-user-agents list (empty UA = bot)."""
    if not agente.strip():
        return True
    import crawleruseragents

    return crawleruseragents.is_crawler(agente)


def seccion_de(ruta: str) -> str | None:
    """Portal section (first path segment, language prefix dropped) or None if not portal."""
    partes = [p for p in ruta.split("/") if p]
    idiomas = {codigo for codigo, _nombre in settings.LANGUAGES}
    if partes and partes[0] in idiomas:
        partes = partes[1:]
    if not partes:
        return "inicio"
    if partes[0] in EXCLUIDAS:
        return None
    return partes[0][:SECCION_MAXIMA]


@functools.lru_cache(maxsize=1)
def _geoip():
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast(verbose=False)


def pais_de(request) -> str:
    cabecera = _ajuste("VISITAS_CABECERA_PAIS", "")
    if cabecera:
        valor = request.META.get(cabecera, "").strip().upper()
        # Cloudflare sends XX (unknown) and T1 (Tor); keep real ISO 3166-1 alpha-2 codes only.
        if len(valor) == 2 and valor.isalpha() and valor != "XX":
            return valor
        return SIN_DATO
    ip = direccion_cliente(request)
    try:
        resultado = _geoip().lookup(ip)
    except Exception:  # geoip2fast raises on malformed input in some versions
        return SIN_DATO
    codigo = getattr(resultado, "country_code", "") or ""
    if getattr(resultado, "is_private", False) or len(codigo) != 2 or not codigo.isalpha():
        return SIN_DATO
    return codigo.upper()


MAX_VISTOS_LOCALES = 100_000


class Contador:
    """Thread-safe in-memory buffer of {(fecha, seccion, pais): [vistas, visitas]}."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pendientes: dict[tuple, list[int]] = {}
        self._vistas_sin_volcar = 0
        self._ultimo_volcado = time.monotonic()
        self._sal: tuple[dt.date, str] | None = None
        self._registrado_atexit = False
        # Visitors this process already saw today: repeat views skip the shared cache (which
        # may be the database). Only a filter in front of it; cleared when it grows too big.
        self._vistos: tuple[dt.date, set[str]] = (dt.date.min, set())

    def sal_del_dia(self, fecha: dt.date) -> str:
        """A random salt shared through the cache for one day (rotated daily)."""
        sal = self._sal
        if sal is None or sal[0] != fecha:
            valor = cache.get_or_set(
                f"visitas:sal:{fecha.isoformat()}", secrets.token_hex(16), 2 * 86400
            )
            self._sal = sal = (fecha, valor)
        return sal[1]

    def es_visita_nueva(self, request, fecha: dt.date) -> bool:
        ip = direccion_cliente(request)
        agente = request.META.get("HTTP_USER_AGENT", "")
        datos = f"{self.sal_del_dia(fecha)}|{ip}|{agente}".encode()
        clave = f"visitas:v:{fecha.isoformat()}:{hashlib.sha256(datos).hexdigest()}"
        dia, vistos = self._vistos
        if dia != fecha or len(vistos) > MAX_VISTOS_LOCALES:
            vistos = set()
            self._vistos = (fecha, vistos)
        if clave in vistos:
            return False
        vistos.add(clave)
        return cache.add(clave, 1, 86400)

    def registrar(self, fecha, seccion, pais, visita: bool) -> None:
        with self._lock:
            fila = self._pendientes.setdefault((fecha, seccion, pais), [0, 0])
            fila[0] += 1
            fila[1] += int(visita)
            self._vistas_sin_volcar += 1
            if not self._registrado_atexit:
                atexit.register(self.volcar_seguro)
                self._registrado_atexit = True
            vencido = self._vistas_sin_volcar >= _ajuste(
                "VISITAS_LOTE", 500
            ) or time.monotonic() - self._ultimo_volcado >= _ajuste("VISITAS_INTERVALO", 60)
        if vencido:
            self.volcar_seguro()

    def _tomar(self) -> dict:
        with self._lock:
            pendientes, self._pendientes = self._pendientes, {}
            self._vistas_sin_volcar = 0
            self._ultimo_volcado = time.monotonic()
        return pendientes

    def volcar(self) -> int:
        """Write the buffered counts as increments; returns how many rows were touched."""
        pendientes = sorted(self._tomar().items())
        for posicion, ((fecha, seccion, pais), (vistas, visitas)) in enumerate(pendientes):
            try:
                _sumar(fecha, seccion, pais, vistas, visitas)
            except Exception:
                self._devolver(pendientes[posicion:])  # keep what was not written
                raise
        return len(pendientes)

    def _devolver(self, pendientes):
        with self._lock:
            for clave, (vistas, visitas) in pendientes:
                fila = self._pendientes.setdefault(clave, [0, 0])
                fila[0] += vistas
                fila[1] += visitas

    def volcar_seguro(self) -> None:
        try:
            self.volcar()
        except Exception:
            logger.exception("No se pudieron guardar las visitas del portal; se reintentará.")

    def descartar(self) -> None:
        """Drop pending counts and the local memory of visitors (tests, shutdown)."""
        self._tomar()
        self._vistos = (dt.date.min, set())


def _sumar(fecha, seccion, pais, vistas, visitas):
    """Upsert one (fecha, seccion, pais) row with F() increments."""
    from contenidos.models import VisitaDiaria

    clave = {"fecha": fecha, "seccion": seccion, "pais": pais}
    incremento = {"vistas": F("vistas") + vistas, "visitas": F("visitas") + visitas}
    with transaction.atomic():
        if VisitaDiaria.objects.filter(**clave).update(**incremento):
            return
        try:
            with transaction.atomic():
                VisitaDiaria.objects.create(**clave, vistas=vistas, visitas=visitas)
        except IntegrityError:  # another process created the row meanwhile
            VisitaDiaria.objects.filter(**clave).update(**incremento)


contador = Contador()


def volcar() -> int:
    return contador.volcar()


def contar(request, response) -> None:
    """Count one page view (and the day's first visit) if this answer is a portal page view.

    Called by ContadorVisitasMiddleware, and by the page cache for the pages it answers itself.
    """
    if _ajuste("VISITAS_ACTIVAS", True) and _cuenta(request, response):
        seccion = seccion_de(request.path_info)
        fecha = timezone.localdate()
        contador.registrar(
            fecha, seccion, pais_de(request), contador.es_visita_nueva(request, fecha)
        )


def _cuenta(request, response) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and seccion_de(request.path_info) is not None
        and not es_bot(request.META.get("HTTP_USER_AGENT", ""))
    )


class ContadorVisitasMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        contar(request, response)
        return response
