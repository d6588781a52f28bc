"""Public portal pages. Lists show published content; a draft's own URL renders for Editors only.

Templates cache their content in fragments keyed by language and ``version_portal`` (see
``contenidos.senales``): querysets are handed over lazily so a cached page costs one query.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe
from django_countries import countries

from contenidos import extensiones
from contenidos.cache import pagina_publica
from contenidos.campos import CodigosField
from contenidos.forms import FiltroBoletinesForm, FiltroInstitucionesForm
from contenidos.models import (
    Alerta,
    Boletin,
    Convenio,
    Guia,
    Institucion,
    Pagina,
    PaisGuia,
    VersionPortal,
    Video,
)
from infomigra.vocabulario import TipoMigrante

# Pages with their own URL and template; the generic page view doesn't serve them.
PAGINAS_PROPIAS = {"acerca", "privacidad", "guia-basica"}


def _idiomas():
    """Current language first, then the default one (content falls back to Spanish)."""
    actual = translation.get_language() or settings.LANGUAGE_CODE
    return [actual] if actual == settings.LANGUAGE_CODE else [actual, settings.LANGUAGE_CODE]


def _pagina(request, plantilla, contexto=None, estado=200):
    contexto = dict(contexto or {})
    contexto["version_portal"] = getattr(request, "version_portal", None) or VersionPortal.actual()
    return render(request, plantilla, contexto, status=estado)


def _en_idioma(qs, request, **filtros):
    """The object in the current language, else in Spanish; drafts only for Editors; else 404."""
    candidatos = {o.idioma: o for o in qs.visibles_para(request.user).filter(**filtros)}
    for idioma in _idiomas():
        if idioma in candidatos:
            return candidatos[idioma]
    raise Http404


def _preferidos(objetos, clave):
    """From objects in several languages keep one per key, preferring the current language."""
    orden = _idiomas()
    elegidos = {}
    for obj in objetos:
        k = getattr(obj, clave)
        if k not in elegidos or orden.index(obj.idioma) < orden.index(elegidos[k].idioma):
            elegidos[k] = obj
    return list(elegidos.values())


def _alertas():
    """Current alerts in the visitor's language; Spanish ones only when none is translated."""
    for idioma in _idiomas():
        alertas = list(Alerta.objects.vigentes().filter(idioma=idioma))
        if alertas:
            return alertas
    return []


def _paginas_informativas():
    qs = Pagina.objects.publicados().filter(idioma__in=_idiomas()).exclude(slug__in=PAGINAS_PROPIAS)
    return sorted(_preferidos(qs, "slug"), key=lambda p: p.titulo)


@require_safe
@pagina_publica
def inicio(request):
    return _pagina(
        request,
        "portal/inicio.html",
        {
            "perfiles": TipoMigrante.choices,
            "alertas": _alertas,
            "boletin": Boletin.objects.publicados().first,
            "paginas": _paginas_informativas,
        },
    )


@require_safe
@pagina_publica
def perfil(request, codigo):
    if codigo not in TipoMigrante.values:
        raise Http404
    guia = _en_idioma(Guia.objects.all(), request, perfil=codigo)
    patron = CodigosField.patron(codigo)
    return _pagina(
        request,
        "portal/perfil.html",
        {
            "guia": guia,
            "borrador": not guia.publicado,
            "videos": Video.objects.publicados().filter(perfiles__contains=patron),
            "relacionados": extensiones.relacionados_de(guia),
            "perfiles": TipoMigrante.choices,
        },
    )


@require_safe
@pagina_publica
def paises(request):
    guias = _preferidos(PaisGuia.objects.publicados().filter(idioma__in=_idiomas()), "iso")
    grupos = [
        (etiqueta, sorted((g for g in guias if g.tipo == tipo), key=lambda g: g.nombre))
        for tipo, etiqueta in PaisGuia.Tipo.choices
    ]
    return _pagina(request, "portal/paises.html", {"grupos": grupos})


@require_safe
@pagina_publica
def pais(request, iso):
    guia = _en_idioma(PaisGuia.objects.all(), request, iso=iso.upper())
    patron = CodigosField.patron(guia.iso)
    return _pagina(
        request,
        "portal/pais.html",
        {
            "guia": guia,
            "borrador": not guia.publicado,
            "instituciones": Institucion.objects.publicados().filter(pais=guia.iso),
            "convenios": Convenio.objects.publicados().filter(paises__contains=patron),
        },
    )


