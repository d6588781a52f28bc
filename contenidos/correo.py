"""The portal's outgoing mail queue: store first, claim, send once, retry what failed.

No page waits on the mail server or fails because of it: a view stores the message and tries
once; ``reenviar_pendientes`` (every few minutes, see docs/despliegue.md) retries the rest.
A conditional UPDATE claims a message before sending, so two processes never send it twice.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone

from contenidos.models import CorreoSaliente

logger = logging.getLogger(__name__)

RECLAMO_CADUCA = timedelta(minutes=15)


def encolar(mensaje: EmailMultiAlternatives) -> CorreoSaliente:
    """Store one outgoing mail (one recipient per row) ready to send."""
    html = next((c for c, tipo in mensaje.alternatives if tipo == "text/html"), "")
    return CorreoSaliente.objects.create(
        destinatario=mensaje.to[0],
        asunto=mensaje.subject,
        texto=mensaje.body,
        html=html,
        cabeceras=dict(mensaje.extra_headers),
    )


def construir(correo: CorreoSaliente) -> EmailMultiAlternatives:
    mensaje = EmailMultiAlternatives(
        correo.asunto, correo.texto, to=[correo.destinatario], headers=correo.cabeceras
    )
    if correo.html:
        mensaje.attach_alternative(correo.html, "text/html")
    return mensaje


def _reclamar(pk: int) -> bool:
    ahora = timezone.now()
    return bool(
        CorreoSaliente.objects.por_enviar()
        .filter(pk=pk)
        .filter(Q(reclamado_el=None) | Q(reclamado_el__lt=ahora - RECLAMO_CADUCA))
        .update(reclamado_el=ahora, intentos=F("intentos") + 1)
    )


def enviar(pk: int) -> bool:
    """Send one stored mail if nobody else is; True when it was delivered now. Never raises
    for a mail failure: it is recorded and retried."""
    if not _reclamar(pk):
        return False
    correo = CorreoSaliente.objects.get(pk=pk)
    try:
        construir(correo).send(fail_silently=False)
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        logger.warning("No se pudo enviar el correo %s: %s", pk, exc)
        CorreoSaliente.objects.filter(pk=pk).update(
            reclamado_el=None, ultimo_error=f"{type(exc).__name__}: {exc}"[:500]
        )
        return False
    CorreoSaliente.objects.filter(pk=pk).update(
        enviado_el=timezone.now(), reclamado_el=None, ultimo_error=""
    )
    return True


def encolar_y_enviar(mensaje: EmailMultiAlternatives) -> bool:
    return enviar(encolar(mensaje).pk)


def reenviar_pendientes() -> tuple[int, int]:
    """Try every undelivered mail once; returns (sent, still failing)."""
    enviados = fallidos = 0
    for pk in list(
        CorreoSaliente.objects.por_enviar().order_by("creado", "pk").values_list("pk", flat=True)
    ):
        if enviar(pk):
            enviados += 1
        else:
            fallidos += 1
    return enviados, fallidos


def olvidar_destinatario(email: str) -> int:
    """Delete every stored mail to ``email``, sent or not (its address and the links in it
    are personal data); returns how many."""
    return CorreoSaliente.objects.filter(destinatario__iexact=email.strip()).delete()[0]
