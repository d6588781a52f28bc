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
from consultas.remotas.forms import ConsultaWebForm, CorreoForm, SeguimientoForm, nueva_marca
from consultas.socios.atribucion import socio_de
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
                        "Recibimos demasiadas consultas desde su conexión en la última hora. "
                        "Inténtelo de nuevo más tarde o escríbanos a %(correo)s."
                    )
                    % {"correo": settings.SERVICIO_CORREO},
                )
            else:
                consulta, acuse = remotas.registrar_consulta_web(
                    form.cleaned_data, socio=socio_de(request)
                )
                enviado = correo.enviar(acuse.pk) if acuse else "limite"
                request.session[CLAVE_SESION] = {
                    "codigo": consulta.codigo,
                    "correo": enviado,
                    "email": consulta.email,
                    "token": consulta.enlace_seguimiento.token,
                }
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
    """The code and the private link, shown once after the POST-redirect.

    The key is taken out of the session as the page is shown. A visitor's session that then
    holds nothing else is deleted, with its cookie: their next public pages come from the edge
    cache again (a session cookie bypasses it) and the email and follow-up link do not stay in
    the session store. A staff member's session only loses the key. A reload, or a visit
    without a consultation, says where the code is instead of showing it again.
    """
    if request.method == "HEAD":  # a HEAD (a link checker, a prefetch) does not use it up
        datos = request.session.get(CLAVE_SESION)
    else:
        datos = request.session.pop(CLAVE_SESION, None)
        if datos and not request.session.keys():
            request.session.flush()
    if not datos:
        return render(
            request, "portal/consulta/enviada_mostrada.html", {"correo": settings.SERVICIO_CORREO}
        )
    return render(request, "portal/consulta/enviada.html", datos)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def seguimiento(request, token):
    enlace = EnlaceSeguimiento.buscar(token)
    if enlace is None:
        raise Http404
    consulta = enlace.consulta
    if enlace.vencido:
        respuesta = render(
            request,
            "portal/consulta/seguimiento_vencido.html",
            {"codigo": consulta.codigo, "correo": settings.SERVICIO_CORREO},
            status=410,
        )
        respuesta["Referrer-Policy"] = "no-referrer"
        return respuesta
    form, form_correo = SeguimientoForm(), CorreoForm(initial={"email": consulta.email})
    if request.method == "POST" and request.POST.get("accion") == "correo":
        form_correo = CorreoForm(request.POST)
        if form_correo.is_valid():
            acuse = remotas.cambiar_correo(consulta, form_correo.cleaned_data["email"])
            if acuse is not None:
                correo.enviar(acuse.pk)
            messages.success(
                request,
                _("Guardamos su correo: %(email)s. Allí le enviaremos la respuesta.")
                % {"email": form_correo.cleaned_data["email"]},
            )
            return redirect(request.path)
    elif request.method == "POST":
        form = SeguimientoForm(request.POST)
        if form.is_valid():
            remotas.agregar_seguimiento(consulta, form.cleaned_data["texto"])
            messages.success(
                request, _("Recibimos su mensaje. Le responderemos por correo lo antes posible.")
            )
            return redirect(request.path)
    hilo = consulta.mensajes.exclude(
        direccion=Direccion.SALIDA, tipo=TipoMensaje.ACUSE
    ).select_related("autor")
    respuesta = render(
        request,
        "portal/consulta/seguimiento.html",
        {"consulta": consulta, "hilo": hilo, "form": form, "form_correo": form_correo},
    )
    # The token is in the URL: no referrer leaves the site. Not "no-referrer": Chromium then
    # posts this page's forms with "Origin: null", which the CSRF check rightly refuses.
    respuesta["Referrer-Policy"] = "same-origin"
    respuesta["X-Robots-Tag"] = "noindex, nofollow"
    return respuesta
