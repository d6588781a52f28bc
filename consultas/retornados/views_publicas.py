"""The returnee's check-in form, opened by the private link sent by mail (no login)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from consultas.retornados import servicios
from consultas.retornados.forms import ControlPublicoForm
from consultas.retornados.models import Retornado


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def control(request, token):
    retornado = Retornado.buscar(token)
    if retornado is None or retornado.anonimizado:
        raise Http404
    abierto = servicios.control_abierto(retornado)
    form = ControlPublicoForm(request.POST or None)
    gracias = False
    status = 200
    if request.method == "POST" and abierto is not None:
        if form.is_valid():
            servicios.registrar_resultado(
                abierto,
                form.cleaned_data["resultado"],
                form.cleaned_data["comentario"],
                por_la_persona=True,
            )
            gracias, abierto = True, None
        else:
            status = 400
    contexto = {"retornado": retornado, "control": abierto, "form": form, "gracias": gracias}
    respuesta = render(request, "portal/retornados/control.html", contexto, status=status)
    # The token is in the URL: the site-wide "same-origin" policy keeps it from other sites
    # ("no-referrer" would make Chromium send "Origin: null" and fail the form's CSRF check).
    respuesta["X-Robots-Tag"] = "noindex, nofollow"
    return respuesta
