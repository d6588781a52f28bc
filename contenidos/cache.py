"""Whole-page cache for anonymous visitors, keyed by language, content generation and path.

Pages are stored with a marker where the CSRF token goes; each answer puts the visitor's own
token back (``get_token`` also sets their cookie), so a cached page never shares a token.
Logged-in users (Editors previewing drafts) and requests with pending messages bypass it.
Saving content moves ``VersionPortal`` (contenidos.senales), so old entries are never read again.
"""

import hashlib
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from contenidos.models import VersionPortal

MARCA_CSRF = "marca-csrf-portal-7d1e4b"
DURACION = 3600  # seconds; invalidation is by generation, this only bounds memory use


def _clave(request, version: int) -> str:
    ruta = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"portal:pagina:{get_language()}:{version}:{ruta}"


def _con_token(request, html: str) -> str:
    return html.replace(MARCA_CSRF, get_token(request)) if MARCA_CSRF in html else html


def pagina_publica(vista):
    @wraps(vista)
    def envuelta(request, *args, **kwargs):
        if request.user.is_authenticated or len(get_messages(request)):
            return vista(request, *args, **kwargs)
        version = VersionPortal.actual()
        request.version_portal = version
        clave = _clave(request, version)
        html = cache.get(clave)
        if html is not None:
            return HttpResponse(_con_token(request, html))
        request.marca_csrf = MARCA_CSRF
        respuesta = vista(request, *args, **kwargs)
        if getattr(respuesta, "streaming", False) or not hasattr(respuesta, "content"):
            return respuesta
        html = respuesta.content.decode(respuesta.charset)
        if respuesta.status_code == 200 and not respuesta.cookies:
            cache.set(clave, html, DURACION)
        respuesta.content = _con_token(request, html)
        return respuesta

    return envuelta
