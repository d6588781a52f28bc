"""Outgoing mail of remote consultations: build from templates, claim, send exactly once.

A message is always stored (``Mensaje``, with its final Message-ID) before any attempt to send
it. Sending first *claims* the row with a conditional UPDATE, so two processes (the web request
and ``reenviar_pendientes``) never send the same message twice; an SMTP failure leaves it
``no_enviado`` for a later retry.
"""

import logging
import smtplib
from datetime import timedelta
from email.utils import make_msgid, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from consultas.models.remotas import Direccion, EnlaceSeguimiento, EstadoEnvio, Mensaje, TipoMensaje

logger = logging.getLogger(__name__)

# A claim older than this is considered abandoned (the sending process died) and may be retaken.
RECLAMO_CADUCA = timedelta(minutes=15)

PLANTILLAS = {
    TipoMensaje.ACUSE: "correo/acuse",
    TipoMensaje.RESPUESTA: "correo/respuesta",
}


def dominio_de_correo() -> str:
    direccion = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if "@" in direccion:
        return direccion.rsplit("@", 1)[1]
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def nuevo_message_id() -> str:
    return make_msgid(idstring="infomigra", domain=dominio_de_correo())


def url_seguimiento(consulta) -> str:
    enlace = EnlaceSeguimiento.para(consulta)
    with translation.override(settings.LANGUAGE_CODE):
        ruta = reverse("portal_consulta:seguimiento", args=[enlace.token])
    return settings.SITE_URL + ruta


def asunto_para(consulta, tipo) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if tipo == TipoMensaje.ACUSE:
            texto = gettext("Recibimos su consulta")
        else:
            texto = gettext("Respuesta a su consulta")
    return f"[{consulta.codigo}] {texto} — {settings.SERVICIO_NOMBRE}"


def nuevo_mensaje_saliente(consulta, tipo, cuerpo, autor=None) -> Mensaje:
    """Store an outgoing message, ready to send (call inside the caller's transaction)."""
    anteriores = list(
        consulta.mensajes.exclude(message_id=None).values_list("message_id", "direccion")
    )
    entrantes = [mid for mid, direccion in anteriores if direccion == Direccion.ENTRADA]
    return Mensaje.objects.create(
        consulta=consulta,
        direccion=Direccion.SALIDA,
        tipo=tipo,
        autor=autor,
        remitente=settings.DEFAULT_FROM_EMAIL,
        destinatario=consulta.email,
        asunto=asunto_para(consulta, tipo),
        cuerpo=cuerpo,
        message_id=nuevo_message_id(),
        in_reply_to=entrantes[-1] if entrantes else "",
        referencias=" ".join(mid for mid, _ in anteriores[-10:]),
        estado_envio=EstadoEnvio.PENDIENTE,
    )


def construir(mensaje: Mensaje) -> EmailMultiAlternatives:
    consulta = mensaje.consulta
    contexto = {
        "consulta": consulta,
        "mensaje": mensaje,
        "enlace": url_seguimiento(consulta),
        "servicio": settings.SERVICIO_NOMBRE,
        "entidad": settings.SERVICIO_ENTIDAD,
        "correo_servicio": settings.SERVICIO_CORREO,
    }
    base = PLANTILLAS[mensaje.tipo]
    with translation.override(settings.LANGUAGE_CODE):
        texto = render_to_string(f"{base}.txt", contexto)
        html = render_to_string(f"{base}.html", contexto)
    cabeceras = {"Message-ID": mensaje.message_id, "Reply-To": settings.SERVICIO_CORREO}
    if mensaje.in_reply_to:
        cabeceras["In-Reply-To"] = mensaje.in_reply_to
    if mensaje.referencias:
        cabeceras["References"] = mensaje.referencias
    if mensaje.tipo == TipoMensaje.ACUSE:
        # Automatic: tells other robots not to answer it (RFC 3834).
        cabeceras["Auto-Submitted"] = "auto-replied"
    correo = EmailMultiAlternatives(
        subject=mensaje.asunto,
        body=texto,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mensaje.destinatario],
        headers=cabeceras,
    )
    correo.attach_alternative(html, "text/html")
    return correo


def _reclamar(mensaje_id: int) -> bool:
    ahora = timezone.now()
    return bool(
        Mensaje.objects.por_enviar()
        .filter(pk=mensaje_id)
        .filter(Q(reclamado_el=None) | Q(reclamado_el__lt=ahora - RECLAMO_CADUCA))
        .update(reclamado_el=ahora, intentos=F("intentos") + 1)
    )


def enviar(mensaje_id: int) -> bool:
    """Send one stored outgoing message if nobody else is; True when it was delivered now."""
    if not _reclamar(mensaje_id):
        return False
    mensaje = Mensaje.objects.select_related("consulta").get(pk=mensaje_id)
    try:
        construir(mensaje).send(fail_silently=False)
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        # ValueError: an address Django refuses to put in a header (kept for a human to fix).
        logger.warning("No se pudo enviar el mensaje %s: %s", mensaje_id, exc)
        Mensaje.objects.filter(pk=mensaje_id).update(
            estado_envio=EstadoEnvio.NO_ENVIADO,
            reclamado_el=None,
            ultimo_error=f"{type(exc).__name__}: {exc}"[:500],
        )
        return False
    Mensaje.objects.filter(pk=mensaje_id).update(
        estado_envio=EstadoEnvio.ENVIADO,
        enviado_el=timezone.now(),
        reclamado_el=None,
        ultimo_error="",
    )
    return True


def reenviar_pendientes() -> tuple[int, int]:
    """Try every undelivered outgoing message once; returns (sent, still failing)."""
    enviados = fallidos = 0
    ids = (
        Mensaje.objects.por_enviar()
        .filter(intentos__lt=settings.CORREO_MAX_INTENTOS)
        .order_by("creado", "id")
        .values_list("pk", flat=True)
    )
    for mensaje_id in list(ids):
        if enviar(mensaje_id):
            enviados += 1
        elif Mensaje.objects.filter(pk=mensaje_id, estado_envio=EstadoEnvio.NO_ENVIADO).exists():
            fallidos += 1
    return enviados, fallidos
