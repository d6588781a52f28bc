"""Back-office inbox of remote consultations: pending list, thread, assignment, answer."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consultas import remotas
from consultas.forms_remotas import RespuestaForm
from consultas.models import Consulta
from consultas.models_remotas import EstadoEnvio
from consultas.roles import rol_requerido
from faq.busqueda import sugerencias
from infomigra.vocabulario import ROL_ASESOR, ROL_RESPONSABLE


def _consulta_remota(usuario, codigo) -> Consulta:
    """The remote consultation if the user may see it, else 404."""
    return get_object_or_404(
        Consulta.objects.visibles_para(usuario).remotas().select_related("sede", "asesor"),
        codigo=codigo,
    )


def _sugerencias_faq(consulta):
    """Published FAQ entries that best match what the person asked."""
    return list(sugerencias(consulta.resumen))


@require_safe
@rol_requerido(ROL_ASESOR, ROL_RESPONSABLE)
def bandeja(request):
    paginador, pagina, filas = remotas.pagina_bandeja(request.user, request.GET.get("pagina"))
    return render(
        request,
        "gestion/bandeja/lista.html",
        {
            "filas": filas,
            "paginador": paginador,
            "pagina": pagina,
            "alerta_horas": remotas.ALERTA_HORAS,
            "urgente_horas": remotas.URGENTE_HORAS,
        },
    )


@require_POST
@rol_requerido(ROL_ASESOR, ROL_RESPONSABLE)
def asignarme(request, codigo):
    consulta = _consulta_remota(request.user, codigo)
    remotas.asignar(consulta, request.user)
    messages.success(request, _("Te asignaste la consulta %(codigo)s.") % {"codigo": codigo})
    if request.POST.get("volver") == "hilo":
        return redirect("gestion:bandeja_hilo", codigo=codigo)
    return redirect("gestion:bandeja")


@require_http_methods(["GET", "HEAD", "POST"])
@rol_requerido(ROL_ASESOR, ROL_RESPONSABLE)
def hilo(request, codigo):
    consulta = _consulta_remota(request.user, codigo)
    if request.method == "POST":
        form = RespuestaForm(request.POST)
        if not consulta.email:
            form.add_error(None, _("Esta consulta no tiene correo electrónico al que responder."))
        elif form.is_valid():
            mensaje = remotas.responder(consulta, request.user, form.cleaned_data["respuesta"])
            if mensaje.estado_envio == EstadoEnvio.ENVIADO:
                messages.success(
                    request, _("Respuesta enviada a %(email)s.") % {"email": mensaje.destinatario}
                )
            else:
                messages.warning(
                    request,
                    _(
                        "La respuesta quedó guardada, pero el correo no se pudo enviar. "
                        "Se reintentará automáticamente."
                    ),
                )
            return redirect("gestion:bandeja_hilo", codigo=codigo)
    else:
        form = RespuestaForm()
    sugerencias = _sugerencias_faq(consulta)
    return render(
        request,
        "gestion/bandeja/hilo.html",
        {
            "consulta": consulta,
            "hilo": consulta.mensajes.select_related("autor"),
            "form": form,
            "temas": list(consulta.temas.all()),
            "sugerencias": sugerencias,
            "es_mia": consulta.asesor_id == request.user.pk,
        },
    )
