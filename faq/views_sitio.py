"""The portal's search page (``/buscar/``, URL name ``portal:buscar``), registered into
``contenidos`` through its hook: one engine for FAQ, guides, country pages, videos and the
directory."""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from faq.motor import registro
from faq.motor.sitio import buscar_sitio
from faq.views import enlace_consulta

LARGO_CONSULTA = 200


def _idiomas():
    actual = translation.get_language() or settings.LANGUAGE_CODE
    return [actual] if actual == settings.LANGUAGE_CODE else [actual, settings.LANGUAGE_CODE]


@require_safe
def buscar(request):
    consulta = " ".join(request.GET.get("q", "").split())[:LARGO_CONSULTA]
    busqueda = None
    if consulta:
        busqueda = buscar_sitio(consulta, _idiomas())
        registro.registrar(consulta, sin_resultados=not busqueda.resultados)
    contexto = {
        "consulta": consulta,
        "busqueda": busqueda,
        "total": len(busqueda.resultados) if busqueda else 0,
        "correccion": busqueda.analisis.correccion if busqueda else "",
        "enlace_consulta": enlace_consulta(consulta),
    }
    return render(request, "portal/buscar.html", contexto)
