"""Mails to staff members, through the outgoing-mail queue (never sent directly)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from infomigra.correo import cola


def enviar_enlace_alta(usuario, url: str) -> None:
    """The one-time link that enrols ``usuario``'s first two-step verification device."""
    contexto = {
        "usuario": usuario,
        "url": url,
        "horas": settings.DOBLE_FACTOR_ENLACE_HORAS,
        "SERVICIO_NOMBRE": settings.SERVICIO_NOMBRE,
    }
    asunto = render_to_string("correo/enlace_alta_asunto.txt", contexto).strip()
    texto = render_to_string("correo/enlace_alta.txt", contexto)
    cola.encolar_y_enviar(EmailMultiAlternatives(asunto, texto, to=[usuario.email]))
