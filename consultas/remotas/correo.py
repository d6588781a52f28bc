"""Outgoing mail of remote consultations: build from templates, claim, send exactly once.

A message is always stored (``Mensaje``, with its final Message-ID) before any attempt to send
it, and sent by the outgoing-mail queue's own engine (``infomigra.correo.cola.intentar``): the
row is *claimed* with a conditional UPDATE, so two processes (the web request and
``reenviar_pendientes``) never send the same message twice; an SMTP failure leaves it
``no_enviado`` for a later retry. A consultation counts as answered only once SMTP accepted its
answer; after ``CORREO_MAX_INTENTOS`` failed attempts the message is ``fallido`` and its author
and the Responsables are told.
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from consultas.models import Consulta
from consultas.models.remotas import Direccion, EnlaceSeguimiento, EstadoEnvio, Mensaje, TipoMensaje
from infomigra.correo import cola
from infomigra.correo.cola import nuevo_message_id
from infomigra.vocabulario import Estado

PLANTILLAS = {
    TipoMensaje.ACUSE: "correo/acuse",
    TipoMensaje.RESPUESTA: "correo/respuesta",
}


def idioma_de(consulta) -> str:
    """The language of the mail to the person: the portal's language they wrote in."""
    idioma = getattr(consulta, "idioma", "") or settings.LANGUAGE_CODE
    return idioma if idioma in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def url_seguimiento(consulta) -> str:
    enlace = EnlaceSeguimiento.para(consulta)
    with translation.override(idioma_de(consulta)):
        ruta = reverse("portal_consulta:seguimiento", args=[enlace.token])
    return settings.SITE_URL + ruta


PREFIJOS_RE = re.compile(r"^\s*(?:(?:re|rv|fw|fwd|aw|res)\s*:\s*)+", re.IGNORECASE)


def asunto_para(consulta, tipo, asunto_original: str = "") -> str:
    codigo = f"[{consulta.codigo}]"
    original = PREFIJOS_RE.sub("", asunto_original.replace(codigo, "")).strip()
    if tipo == TipoMensaje.RESPUESTA and original:
        # What mail clients thread on: the person's own subject.
        return f"Re: {original} {codigo}"[:255]
    with translation.override(idioma_de(consulta)):
        if tipo == TipoMensaje.ACUSE:
            texto = gettext("Recibimos su consulta")
        else:
            texto = gettext("Respuesta a su consulta")
    return f"[{consulta.codigo}] {texto} — {settings.SERVICIO_NOMBRE}"


def nuevo_mensaje_saliente(consulta, tipo, cuerpo, autor=None, destinatario="") -> Mensaje:
    """Store an outgoing message, ready to send (call inside the caller's transaction).

    Without ``destinatario`` it goes where the person wrote last (or the consultation's email).
    """
    anteriores = list(
        consulta.mensajes.exclude(message_id=None).values_list("message_id", "direccion")
    )
    ultima = (
        consulta.mensajes.filter(direccion=Direccion.ENTRADA)
        .exclude(remitente="")
        .order_by("-creado", "-id")
        .values_list("remitente", flat=True)
        .first()
    )
    primera = consulta.mensajes.filter(direccion=Direccion.ENTRADA).order_by("creado", "id")
    asunto_original = primera.values_list("asunto", flat=True).first() or ""
    mensaje = saliente(
        consulta, tipo, cuerpo, anteriores, ultima, asunto_original, autor, destinatario
    )
    mensaje.save()
    return mensaje


def saliente(
    consulta, tipo, cuerpo, anteriores, ultima, asunto_original, autor=None, destinatario=""
) -> Mensaje:
    """The outgoing message, not saved, from what the thread holds: ``anteriores`` its
    (Message-ID, direction) pairs in order, ``ultima`` the address the person wrote from last,
    ``asunto_original`` the subject of their first message."""
    entrantes = [mid for mid, direccion in anteriores if direccion == Direccion.ENTRADA]
    return Mensaje(
        consulta=consulta,
        direccion=Direccion.SALIDA,
        tipo=tipo,
        autor=autor,
        remitente=settings.DEFAULT_FROM_EMAIL,
        # The person may write again from another address: answer where they wrote last.
        destinatario=destinatario or _direccion_valida(ultima) or consulta.email,
        asunto=asunto_para(consulta, tipo, asunto_original),
        cuerpo=cuerpo,
        message_id=nuevo_message_id(),
        in_reply_to=entrantes[-1] if entrantes else "",
        referencias=" ".join(mid for mid, _ in anteriores[-10:]),
        estado_envio=EstadoEnvio.PENDIENTE,
    )


def _direccion_valida(direccion) -> str:
    try:
        validate_email(direccion)
    except ValidationError:
        return ""
    return direccion


def contexto(mensaje: Mensaje, enlace: str) -> dict:
    return {
        "consulta": mensaje.consulta,
        "mensaje": mensaje,
        "enlace": enlace,
        "servicio": settings.SERVICIO_NOMBRE,
        "entidad": settings.SERVICIO_ENTIDAD,
        "correo_servicio": settings.SERVICIO_CORREO,
    }


