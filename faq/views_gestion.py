"""Back-office FAQ views (under /gestion/faq/): propose a draft, coverage, advisor uses, and
the searches that found no answer."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from faq import origenes
from faq.forms import PropuestaForm
from faq.models import Pregunta
from faq.motor import registro
from faq.redaccion import redactar
from faq.servicios import cobertura, proponer_desde_consulta, registrar_uso
from infomigra.acceso import permiso_requerido

DIAS_COBERTURA = 90


def _siguiente(request):
    destino = request.POST.get("siguiente") or request.GET.get("siguiente") or ""
    if url_has_allowed_host_and_scheme(
        destino, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return destino
    return ""


@require_http_methods(["GET", "POST"])
@permiso_requerido()
def proponer(request):
    """Propose an answered consultation as an FAQ draft.

    GET ``?codigo=`` shows its texts with personal data already replaced (emails, numbers,
    documents, names) for the advisor to check; POST creates the unpublished draft.
    """
    if request.method == "GET" and request.GET.get("codigo"):
        origen = origenes.origen(request.user, request.GET["codigo"])
        if origen is None:
            raise Http404
        inicial = {
            "codigo": origen["codigo"],
            "tema": origen["tema"],
            "perfil": origen["perfil"],
            "resumen": redactar(origen["resumen"], origen["nombres"]),
            "respuesta": redactar(origen["respuesta"], origen["nombres"]),
        }
        form = PropuestaForm(initial=inicial, usuario=request.user)
    else:
        form = PropuestaForm(request.POST or None, usuario=request.user)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        previa = Pregunta.objects.filter(consulta_origen=datos["codigo"]).first()
        pregunta = previa or proponer_desde_consulta(
            datos["codigo"], datos["resumen"], datos["respuesta"], datos["tema"], datos["perfil"]
        )
        if previa:
            messages.info(
                request,
                _("La consulta %(codigo)s ya fue propuesta como pregunta frecuente.")
                % {"codigo": datos["codigo"]},
            )
        else:
            messages.success(
                request,
                _(
                    "Propuesta creada como borrador: un editor quitará los datos personales "
                    "y la revisará antes de publicarla."
                ),
            )
        if request.user.has_perm("faq.change_pregunta") and request.user.is_staff:
            return redirect(reverse("admin:faq_pregunta_change", args=[pregunta.pk]))
        return redirect(_siguiente(request) or "gestion:inicio")
    estado = 400 if request.method == "POST" else 200
    contexto = {"form": form, "siguiente": _siguiente(request)}
    return render(request, "gestion/faq/proponer.html", contexto, status=estado)


@require_safe
@permiso_requerido("faq.view_pregunta", "consultas.ver_todas_las_sedes")
def informe_cobertura(request):
    filas = cobertura(dias=DIAS_COBERTURA)
    contexto = {
        "filas": filas,
        "dias": DIAS_COBERTURA,
        "total_consultas": sum(f.consultas for f in filas),
        "total_preguntas": sum(f.preguntas for f in filas),
    }
    return render(request, "gestion/faq/cobertura.html", contexto)


@require_POST
@permiso_requerido()
def usar(request, pk):
    """An advisor inserts an entry into an answer: count the use, return the text to insert."""
    pregunta = get_object_or_404(Pregunta.objects.publicadas(), pk=pk)
    registrar_uso(pregunta.pk)
    return JsonResponse({"pregunta": pregunta.pregunta, "respuesta": pregunta.respuesta_texto})


@require_safe
@permiso_requerido("faq.view_pregunta", "consultas.ver_todas_las_sedes")
def busquedas_sin_respuesta(request):
    """Per week, what people searched and did not find or did not open: the bank's backlog."""
    semanas = registro.sin_respuesta()
    crear = reverse("admin:faq_pregunta_add")
    for _semana, filas in semanas:
        for fila in filas:
            fila.enlace_crear = f"{crear}?{urlencode({'pregunta': fila.texto})}"
    return render(request, "gestion/faq/busquedas.html", {"semanas": semanas})
