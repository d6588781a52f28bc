"""Public pages of remote consultations: the form, its confirmation, the private follow-up page
and the privacy notice. Routed from infomigra/urls.py inside i18n_patterns."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from consultas.models.remotas import Direccion, EnlaceSeguimiento, TipoMensaje
from consultas.remotas import correo
from consultas.remotas import servicios as remotas
from consultas.remotas.forms import ConsultaWebForm, SeguimientoForm, nueva_marca
from infomigra.red import direccion_cliente

CLAVE_SESION = "consulta_enviada"


@require_http_methods(["GET", "HEAD", "POST"])
def formulario(request):
    rechazo = ""
    if request.method == "POST":
        form = ConsultaWebForm(request.POST)
        if form.is_valid():
            if remotas.superado_limite(direccion_cliente(request)):
                rechazo = "limite"
                form.add_error(
                    None,
                    _(
                        "Recibimos demasiadas consultas desde tu conexión en la última hora. "
                        "Inténtalo de nuevo más tarde o escríbenos a %(correo)s."
                    )
                    % {"correo": settings.SERVICIO_CORREO},
                )
            else:
                consulta, acuse = remotas.registrar_consulta_web(form.cleaned_data)
                enviado = correo.enviar(acuse.pk)
                request.session[CLAVE_SESION] = {"codigo": consulta.codigo, "correo": enviado}
                return redirect("portal_consulta:enviada")
        else:
            rechazo = form.motivo_rechazo
    else:
        form = ConsultaWebForm(initial={"pregunta": request.GET.get("pregunta", "")[:5000]})
    # The page always carries a fresh signed timestamp; what the person wrote is kept.
    return render(
        request,
        "portal/consulta/formulario.html",
        {"form": form, "rechazo": rechazo, "marca": nueva_marca()},
        status=429 if rechazo == "limite" else 200,
    )


@require_safe
def enviada(request):
    datos = request.session.get(CLAVE_SESION)
    if not datos:
        return redirect("portal_consulta:formulario")
    return render(request, "portal/consulta/enviada.html", datos)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def seguimiento(request, token):
    enlace = EnlaceSeguimiento.buscar(token)
    if enlace is None:
        raise Http404
    consulta = enlace.consulta
    if request.method == "POST":
        form = SeguimientoForm(request.POST)
        if form.is_valid():
            remotas.agregar_seguimiento(consulta, form.cleaned_data["texto"])
            messages.success(
                request, _("Recibimos tu mensaje. Te responderemos por correo lo antes posible.")
            )
            return redirect(request.path)
    else:
        form = SeguimientoForm()
    hilo = consulta.mensajes.exclude(
        direccion=Direccion.SALIDA, tipo=TipoMensaje.ACUSE
    ).select_related("autor")
    respuesta = render(
        request,
        "portal/consulta/seguimiento.html",
        {"consulta": consulta, "hilo": hilo, "form": form},
    )
    respuesta["Referrer-Policy"] = "no-referrer"  # the token is in the URL
    respuesta["X-Robots-Tag"] = "noindex, nofollow"
    return respuesta