def textos(mensaje: Mensaje, datos: dict) -> tuple[str, str]:
    """(text, HTML) of ``mensaje`` rendered from its templates with ``datos``."""
    base = PLANTILLAS[mensaje.tipo]
    with translation.override(idioma_de(datos["consulta"])):
        return render_to_string(f"{base}.txt", datos), render_to_string(f"{base}.html", datos)


def construir(mensaje: Mensaje) -> EmailMultiAlternatives:
    texto, html = textos(mensaje, contexto(mensaje, url_seguimiento(mensaje.consulta)))
    return correo_de(mensaje, texto, html)


def correo_de(mensaje: Mensaje, texto: str, html: str) -> EmailMultiAlternatives:
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


def al_enviar(mensaje: Mensaje, enviado_el) -> None:
    Mensaje.objects.filter(pk=mensaje.pk).update(estado_envio=EstadoEnvio.ENVIADO)
    if mensaje.tipo == TipoMensaje.RESPUESTA:
        _dar_por_respondida(mensaje, enviado_el)


def al_enviar_lote(mensajes: list[Mensaje], enviado_el) -> None:
    """``al_enviar`` for messages marked sent together: one UPDATE for their state."""
    Mensaje.objects.filter(pk__in=[m.pk for m in mensajes]).update(estado_envio=EstadoEnvio.ENVIADO)
    for mensaje in mensajes:
        if mensaje.tipo == TipoMensaje.RESPUESTA:
            _dar_por_respondida(mensaje, enviado_el)


def al_fallar(mensaje: Mensaje, exc, definitivo: bool) -> None:
    estado = EstadoEnvio.FALLIDO if definitivo else EstadoEnvio.NO_ENVIADO
    Mensaje.objects.filter(pk=mensaje.pk).update(estado_envio=estado)
    if definitivo:
        avisar_fallo(mensaje)


def enviar(mensaje_id: int) -> bool:
    """Send one stored outgoing message if nobody else is; True when it was delivered now.

    The claim, the retry count and the failure record are the queue's own (``cola.intentar``).
    """
    return cola.intentar(
        Mensaje.objects.por_enviar().select_related("consulta", "autor"),
        mensaje_id,
        construir,
        al_enviar,
        al_fallar,
    )


def _dar_por_respondida(mensaje: Mensaje, enviado_el) -> None:
    """SMTP accepted the answer: only now is the consultation answered."""
    consulta = Consulta.objects.select_for_update().get(pk=mensaje.consulta_id)
    consulta.respuesta = (
        f"{consulta.respuesta}\n\n{mensaje.cuerpo}" if consulta.respuesta else mensaje.cuerpo
    )
    # A message from the person newer than this answer keeps the consultation waiting.
    posterior = consulta.mensajes.filter(
        direccion=Direccion.ENTRADA, creado__gt=mensaje.creado
    ).exists()
    if consulta.estado == Estado.PENDIENTE and not posterior:
        consulta.estado = Estado.RESPONDIDA
    if consulta.respondida is None:
        consulta.respondida = enviado_el
    consulta.save()


AVISO_FALLO = "aviso_envio_fallido"  # the queue's ``tipo`` of the notice to staff


def avisar_fallo(mensaje: Mensaje) -> None:
    """Tell the answer's author and the Responsables, each in their own mail through the
    queue, that an email was given up on (the text is rendered when sent)."""
    responsables = get_user_model().objects.with_perm(
        "consultas.ver_todas_las_sedes",
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    destinos = {u.email for u in responsables.filter(is_active=True).exclude(email="")}
    if mensaje.autor and mensaje.autor.email:
        destinos.add(mensaje.autor.email)
    with translation.override(settings.LANGUAGE_CODE):
        asunto = gettext("No se pudo enviar un correo de la consulta %(codigo)s") % {
            "codigo": mensaje.consulta.codigo
        }
    for destino in sorted(destinos):
        aviso = cola.encolar(
            destino,
            asunto,
            cabeceras={"Auto-Submitted": "auto-generated"},
            objeto=mensaje,
            tipo=AVISO_FALLO,
        )
        cola.enviar(aviso.pk)  # a failure stays queued for reenviar_pendientes


def contenido_aviso(mensaje: Mensaje, correo) -> tuple[str, str]:
    """The text of the notice that ``mensaje`` was given up on (no HTML)."""
    contexto = {
        "mensaje": mensaje,
        "consulta": mensaje.consulta,
        "intentos": mensaje.intentos,
        "servicio": settings.SERVICIO_NOMBRE,
        "url_hilo": settings.SITE_URL
        + reverse("gestion:bandeja_hilo", args=[mensaje.consulta.codigo]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("correo/envio_fallido.txt", contexto), ""


def reenviar_pendientes() -> tuple[int, list[Mensaje]]:
    """Try every undelivered outgoing message once; returns (sent, those that failed now)."""
    por_enviar = Mensaje.objects.por_enviar().filter(intentos__lt=settings.CORREO_MAX_INTENTOS)
    enviados, intentados = cola.reenviar(por_enviar, enviar)
    fallidos = Mensaje.objects.filter(
        pk__in=intentados, estado_envio__in=[EstadoEnvio.NO_ENVIADO, EstadoEnvio.FALLIDO]
    )
    return enviados, list(fallidos.select_related("consulta").order_by("creado", "id"))
