"""Whole-page cache for anonymous visitors, and the HTTP caching rules of the whole site.

A public page (a view wrapped in ``pagina_publica``) is the same bytes for every anonymous
visitor: it sets no cookie, shows no token and no message, and its language is in the URL. Such
a page is sent with ``Cache-Control: public, …`` (``CACHE_PORTAL_CONTROL``), an ETag and a
Last-Modified date, so browsers, the nginx edge cache and any CDN may keep it. Search results
(a ``q`` in the query string) are sent ``public, no-cache`` instead: every visit revalidates, so
an edit (a new synonym) changes them at once, and the answer still comes from this cache.

``CachePortalMiddleware`` goes near the top of ``MIDDLEWARE``, before sessions, authentication,
CSRF and locale: it keeps public pages in process memory, keyed by path and query string, and
answers a repeat request without running the rest of the stack or touching the database. Each
entry carries the content generation (``VersionPortal``) it was drawn at; the middleware reads the
current generation at most once per ``CACHE_PORTAL_VERIFICAR`` seconds, and saving content in
this process forgets it at once (``contenidos.senales``). Requests carrying a session, a pending
message or another cookie that changes the page (``CACHE_PORTAL_COOKIES``) go through the stack.

Every other response that does not choose its own ``Cache-Control`` is ``private, no-store``.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import http_date

from contenidos.models import VersionPortal

ATRIBUTO_PUBLICA = "pagina_publica"
VARY_SIN_EFECTO = {"cookie", "accept-language"}  # language is in the URL; no cookie is read
TAMANO_MAXIMO = 1_000_000  # bytes; a bigger page is served but not kept
FRAGMENTOS_MAXIMO = 500  # shared pieces kept (Almacen.fragmento); a few dozen in practice
OBJETOS_MAXIMO = 2_000  # rows kept (Almacen.objetos), a few KB each


def _ajuste(nombre, defecto):
    return getattr(settings, nombre, defecto)


def pagina_publica(vista):
    """Serve the anonymous version of the page as public and cacheable.

    Logged-in users (Editors previewing drafts), visitors with pending messages and any request
    carrying a cookie that may change the page (``CACHE_PORTAL_COOKIES``) get a private page.
    The view receives the content generation as ``request.version_portal``.
    """

    @wraps(vista)
    def envuelta(request, *args, **kwargs):
        if (
            _cookies_privadas(request)
            or request.user.is_authenticated
            or len(get_messages(request))
        ):
            respuesta = vista(request, *args, **kwargs)
            _nunca(respuesta)
            return respuesta
        if getattr(request, "version_portal", None) is None:
            request.version_portal = VersionPortal.actual()
        respuesta = vista(request, *args, **kwargs)
        if respuesta.status_code == 200 and not getattr(respuesta, "streaming", False):
            respuesta["Cache-Control"] = _control(request)
            setattr(respuesta, ATRIBUTO_PUBLICA, request.version_portal)
        return respuesta

    return envuelta


def _control(request) -> str:
    """Search results (a ``q`` in the query string) must follow a synonym or content edit at
    once: browsers and the edge revalidate them on every visit, and this process' cache
    answers that from memory (``CACHE_PORTAL_CONTROL_BUSQUEDA``)."""
    if request.GET.get("q", "").strip():
        return _ajuste("CACHE_PORTAL_CONTROL_BUSQUEDA", "public, no-cache")
    return _ajuste("CACHE_PORTAL_CONTROL", "public, max-age=60")


@dataclass(frozen=True)
class Entrada:
    generacion: int
    cabeceras: tuple[tuple[str, str], ...]
    cuerpo: bytes
    etag: str
    modificada: float


class Almacen:
    """A bounded, thread-safe LRU of public pages plus the last generation read."""

    def __init__(self):
        self._cerrojo = threading.Lock()
        self._paginas: OrderedDict[str, Entrada] = OrderedDict()
        self._fragmentos: dict[tuple, tuple[int, str]] = {}
        self._objetos: dict[tuple, tuple[int, object]] = {}
        self._generacion = 0
        self._leida = float("-inf")

    def generacion(self) -> int:
        ahora = time.monotonic()
        if ahora - self._leida >= _ajuste("CACHE_PORTAL_VERIFICAR", 1.0):
            try:
                self._generacion = VersionPortal.actual()
            except DatabaseError:
                return self._generacion  # the database is away: keep serving what we have
            self._leida = ahora
        return self._generacion

    def leer(self, clave: str, generacion: int) -> Entrada | None:
        with self._cerrojo:
            entrada = self._paginas.get(clave)
            if entrada is None:
                return None
            if entrada.generacion != generacion:
                del self._paginas[clave]
                return None
            self._paginas.move_to_end(clave)
            return entrada

    def guardar(self, clave: str, entrada: Entrada) -> None:
        with self._cerrojo:
            self._paginas[clave] = entrada
            self._paginas.move_to_end(clave)
            while len(self._paginas) > _ajuste("CACHE_PORTAL_ENTRADAS", 1000):
                self._paginas.popitem(last=False)

    def fragmento(self, clave: tuple, generacion: int, dibujar) -> str:
        """A rendered piece that many pages share (a form's selects), kept for the content
        generation it was drawn at and dropped with the pages; ``dibujar()`` draws it."""
        guardado = self._fragmentos.get(clave)
        if guardado is not None and guardado[0] == generacion:
            return guardado[1]
        html = dibujar()
        with self._cerrojo:
            if len(self._fragmentos) >= FRAGMENTOS_MAXIMO:
                self._fragmentos.clear()
            self._fragmentos[clave] = (generacion, html)
        return html

    def objetos(self, espacio: str, claves, generacion: int, leer) -> dict:
        """The objects of ``claves`` in ``espacio`` (rows of content by key), kept for the
        content generation they were read at and dropped with the pages; ``leer(faltan)``
        reads the missing ones as a dict. Callers must not change what they get."""
        encontrados, faltan = {}, []
        for clave in claves:
            guardado = self._objetos.get((espacio, clave))
            if guardado is not None and guardado[0] == generacion:
                encontrados[clave] = guardado[1]
            else:
                faltan.append(clave)
        if faltan:
            leidos = leer(faltan)
            with self._cerrojo:
                if len(self._objetos) + len(leidos) > OBJETOS_MAXIMO:
                    self._objetos.clear()
                for clave, objeto in leidos.items():
                    self._objetos[(espacio, clave)] = (generacion, objeto)
            encontrados.update(leidos)
        return encontrados

    def olvidar(self, **kwargs) -> None:
        """Drop every page, fragment and object and re-read the generation on the next
        request."""
        with self._cerrojo:
            self._paginas.clear()
            self._fragmentos.clear()
            self._objetos.clear()
            self._leida = float("-inf")


almacen = Almacen()
setting_changed.connect(almacen.olvidar, dispatch_uid="cache-portal-ajustes")


def clave_pagina(ruta: str, comprime: bool = False) -> str:
    """A page's key: its path and query, and whether the body is compressed. GZipMiddleware runs
    inside the cache, so a gzip body is kept apart from a plain one: a client that did not ask
    for gzip never gets it."""
    return f"{'gzip' if comprime else 'identidad'} {ruta}"


def _cookies_privadas(request) -> bool:
    return any(nombre in request.COOKIES for nombre in _ajuste("CACHE_PORTAL_COOKIES", ()))


def _elegible(request) -> bool:
    if request.method not in ("GET", "HEAD") or _cookies_privadas(request):
        return False
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return False  # SecurityMiddleware answers with the redirect
    request.get_host()  # ALLOWED_HOSTS still applies (DisallowedHost → 400)
    return not request.path_info.startswith(tuple(_ajuste("SIN_CACHE_PREFIJOS", ())))


def _limpiar_vary(respuesta) -> None:
    if not respuesta.has_header("Vary"):
        return
    quedan = [
        v.strip()
        for v in respuesta["Vary"].split(",")
        if v.strip() and v.strip().lower() not in VARY_SIN_EFECTO
    ]
    if quedan:
        respuesta["Vary"] = ", ".join(quedan)
    else:
        del respuesta["Vary"]


def _entrada(respuesta, generacion: int) -> Entrada:
    cuerpo = respuesta.content
    etag = f'"{hashlib.blake2b(cuerpo, digest_size=16).hexdigest()}"'
    modificada = generacion / 1_000_000 if generacion > 1_000_000 else time.time()
    respuesta["ETag"] = etag
    respuesta["Last-Modified"] = http_date(modificada)
    cabeceras = tuple((k, v) for k, v in respuesta.items())
    return Entrada(generacion, cabeceras, cuerpo, etag, modificada)


def _servir(request, entrada: Entrada):
    respuesta = HttpResponse(entrada.cuerpo if request.method == "GET" else b"")
    for nombre, valor in entrada.cabeceras:
        respuesta[nombre] = valor
    _contar_visita(request, respuesta)  # a revalidated page (304) is a page view too
    return _condicional(request, entrada, respuesta)


def _condicional(request, entrada: Entrada, respuesta):
    return get_conditional_response(
        request, etag=entrada.etag, last_modified=int(entrada.modificada), response=respuesta
    )


class CachePortalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _elegible(request):
            return self._privada(self.get_response(request))
        comprime = bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        clave = clave_pagina(request.get_full_path(), comprime)
        generacion = almacen.generacion()
        entrada = almacen.leer(clave, generacion)
        if entrada is not None:
            return _servir(request, entrada)
        request.version_portal = generacion
        respuesta = self.get_response(request)
        if getattr(respuesta, ATRIBUTO_PUBLICA, None) is None:
            return self._privada(respuesta)
        if respuesta.cookies:  # a cookie after all: this page is not the same for everyone
            _nunca(respuesta)
            return respuesta
        _limpiar_vary(respuesta)
        entrada = _entrada(respuesta, generacion)
        if len(entrada.cuerpo) <= TAMANO_MAXIMO and request.method == "GET":
            almacen.guardar(clave, entrada)
        return _condicional(request, entrada, respuesta)

    @staticmethod
    def _privada(respuesta):
        if getattr(respuesta, ATRIBUTO_PUBLICA, None) is None:
            if not respuesta.has_header("Cache-Control"):
                add_never_cache_headers(respuesta)
        elif respuesta.cookies:
            _nunca(respuesta)
        else:
            _limpiar_vary(respuesta)  # the public page over plain HTTP before the redirect, etc.
        return respuesta


def _nunca(respuesta) -> None:
    """Private after all (it sets a cookie): drop the public directives, then no-store."""
    del respuesta["Cache-Control"]
    add_never_cache_headers(respuesta)


def _contar_visita(request, respuesta) -> None:
    from contenidos.visitas import contar

    contar(request, respuesta)
