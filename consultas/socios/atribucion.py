"""Attribution without cookies: the partner code travels in the URL through a visit.

A visit arriving with ``?socio=CODE`` from outside the portal counts once for the partner.
While the code is in the request (query string or a form's hidden field), every portal link of
the answer carries it, every form gets a hidden ``socio`` field and a redirect keeps it, so a
consultation or a boletín subscription made in that visit records the partner. Nothing is
stored in the browser and the visitor is not recorded.
"""

import re
from urllib.parse import urlsplit

from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape

from consultas.socios.models import CLAVE_CACHE_CODIGOS, CODIGO_RE, Socio, VisitaSocio
from contenidos.visitas import es_bot, seccion_de

PARAMETRO = "socio"
_CODIGO = re.compile(CODIGO_RE)
# Internal links: href="/…" except protocol-relative, static files and private areas.
_ENLACE = re.compile(r'href="(/(?!/|static/|media/|gestion/|admin/|cuentas/)[^"]*)"')
_FORMULARIO = re.compile(r"(<form\b[^>]*>)", re.IGNORECASE)
_ACCION_EXTERNA = re.compile(r'action="(?:https?:)?//', re.IGNORECASE)


def codigos_activos() -> dict[str, int]:
    return cache.get_or_set(
        CLAVE_CACHE_CODIGOS,
        lambda: dict(Socio.objects.filter(activo=True).values_list("codigo", "id")),
        300,
    )


def codigo_de(request) -> str:
    """The partner code of this request (query string or form field) when it names an active
    partner; else an empty string."""
    if seccion_de(request.path) is None:
        return ""
    valor = request.GET.get(PARAMETRO) or ""
    formulario = request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    )
    if not valor and request.method == "POST" and formulario:
        # Only a form's own field: a JSON or report body is left for its view to read.
        valor = request.POST.get(PARAMETRO) or ""
    valor = valor.strip().upper()
    if not _CODIGO.match(valor) or valor not in codigos_activos():
        return ""
    return valor


def socio_de(request):
    """The ``Socio`` the current visit came through, or None."""
    codigo = getattr(request, "socio_codigo", "")
    return Socio.objects.filter(codigo=codigo).first() if codigo else None


def _con_codigo(url: str, codigo: str, separador_amp: str) -> str:
    if f"{PARAMETRO}=" in url:
        return url
    ruta, _sep, fragmento = url.partition("#")
    ruta += (separador_amp if "?" in ruta else "?") + f"{PARAMETRO}={codigo}"
    return ruta + (f"#{fragmento}" if fragmento else "")


def propagar_html(html: str, codigo: str) -> str:
    """Add the code to every portal link and a hidden field to every form of the page."""
    html = _ENLACE.sub(lambda m: f'href="{_con_codigo(m.group(1), codigo, "&amp;")}"', html)
    campo = f'<input type="hidden" name="{PARAMETRO}" value="{escape(codigo)}">'

    def formulario(m):
        etiqueta = m.group(1)
        return etiqueta if _ACCION_EXTERNA.search(etiqueta) else etiqueta + campo

    return _FORMULARIO.sub(formulario, html)


def es_llegada(request) -> bool:
    """A GET that arrived from outside the portal (another site, or no referrer) by a person."""
    if request.method != "GET" or es_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    origen = urlsplit(request.META.get("HTTP_REFERER", "")).netloc
    return origen != request.get_host()


class AtribucionSocioMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        codigo = codigo_de(request)
        request.socio_codigo = codigo
        respuesta = self.get_response(request)
        if not codigo:
            return respuesta
        if respuesta.status_code == 200 and es_llegada(request):
            VisitaSocio.sumar(codigos_activos()[codigo], timezone.localdate())
        destino = respuesta.get("Location", "")
        if (
            respuesta.status_code in (301, 302, 303)
            and destino.startswith("/")
            and not destino.startswith("//")
        ):
            respuesta["Location"] = _con_codigo(destino, codigo, "&")
        elif respuesta.get("Content-Type", "").startswith("text/html") and not getattr(
            respuesta, "streaming", False
        ):
            html = respuesta.content.decode(respuesta.charset)
            respuesta.content = propagar_html(html, codigo).encode(respuesta.charset)
            if respuesta.has_header("Content-Length"):
                respuesta["Content-Length"] = str(len(respuesta.content))
        return respuesta
