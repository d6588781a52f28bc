"""One-time backup codes for two-factor login (django-otp static tokens).

Ten codes are made when the authenticator app is confirmed and shown once; each one lets the
person in once if the phone is lost. New codes replace every old one.
"""

import re
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

CANTIDAD = 10
NOMBRE_DISPOSITIVO = "respaldo"
CLAVE_SESION = "codigos_respaldo_nuevos"
# StaticToken.random_token(): eight base32 characters; typed with spaces or dashes, any case.
FORMATO = re.compile(r"^[a-z2-7]{8}$")


def normalizar(codigo: str) -> str:
    return re.sub(r"[\s-]", "", codigo).lower()


def parece_codigo(codigo: str) -> bool:
    return bool(FORMATO.match(normalizar(codigo)))


def generar(usuario) -> list[str]:
    """Replace the user's backup codes with ``CANTIDAD`` new ones and return them."""
    dispositivo, _creado = StaticDevice.objects.get_or_create(
        user=usuario, name=NOMBRE_DISPOSITIVO, defaults={"confirmed": True}
    )
    dispositivo.token_set.all().delete()
    codigos = [StaticToken.random_token() for _ in range(CANTIDAD)]
    StaticToken.objects.bulk_create(StaticToken(device=dispositivo, token=c) for c in codigos)
    return codigos


def restantes(usuario) -> int:
    return StaticToken.objects.filter(device__user=usuario, device__confirmed=True).count()


def dispositivos(usuario):
    return list(StaticDevice.objects.filter(user=usuario, confirmed=True))


def generar_para_mostrar(request) -> None:
    """New codes for the logged-in user, kept in the session until the page shows them once."""
    request.session[CLAVE_SESION] = generar(request.user)


def agrupar(codigo: str) -> str:
    return f"{codigo[:4]}-{codigo[4:]}"


def _siguiente(request) -> str:
    destino = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        destino, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return destino
    return reverse("gestion:inicio")


@login_required
@require_http_methods(["GET", "POST"])
def codigos(request):
    """Show freshly made codes once; a verified user may replace them (POST)."""
    if request.method == "POST":
        if not request.user.is_verified():
            return HttpResponseRedirect(reverse("doble_factor_verificar"))
        generar_para_mostrar(request)
        return HttpResponseRedirect(f"{request.path}?{urlencode({'next': _siguiente(request)})}")
    nuevos = request.session.pop(CLAVE_SESION, None)
    contexto = {
        "nuevos": [agrupar(c) for c in nuevos] if nuevos else None,
        "restantes": restantes(request.user),
        "verificado": request.user.is_verified(),
        "next": _siguiente(request),
    }
    return render(request, "registration/doble_factor_respaldo.html", contexto)
