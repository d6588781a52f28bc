"""Boletín subscription: its own form page (the edition list stays cookie-free), double opt-in
confirmation, one-click unsubscribe, and the subscriber's own export and deletion."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from contenidos import boletin as servicio
from contenidos.forms import BorrarSuscripcionForm, SuscripcionForm
from contenidos.models import Suscriptor


@require_http_methods(["GET", "HEAD", "POST"])
def suscribir(request):
    if request.method != "POST":
        return render(request, "portal/boletin_suscribir.html", {"form": SuscripcionForm()})
    form = SuscripcionForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/boletin_suscribir.html", {"form": form}, status=400)
    if not form.cleaned_data["sitio_web"]:
        servicio.suscribir(
            form.cleaned_data["email"],
            form.cleaned_data["temas"],
            translation.get_language(),
            # Set by the partner-attribution middleware of the back office, when present.
            socio=getattr(request, "socio_codigo", ""),
        )
    return redirect("portal:boletin_revise_correo")


@require_safe
def revise_correo(request):
    return render(request, "portal/boletin_aviso.html", {"aviso": "revise"})


@require_safe
def confirmar(request, token):
    suscriptor = servicio.suscriptor_de_token(token)
    if suscriptor is None or not servicio.confirmar(suscriptor):
        return render(request, "portal/boletin_aviso.html", {"aviso": "invalido"}, status=400)
    return render(request, "portal/boletin_aviso.html", {"aviso": "confirmado"})


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a CSRF token; the token is the key
@require_http_methods(["GET", "HEAD", "POST"])
def baja(request, token):
    """The page every boletín mail links to: unsubscribe (one click), download one's data, or
    delete the subscription with its data."""
    suscriptor = get_object_or_404(Suscriptor, token=token)
    accion = request.POST.get("accion", "baja") if request.method == "POST" else ""
    if accion == "datos":
        datos = json.dumps(
            servicio.exportar_suscriptor(suscriptor), cls=DjangoJSONEncoder, ensure_ascii=False
        )
        respuesta = HttpResponse(datos, content_type="application/json")
        respuesta["Content-Disposition"] = 'attachment; filename="mis-datos-boletin.json"'
        return respuesta
    if accion == "borrar":
        form = BorrarSuscripcionForm(request.POST)
        if not form.is_valid():
            contexto = {"suscriptor": suscriptor, "form_borrar": form}
            return render(request, "portal/boletin_baja.html", contexto, status=400)
        servicio.olvidar_suscriptor(suscriptor)
        return render(request, "portal/boletin_aviso.html", {"aviso": "borrado"})
    if accion:
        servicio.dar_de_baja(suscriptor)
        return render(request, "portal/boletin_aviso.html", {"aviso": "baja"})
    contexto = {"suscriptor": suscriptor, "form_borrar": BorrarSuscripcionForm()}
    return render(request, "portal/boletin_baja.html", contexto)
