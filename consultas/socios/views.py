"""Back office of partners: registry, badge and leaflet per partner, ranking per month."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from consultas import tablas
from consultas.socios import servicios
from consultas.socios.forms import SocioForm
from consultas.socios.models import Socio
from infomigra.acceso import permiso_requerido


def socio_visible_o_404(request, codigo):
    return get_object_or_404(
        Socio.objects.visibles_para(request.user).select_related("sede"), codigo=codigo
    )


@require_safe
@permiso_requerido("consultas.view_socio")
def lista(request, formato=None):
    """The registry and the ranking by visits, consultations and subscriptions per month."""
    socios = Socio.objects.visibles_para(request.user).select_related("sede")
    form, desde, hasta, _sede = tablas.filtros_periodo(request)
    filas = servicios.ranking(desde, hasta, socios) if desde is not None else []
    if formato and desde is not None:
        if formato == "csv":
            contenido = tablas.tabla_csv(servicios.ENCABEZADO, filas)
        else:
            contenido = tablas.tabla_xlsx(servicios.ENCABEZADO, filas, "socios")
        return tablas.descarga(contenido, "socios", formato)
    contexto = {
        "socios": socios,
        "form": form,
        "filas": filas,
        "parametros": request.GET.urlencode(),
    }
    return render(request, "gestion/socios/lista.html", contexto)


@require_http_methods(["GET", "POST"])
@permiso_requerido("consultas.add_socio", "consultas.change_socio")
def editar(request, codigo=None):
    socio = socio_visible_o_404(request, codigo) if codigo else None
    form = SocioForm(request.POST or None, instance=socio, usuario=request.user)
    if request.method == "POST" and form.is_valid():
        socio = form.save()
        messages.success(request, _("Socio «%(nombre)s» guardado.") % {"nombre": socio.nombre})
        return redirect("gestion:socio", codigo=socio.codigo)
    titulo = _("Editar socio") if socio else _("Nuevo socio")
    contexto = {"form": form, "titulo": titulo, "socio": socio}
    return render(request, "gestion/socios/formulario.html", contexto)


@require_safe
@permiso_requerido("consultas.view_socio")
def detalle(request, codigo):
    socio = socio_visible_o_404(request, codigo)
    contexto = {
        "socio": socio,
        "insignia": servicios.html_insignia(socio),
        "enlace": servicios.url_portal(socio),
        "insignia_en": servicios.html_insignia(socio, "en"),
        "enlace_en": servicios.url_portal(socio, "en"),
    }
    return render(request, "gestion/socios/detalle.html", contexto)


@require_safe
@permiso_requerido("consultas.view_socio")
def volante(request, codigo, idioma=""):
    socio = socio_visible_o_404(request, codigo)
    pdf = servicios.volante_pdf(socio, idioma)
    respuesta = HttpResponse(pdf, content_type="application/pdf")
    nombre = f"volante-{socio.codigo}{'-' + idioma if idioma else ''}.pdf"
    respuesta["Content-Disposition"] = f'inline; filename="{nombre}"'
    return respuesta


@require_safe
@cache_control(public=True, max_age=86400)
def insignia(request):
    """The badge image partners embed: one URL for all of them (per language: /insignia.svg,
    /en/insignia.svg), so it tells nothing about who looks at which partner's page; no cookie
    is set."""
    svg = render_to_string(
        "portal/socios/insignia.svg",
        {"servicio": settings.SERVICIO_NOMBRE, "lema": _("Migra informado, migra seguro")},
    )
    respuesta = HttpResponse(svg, content_type="image/svg+xml")
    # Shown on partners' sites: the image must load cross-origin.
    respuesta["Cross-Origin-Resource-Policy"] = "cross-origin"
    return respuesta