@require_safe
@pagina_publica
def videos(request):
    todos = Video.objects.publicados()
    categorias = [
        (codigo, etiqueta, [v for v in todos if v.categoria == codigo])
        for codigo, etiqueta in Video.Categoria.choices
    ]
    return _pagina(request, "portal/videos.html", {"categorias": categorias})


@require_safe
@pagina_publica
def video(request, slug):
    objeto = _en_idioma(Video.objects.all(), request, slug=slug)
    return _pagina(
        request, "portal/video.html", {"video": objeto, "borrador": not objeto.publicado}
    )


@require_safe
@pagina_publica
def boletines(request):
    form = FiltroBoletinesForm(request.GET or None)
    ediciones = Boletin.objects.publicados().prefetch_related("temas")
    clave = ""  # what the cached list depends on: the topic, or an invalid filter
    if form.is_valid():
        clave = form.cleaned_data["tema"]
        if clave:
            ediciones = ediciones.filter(temas__codigo=clave)
    elif form.is_bound:
        ediciones, clave = ediciones.none(), "-"
    contexto = {"boletines": ediciones, "form": form, "clave_filtro": clave}
    return _pagina(request, "portal/boletines.html", contexto)


@require_safe
@pagina_publica
def boletin(request, numero):
    edicion = Boletin.objects.visibles_para(request.user).filter(numero=numero).first()
    if edicion is None:
        raise Http404
    return _pagina(
        request, "portal/boletin.html", {"boletin": edicion, "borrador": not edicion.publicado}
    )


@require_safe
@pagina_publica
def instituciones(request):
    form = FiltroInstitucionesForm(request.GET or None)
    qs = Institucion.objects.publicados()
    if form.is_valid():
        if form.cleaned_data["pais"]:
            qs = qs.filter(pais=form.cleaned_data["pais"])
        if form.cleaned_data["perfil"]:
            qs = qs.filter(perfiles__contains=CodigosField.patron(form.cleaned_data["perfil"]))
    elif form.is_bound:
        qs = qs.none()
    resultados = list(qs)
    for institucion in resultados:
        institucion.nombre_pais = countries.name(institucion.pais)
    resultados.sort(key=lambda i: (i.pais != "PE", i.nombre_pais, i.titulo))
    return _pagina(
        request,
        "portal/instituciones.html",
        {"form": form, "instituciones": resultados, "filtrado": form.is_bound},
    )


@require_safe
@pagina_publica
def convenios(request):
    grupos = [
        (etiqueta, Convenio.objects.publicados().filter(tipo=tipo))
        for tipo, etiqueta in Convenio.Tipo.choices
    ]
    return _pagina(request, "portal/convenios.html", {"grupos": grupos})


@require_safe
@pagina_publica
def acerca(request):
    pagina = _en_idioma(Pagina.objects.all(), request, slug="acerca")
    return _pagina(
        request, "portal/pagina.html", {"pagina": pagina, "borrador": not pagina.publicado}
    )


@require_safe
@pagina_publica
def pagina(request, slug):
    """An information page (legal basis, labour markets, support…) edited as Markdown."""
    if slug in PAGINAS_PROPIAS:
        raise Http404
    objeto = _en_idioma(Pagina.objects.all(), request, slug=slug)
    return _pagina(
        request, "portal/pagina.html", {"pagina": objeto, "borrador": not objeto.publicado}
    )


@require_safe
@pagina_publica
def privacidad(request):
    """The privacy notice is deployment content (each country's law), edited by Editors."""
    pagina = _en_idioma(Pagina.objects.all(), request, slug="privacidad")
    return _pagina(
        request,
        "portal/privacidad.html",
        {
            "pagina": pagina,
            "borrador": not pagina.publicado,
            "version": settings.AVISO_PRIVACIDAD_VERSION,
        },
    )


@require_safe
@pagina_publica
def buscar(request):
    """``/buscar/``: answered by the search engine's view, which a higher layer registers."""
    return extensiones.vista_busqueda(request)
