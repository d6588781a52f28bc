"""First enrolment of a staff member's 2FA device through a one-time link.

The password alone does not enrol a device (whoever stole it would enrol their own): the first
device needs a link made for that user (``manage.py enlace_doble_factor``, or a Responsable from
the team page), valid for ``DOBLE_FACTOR_ENLACE_HORAS``, stored hashed, used once; a new link
replaces the old. The link opens the setup page only after the user logs in with the password.

Mailed (``enviar_por_correo``), the link is made only when the queue sends the mail
(``contenido_correo``): the queued row names the ``EnlaceAlta`` as its owner and never holds
the token, and the link is valid for ``DOBLE_FACTOR_ENLACE_HORAS`` from that moment.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from infomigra.correo import cola
from infomigra.cuentas.models import EnlaceAlta

CLAVE_SESION = "doble_factor_alta"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _vence():
    return timezone.now() + timedelta(hours=settings.DOBLE_FACTOR_ENLACE_HORAS)


def _reemplazar(usuario, token: str) -> EnlaceAlta:
    """``usuario``'s only link from now on; an earlier link's mail is dropped (emptied if sent)."""
    anteriores = EnlaceAlta.objects.filter(usuario=usuario)
    cola.olvidar(EnlaceAlta, anteriores.values_list("pk", flat=True))
    anteriores.delete()
    return EnlaceAlta.objects.create(usuario=usuario, token_hash=_hash(token), vence=_vence())


def emitir(usuario) -> str:
    """A new enrolment link's path for ``usuario`` (any earlier link stops working)."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        _reemplazar(usuario, token)
    return reverse("doble_factor_alta", args=[token])


def _contexto(usuario) -> dict:
    return {
        "usuario": usuario,
        "horas": settings.DOBLE_FACTOR_ENLACE_HORAS,
        "SERVICIO_NOMBRE": settings.SERVICIO_NOMBRE,
    }


def enviar_por_correo(usuario) -> bool:
    """Queue the mail with a new enrolment link for ``usuario`` and try it once (True when it
    left now). Until the mail is sent the link holds a token nobody knows."""
    with translation.override(settings.LANGUAGE_CODE):
        asunto = render_to_string("correo/enlace_alta_asunto.txt", _contexto(usuario)).strip()
    with transaction.atomic():
        enlace = _reemplazar(usuario, secrets.token_urlsafe(32))
        correo = cola.encolar(usuario.email, asunto, objeto=enlace, tipo="alta")
    return cola.enviar(correo.pk)


def contenido_correo(enlace: EnlaceAlta, correo) -> tuple[str, str]:
    """The mail's text, with a token made now: only its hash is stored, and the link's time
    runs from the sending (a retry after a failure makes a new one)."""
    token = secrets.token_urlsafe(32)
    EnlaceAlta.objects.filter(pk=enlace.pk).update(token_hash=_hash(token), vence=_vence())
    contexto = _contexto(enlace.usuario)
    contexto["url"] = url_absoluta(reverse("doble_factor_alta", args=[token]))
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("correo/enlace_alta.txt", contexto), ""


def url_absoluta(ruta: str) -> str:
    return settings.SITE_URL.rstrip("/") + ruta


def autorizada(request) -> bool:
    """True when this session redeemed an enrolment link of its user."""
    return request.session.get(CLAVE_SESION) == request.user.pk


def terminar(request) -> None:
    request.session.pop(CLAVE_SESION, None)


def pagina_sin_enlace(request, invalido=False):
    """What a user without a device and without a valid link sees: how to get one."""
    contexto = {
        "invalido": invalido,
        "DOBLE_FACTOR_ENLACE_HORAS": settings.DOBLE_FACTOR_ENLACE_HORAS,
    }
    return render(request, "registration/doble_factor_sin_enlace.html", contexto,
                  status=400 if invalido else 200)  # fmt: skip


@login_required
@require_safe
def alta(request, token):
    """Redeem a link: only its own user, once, before it expires; then the setup page."""
    with transaction.atomic():
        enlace = (
            EnlaceAlta.objects.select_for_update()
            .filter(token_hash=_hash(token), usuario=request.user, vence__gt=timezone.now())
            .first()
        )
        if enlace is not None:
            enlace.delete()
    if enlace is None:
        return pagina_sin_enlace(request, invalido=True)
    request.session[CLAVE_SESION] = request.user.pk
    return redirect("doble_factor_configurar")
