"""Public pages of workshops: the list, one page per event (with .ics), registration and the
private link to confirm or cancel. Routed inside i18n_patterns."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from consultas.talleres import servicios
from consultas.talleres.forms import FiltroTalleresForm, InscripcionForm
from consultas.talleres.models import EstadoInscripcion, Inscripcion, Taller
from infomigra import limites
from infomigra.red import direccion_cliente

POR_PAGINA = 50


@require_safe
def lista(request):
    filtro = FiltroTalleresForm(request.GET or None)
    talleres = Taller.objects.proximos().select_related("sede")
    if filtro.is_valid():
        if filtro.cleaned_data["region"]:
            talleres = talleres.filter(region=filtro.cleaned_data["region"])
        if filtro.cleaned_data["publico"]:
            talleres = talleres.filter(publico=filtro.cleaned_data["publico"])
    anteriores = (
        Taller.objects.publicados()
        .filter(inicio__lt=timezone.now())
        .select_related("sede")
        .order_by("-inicio")[:10]
    )
    talleres = list(talleres[:POR_PAGINA])
    contexto = {
        "filtro": filtro,
        "talleres": talleres,
        "anteriores": anteriores,
        "idioma_talleres": _idioma_ajeno(talleres, translation.get_language()),
    }
    return render(request, "portal/talleres/lista.html", contexto)


def _idioma_ajeno(talleres, idioma: str) -> str:
    """The language the listed workshops are written in when some are not in the page's
    (for the portal's "not translated" note), else an empty string."""
    otros = {t.idioma_contenido for t in talleres} - {idioma}
    return sorted(otros)[0] if otros else ""


def _superado_limite(request) -> bool:
    permitido = limites.tomar(
        "talleres.inscripcion", direccion_cliente(request), settings.CONSULTA_LIMITE_POR_HORA
    )
    return not permitido


@require_http_methods(["GET", "HEAD", "POST"])
def detalle(request, pk):
    taller = get_object_or_404(Taller.objects.publicados().select_related("sede"), pk=pk)
    form = InscripcionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if taller.pasado:
            form.add_error(None, _("Este taller ya se realizó; no admite inscripciones."))
            status = 400
        elif form.is_valid():
            if form.cleaned_data["sitio_web"]:
                return redirect("portal_talleres:revise_correo")
            if _superado_limite(request):
                form.add_error(None, _("Recibimos demasiadas inscripciones desde su conexión. "
                                       "Inténtelo de nuevo más tarde."))  # fmt: skip
                status = 429
            else:
                servicios.enviar_ahora(servicios.inscribir(taller, form.cleaned_data))
                return redirect("portal_talleres:revise_correo")
        else:
            status = 400
    contexto = {
        "taller": taller,
        "form": form,
        "libres": taller.capacidad - servicios.ocupados(taller),
    }
    return render(request, "portal/talleres/detalle.html", contexto, status=status)


@require_safe
def calendario(request, pk):
    taller = get_object_or_404(Taller.objects.publicados().select_related("sede"), pk=pk)
    respuesta = HttpResponse(servicios.calendario_ics(taller), content_type="text/calendar")
    respuesta["Content-Disposition"] = f'attachment; filename="taller-{taller.pk}.ics"'
    return respuesta


@require_safe
def revise_correo(request):
    return render(request, "portal/talleres/revise_correo.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def inscripcion(request, token):
    """The person's private page: confirm (double opt-in) or cancel, without logging in."""
    fila = Inscripcion.buscar(token, Inscripcion.objects.select_related("taller__sede"))
    if fila is None or fila.anonimizada:
        raise Http404
    if request.method == "POST":
        accion = request.POST.get("accion")
        if accion == "confirmar" and fila.estado == EstadoInscripcion.PENDIENTE:
            servicios.enviar_ahora(servicios.confirmar(fila))
        elif accion == "cancelar" and fila.estado != EstadoInscripcion.CANCELADA:
            servicios.enviar_ahora(servicios.cancelar(fila))
            messages.success(request, _("Su inscripción fue cancelada."))
        return redirect(request.path)
    respuesta = render(
        request, "portal/talleres/inscripcion.html", {"inscripcion": fila, "taller": fila.taller}
    )
    # The token is in the URL: the site-wide "same-origin" policy keeps it from other sites
    # ("no-referrer" would make Chromium send "Origin: null" and fail the form's CSRF check).
    respuesta["X-Robots-Tag"] = "noindex, nofollow"
    return respuesta
