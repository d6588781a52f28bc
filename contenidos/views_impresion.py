"""The printable Guía Básica (HTML and PDF from one template) and the one-page profile leaflets."""

import segno
from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from contenidos.cache import pagina_publica
from contenidos.impresion import enlaces_absolutos, pdf_cacheado
from contenidos.models import Guia, Pagina
from contenidos.views import _en_idioma, _pagina
from infomigra.vocabulario import TipoMigrante

SLUG_GUIA_BASICA = "guia-basica"


def _guia_basica(request):
    return _en_idioma(Pagina.objects.all(), request, slug=SLUG_GUIA_BASICA)


def _version(pagina) -> str:
    return pagina.revisado_el.strftime("%Y.%m.%d") if pagina.revisado_el else "borrador"


def _respuesta_pdf(pdf: bytes, nombre: str) -> HttpResponse:
    respuesta = HttpResponse(pdf, content_type="application/pdf")
    respuesta["Content-Disposition"] = f'inline; filename="{nombre}"'
    return respuesta


@require_safe
@pagina_publica
def guia_basica(request):
    pagina = _guia_basica(request)
    contexto = {
        "pagina": pagina,
        "version": _version(pagina),
        "borrador": not pagina.publicado,
        "perfiles": TipoMigrante.choices,
    }
    return _pagina(request, "portal/guia_basica.html", contexto)


@require_safe
def guia_basica_pdf(request):
    pagina = _guia_basica(request)
    contexto = {
        "pagina": pagina,
        "version": _version(pagina),
        "idioma": pagina.idioma,
        "absolutos": enlaces_absolutos(pagina.cuerpo_html),
    }
    pdf = pdf_cacheado(
        request, "portal/impresion/guia_basica.html", contexto, pagina.pk, pagina.actualizado
    )
    return _respuesta_pdf(pdf, f"guia-basica-migrante-laboral-{_version(pagina)}.pdf")


def _hoja(request, codigo):
    if codigo not in TipoMigrante.values:
        raise Http404
    guia = _en_idioma(Guia.objects.all(), request, perfil=codigo)
    url = settings.SITE_URL + guia.get_absolute_url()
    qr = segno.make(url, error="m").svg_inline(scale=3, title=str(guia.titulo))
    return guia, {
        "guia": guia,
        "url_guia": url,
        "qr": qr,
        "perfil": TipoMigrante(codigo).label,
        "idioma": guia.idioma,
    }


@require_safe
def hoja(request, codigo):
    _, contexto = _hoja(request, codigo)
    return _pagina(request, "portal/impresion/hoja.html", contexto | {"pantalla": True})


@require_safe
def hoja_pdf(request, codigo):
    guia, contexto = _hoja(request, codigo)
    idioma = translation.get_language()
    pdf = pdf_cacheado(
        request, "portal/impresion/hoja.html", contexto, guia.pk, guia.actualizado, idioma
    )
    return _respuesta_pdf(pdf, f"hoja-{codigo}.pdf")
