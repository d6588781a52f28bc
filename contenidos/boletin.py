"""Boletín service: double opt-in subscription mails and resumable, never-twice sending."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from contenidos.models import Boletin, Envio, Suscriptor
from infomigra import limites
from infomigra.correo import cola

log = logging.getLogger(__name__)

SAL_CONFIRMAR = "contenidos.boletin.confirmar"
CONFIRMAR = "boletin_confirmar"  # the queue's ``tipo`` of the confirmation mail
VALIDEZ_CONFIRMACION = 7 * 24 * 3600  # seconds


def url_absoluta(ruta: str) -> str:
    return settings.SITE_URL + ruta


def token_confirmacion(suscriptor: Suscriptor) -> str:
    return signing.dumps({"id": suscriptor.pk, "email": suscriptor.email}, salt=SAL_CONFIRMAR)


def suscriptor_de_token(token: str) -> Suscriptor | None:
    """The subscriber a confirmation token was made for, or None if forged, stale or changed."""
    try:
        datos = signing.loads(token, salt=SAL_CONFIRMAR, max_age=VALIDEZ_CONFIRMACION)
    except signing.BadSignature:
        return None
    return Suscriptor.objects.filter(pk=datos.get("id"), email=datos.get("email")).first()


def url_baja(suscriptor: Suscriptor) -> str:
    with translation.override(suscriptor.idioma):
        return url_absoluta(reverse("portal:boletin_baja", args=[suscriptor.token]))


def superado_limite_confirmaciones(email: str) -> bool:
    """Count one confirmation mail to ``email``; True past BOLETIN_CONFIRMACIONES_POR_DIA in a
    day (each subscribe re-sent one: anyone could flood any address)."""
    return not limites.tomar(
        "boletin_confirmaciones", email, settings.BOLETIN_CONFIRMACIONES_POR_DIA, 86400
    )


def suscribir(email: str, temas: list, idioma: str, socio: str = "") -> Suscriptor | None:
    """Record (or renew) a pending subscription to ``temas`` (``Tema`` rows; none: every
    edition) and mail the confirmation link.

    A confirmed, active subscriber gets nothing new (the page answers the same either way, so
    it doesn't reveal who is subscribed). Returns the subscriber mailed, if any.
    """
    email = email.strip().lower()
    suscriptor, _creado = Suscriptor.objects.get_or_create(email=email, defaults={"idioma": idioma})
    if suscriptor.activo:
        return None
    suscriptor.temas.set(temas)
    suscriptor.idioma = idioma
    suscriptor.baja_el = None
    suscriptor.confirmado_el = None
    if socio:
        suscriptor.socio = socio
    suscriptor.save()
    if superado_limite_confirmaciones(email):
        return None
    with translation.override(idioma):
        asunto = render_to_string(
            "portal/correo/confirmar_asunto.txt", {"SERVICIO_NOMBRE": settings.SERVICIO_NOMBRE}
        ).strip()
    # Queued (the link is rendered when sent, never stored), then tried once: a mail server
    # that is down never fails the page.
    cola.enviar(cola.encolar(email, asunto, objeto=suscriptor, tipo=CONFIRMAR).pk)
    return suscriptor


def contenido_correo(suscriptor: Suscriptor, correo) -> tuple[str, str]:
    """The confirmation mail's text (no HTML), with a link signed now."""
    with translation.override(suscriptor.idioma):
        enlace = url_absoluta(
            reverse("portal:boletin_confirmar", args=[token_confirmacion(suscriptor)])
        )
        contexto = {"enlace": enlace, "SERVICIO_NOMBRE": settings.SERVICIO_NOMBRE}
        return render_to_string("portal/correo/confirmar.txt", contexto), ""


def confirmar(suscriptor: Suscriptor) -> bool:
    """Confirm a pending subscription; False for someone who confirmed and then left (an old
    link must not subscribe them again: they subscribe anew and get a fresh link)."""
    if suscriptor.confirmado_el is None:
        suscriptor.confirmado_el = timezone.now()
        suscriptor.baja_el = None
        suscriptor.save(update_fields=["confirmado_el", "baja_el"])
    return suscriptor.baja_el is None


def dar_de_baja(suscriptor: Suscriptor) -> None:
    if suscriptor.baja_el is None:
        suscriptor.baja_el = timezone.now()
        suscriptor.save(update_fields=["baja_el"])


def mensaje_edicion(boletin: Boletin, suscriptor: Suscriptor) -> EmailMultiAlternatives:
    baja = url_baja(suscriptor)
    with translation.override(suscriptor.idioma):
        contexto = {
            "boletin": boletin,
            "url": url_absoluta(boletin.get_absolute_url()),
            "url_baja": baja,
            "SERVICIO_NOMBRE": settings.SERVICIO_NOMBRE,
        }
        asunto = render_to_string("portal/correo/edicion_asunto.txt", contexto).strip()
        texto = render_to_string("portal/correo/edicion.txt", contexto)
        html = render_to_string("portal/correo/edicion.html", contexto)
    mensaje = EmailMultiAlternatives(
        asunto,
        texto,
        to=[suscriptor.email],
        headers={
            "List-Unsubscribe": f"<{baja}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    mensaje.attach_alternative(html, "text/html")
    return mensaje


@dataclass
class ResultadoEnvio:
    enviados: int = 0
    fallidos: int = 0
    omitidos: int = 0  # not interested in this edition's topics


def _reclamar(boletin: Boletin, suscriptor: Suscriptor) -> Envio | None:
    """Claim the (edition, subscriber) pair; None if another run already holds it."""
    try:
        with transaction.atomic():
            return Envio.objects.create(
                boletin=boletin, suscriptor=suscriptor, estado=Envio.Estado.RECLAMADO
            )
    except IntegrityError:
        reintento = Envio.objects.filter(
            boletin=boletin, suscriptor=suscriptor, estado=Envio.Estado.FALLIDO
        )
        # A failed delivery is retried, claimed again atomically by moving it out of FALLIDO.
        if reintento.update(estado=Envio.Estado.RECLAMADO, reclamado_el=timezone.now()):
            return Envio.objects.get(boletin=boletin, suscriptor=suscriptor)
        return None


def pendientes(boletin: Boletin):
    """Active subscribers with no delivery of this edition yet, or with a failed one."""
    ya = Envio.objects.filter(boletin=boletin).exclude(estado=Envio.Estado.FALLIDO)
    return Suscriptor.objects.activos().exclude(pk__in=ya.values("suscriptor_id")).order_by("pk")


def enviar_edicion(boletin: Boletin, lote: int = 100, limite: int | None = None) -> ResultadoEnvio:
    """Send ``boletin`` to every interested, confirmed subscriber, ``lote`` at a time.

    Each delivery is claimed (unique Envio) before its mail goes out, so concurrent or repeated
    runs never mail a person twice; a run that stops half-way resumes where it stopped.
    ``limite`` caps how many mails this run sends (for throttled relays).
    """
    resultado = ResultadoEnvio()
    temas_edicion = set(boletin.temas.values_list("pk", flat=True))
    ultimo = 0
    while limite is None or resultado.enviados < limite:
        grupo = list(pendientes(boletin).filter(pk__gt=ultimo).prefetch_related("temas")[:lote])
        if not grupo:
            break
        ultimo = grupo[-1].pk
        with get_connection() as conexion:
            for suscriptor in grupo:
                if limite is not None and resultado.enviados >= limite:
                    break
                if not suscriptor.quiere(boletin, temas_edicion):
                    resultado.omitidos += 1
                    continue
                envio = _reclamar(boletin, suscriptor)
                if envio is None:
                    continue
                try:
                    mensaje = mensaje_edicion(boletin, suscriptor)
                    mensaje.connection = conexion
                    mensaje.send()
                except Exception as exc:  # noqa: BLE001 (any mail failure is recorded, then retried)
                    log.warning("Boletín %s a %s: %s", boletin.numero, suscriptor.email, exc)
                    envio.estado = Envio.Estado.FALLIDO
                    envio.error = str(exc)[:500]
                    envio.save(update_fields=["estado", "error"])
                    resultado.fallidos += 1
                    continue
                envio.estado = Envio.Estado.ENVIADO
                envio.enviado_el = timezone.now()
                envio.save(update_fields=["estado", "enviado_el"])
                resultado.enviados += 1
    return resultado


def suscriptores_de(email: str):
    """The subscription of ``email`` (case-insensitive), as a queryset (at most one row)."""
    email = (email or "").strip()
    if not email:
        return Suscriptor.objects.none()
    return Suscriptor.objects.filter(email__iexact=email)


def exportar_suscriptor(suscriptor: Suscriptor) -> dict:
    """Everything held about a subscriber, JSON-serialisable (the right to portability)."""
    return {
        "email": suscriptor.email,
        "temas": sorted(suscriptor.temas.values_list("codigo", flat=True)),
        "perfiles": list(suscriptor.perfiles or []),
        "idioma": suscriptor.idioma,
        "suscrito_el": suscriptor.creado,
        "confirmado_el": suscriptor.confirmado_el,
        "baja_el": suscriptor.baja_el,
        "socio": suscriptor.socio,
        "ediciones_recibidas": list(
            suscriptor.envios.filter(estado=Envio.Estado.ENVIADO)
            .order_by("boletin__numero")
            .values_list("boletin__numero", flat=True)
        ),
    }


def olvidar_suscriptor(suscriptor: Suscriptor) -> None:
    """Delete the subscription with its data: the row, its deliveries and every mail stored
    for the address (queued or sent)."""
    with transaction.atomic():
        cola.olvidar_direccion(suscriptor.email)
        suscriptor.delete()
