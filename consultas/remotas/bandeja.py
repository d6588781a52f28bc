"""Back-office inbox of remote consultations: pending list, thread, assignment, answer."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consultas.models import Consulta
from consultas.models.remotas import EstadoEnvio
from consultas.privacidad.auditoria import Accion, registrar_acceso
from consultas.remotas import servicios as remotas
from consultas.remotas import triaje
from consultas.remotas.forms import RespuestaForm
from faq.motor.preguntas import sugerencias
from infomigra.acceso import permiso_requerido


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
@permiso_requerido("consultas.change_consulta")
def bandeja(request):
    pagina = triaje.pagina(request.user, request.GET.get("pagina") or 1)
    return render(
        request,
        "gestion/bandeja/lista.html",
        {
            "pagina": pagina,
            "filas": pagina.object_list,
            "alerta_horas": remotas.ALERTA_HORAS,
            "urgente_horas": remotas.URGENTE_HORAS,
            "motivos": triaje.MOTIVOS_DESCARTE,
        },
    )


@require_POST
@permiso_requerido("consultas.change_consulta")
def descartar(request):
    codigos = request.POST.getlist("codigos")
    motivo = request.POST.get("motivo", "")
    if not codigos or motivo not in triaje.MOTIVOS_DESCARTE:
        messages.error(request, _("Marque al menos una consulta y elija el motivo del descarte."))
        return redirect("gestion:bandeja")
    total = triaje.descartar(request.user, codigos, motivo)
    messages.success(
        request,
        ngettext(
            "Se descartó %(n)s consulta: no cuenta en las estadísticas.",
            "Se descartaron %(n)s consultas: no cuentan en las estadísticas.",
            total,
        )
        % {"n": total},
    )
    return redirect("gestion:bandeja")


@require_POST
@permiso_requerido("consultas.change_consulta")
def restaurar(request, codigo):
    consulta = _consulta_remota(request.user, codigo)
    triaje.restaurar(consulta)
    messages.success(request, _("La consulta %(codigo)s volvió a la bandeja.") % {"codigo": codigo})
    return redirect("gestion:bandeja_hilo", codigo=codigo)


@require_POST
@permiso_requerido("consultas.change_consulta")
def asignarme(request, codigo):
    consulta = _consulta_remota(request.user, codigo)
    remotas.asignar(consulta, request.user)
    messages.success(request, _("Se asignó la consulta %(codigo)s.") % {"codigo": codigo})
    if request.POST.get("volver") == "hilo":
        return redirect("gestion:bandeja_hilo", codigo=codigo)
    return redirect("gestion:bandeja")


@require_http_methods(["GET", "HEAD", "POST"])
@permiso_requerido("consultas.change_consulta")
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
                )  # the consultation stays pending until SMTP accepts the answer
            return redirect("gestion:bandeja_hilo", codigo=codigo)
    else:
        form = RespuestaForm()
    sugerencias = _sugerencias_faq(consulta)
    registrar_acceso(request, Accion.VER, consulta, "hilo de la bandeja")
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
