"""The one outgoing-mail queue and the one sender: store first, claim, send once, retry.

No page waits on the mail server or fails because of it: a caller stores the mail
(``encolar``) and may try once (``enviar``); ``reenviar_pendientes`` (every few minutes, see
docs/despliegue.md) retries the rest. A conditional UPDATE claims a row before sending, so two
processes (or two nodes) never send it twice; a claim older than ``RECLAMO_CADUCA`` belongs to
a process that died and may be retaken. After ``CORREO_MAX_INTENTOS`` failed attempts a mail is
given up on and its owner is told.

``intentar`` and ``reenviar`` are the claim/send/retry engine itself: the queue uses them, and
so does the consultation thread, whose outgoing messages are stored rows of their own
(``consultas.Mensaje``, matched by Message-ID for bounces).
"""

import logging
import smtplib
from collections.abc import Callable
from datetime import timedelta
from email.utils import make_msgid, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from infomigra.correo.models import CorreoSaliente

logger = logging.getLogger(__name__)

RECLAMO_CADUCA = timedelta(minutes=15)
# What a failed delivery may raise; ValueError: an address Django refuses to put in a header.
FALLOS = (smtplib.SMTPException, OSError, ValueError)


def dominio_de_correo() -> str:
    direccion = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if "@" in direccion:
        return direccion.rsplit("@", 1)[1]
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def nuevo_message_id() -> str:
    """A Message-ID on the service's own domain."""
    return make_msgid(idstring="infomigra", domain=dominio_de_correo())


def motivo(exc) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codigo, texto = next(iter(exc.recipients.values()), (0, b""))
        detalle = texto.decode("utf-8", "replace") if isinstance(texto, bytes) else str(texto)
        return f"destinatario rechazado ({codigo} {detalle})"[:500]
    return f"{type(exc).__name__}: {exc}"[:500]


# --- the engine -------------------------------------------------------------------------------


def reclamar(por_enviar: QuerySet, pk) -> bool:
    """Claim row ``pk`` of ``por_enviar`` for this process (one attempt more); False when it is
    sent, given up on, or held by another live sender."""
    ahora = timezone.now()
    return bool(
        por_enviar.filter(pk=pk)
        .filter(Q(reclamado_el=None) | Q(reclamado_el__lt=ahora - RECLAMO_CADUCA))
        .update(reclamado_el=ahora, intentos=F("intentos") + 1)
    )


def intentar(
    por_enviar: QuerySet,
    pk,
    construir: Callable,
    al_enviar: Callable,
    al_fallar: Callable,
) -> bool:
    """Claim, build and send one stored row; True when SMTP accepted it now. Never raises for
    a mail failure. ``al_enviar(fila, enviado_el)`` runs in the transaction that marks the row
    sent; ``al_fallar(fila, exc, definitivo)`` after the failure is recorded (``definitivo``
    once the row has had ``CORREO_MAX_INTENTOS`` attempts)."""
    if not reclamar(por_enviar, pk):
        return False
    modelo = por_enviar.model
    fila = por_enviar.get(pk=pk)
    try:
        construir(fila).send(fail_silently=False)
    except FALLOS as exc:
        logger.warning("No se pudo enviar %s %s: %s", modelo._meta.label, pk, exc)
        fila.ultimo_error = motivo(exc)
        definitivo = fila.intentos >= settings.CORREO_MAX_INTENTOS
        filas = modelo.objects.filter(pk=pk)
        if definitivo:
            # The claim is held until the owner has marked it given up: nobody retries it.
            filas.update(ultimo_error=fila.ultimo_error)
            al_fallar(fila, exc, definitivo)
            filas.update(reclamado_el=None)
        else:
            filas.update(reclamado_el=None, ultimo_error=fila.ultimo_error)
            al_fallar(fila, exc, definitivo)
        return False
    fila.enviado_el = timezone.now()
    with transaction.atomic():
        modelo.objects.filter(pk=pk).update(
            enviado_el=fila.enviado_el, reclamado_el=None, ultimo_error=""
        )
        al_enviar(fila, fila.enviado_el)
    return True


# Rows marked sent together while a batch goes out: a crash between sending and marking can
# repeat at most this many mails (retaken after RECLAMO_CADUCA).
MARCA_LOTE = 10


def _marcar_enviados(por_enviar: QuerySet, filas: list, al_enviar: Callable, en_lote) -> None:
    if not filas:
        return
    enviado_el = timezone.now()
    with transaction.atomic():
        por_enviar.model.objects.filter(pk__in=[f.pk for f in filas]).update(
            enviado_el=enviado_el, reclamado_el=None, ultimo_error=""
        )
        for fila in filas:
            fila.enviado_el = enviado_el
        if en_lote is not None:
            en_lote(filas, enviado_el)
            return
        for fila in filas:
            al_enviar(fila, enviado_el)


def intentar_lote(
    por_enviar: QuerySet,
    pks: list,
    construir: Callable,
    al_enviar: Callable,
    al_fallar: Callable,
    al_enviar_lote: Callable | None = None,
) -> None:
    """``intentar`` for many rows over one SMTP connection (hundreds of acknowledgements after
    reading the mailbox): the same claim in one UPDATE, sent rows marked every
    ``MARCA_LOTE``; at the first failure the rest are released and go one by one through
    ``intentar`` (its retry count and failure record unchanged). ``al_enviar_lote(filas,
    enviado_el)``, when given, replaces ``al_enviar`` for the rows marked together."""
    ahora = timezone.now()
    por_enviar.filter(pk__in=pks).filter(
        Q(reclamado_el=None) | Q(reclamado_el__lt=ahora - RECLAMO_CADUCA)
    ).update(reclamado_el=ahora, intentos=F("intentos") + 1)
    filas = list(por_enviar.filter(pk__in=pks, reclamado_el=ahora).order_by("pk"))
    enviadas, marcadas = [], 0
    conexion = get_connection()
    try:
        conexion.open()
        for fila in filas:
            mensaje = construir(fila)
            mensaje.connection = conexion
            mensaje.send(fail_silently=False)
            enviadas.append(fila)
            if len(enviadas) - marcadas >= MARCA_LOTE:
                _marcar_enviados(por_enviar, enviadas[marcadas:], al_enviar, al_enviar_lote)
                marcadas = len(enviadas)
    except FALLOS as exc:
        logger.warning("Envío por lotes interrumpido: %s", exc)
    finally:
        _marcar_enviados(por_enviar, enviadas[marcadas:], al_enviar, al_enviar_lote)
        try:
            conexion.close()
        except FALLOS:
            logger.warning("La conexión SMTP no se cerró limpiamente")
    hechas = {f.pk for f in enviadas}
    restantes = [f.pk for f in filas if f.pk not in hechas]
    # Released with the attempt not counted, so ``intentar`` takes them as usual.
    por_enviar.model.objects.filter(pk__in=restantes, reclamado_el=ahora).update(
        reclamado_el=None, intentos=F("intentos") - 1
    )
    reclamadas = {f.pk for f in filas}
    for pk in restantes + [pk for pk in pks if pk not in reclamadas]:
        intentar(por_enviar, pk, construir, al_enviar, al_fallar)


def reenviar(por_enviar: QuerySet, enviar: Callable[[int], bool]) -> tuple[int, list]:
    """Try every row of ``por_enviar`` once, oldest first; returns (sent, pks that failed)."""
    enviados, fallidos = 0, []
    for pk in list(por_enviar.order_by("creado", "pk").values_list("pk", flat=True)):
        if enviar(pk):
            enviados += 1
        else:
            fallidos.append(pk)
    return enviados, fallidos


# --- the queue --------------------------------------------------------------------------------


def encolar(
    destinatario: str,
    asunto: str,
    texto: str = "",
    html: str = "",
    cabeceras: dict | None = None,
    objeto=None,
    tipo: str = "",
) -> CorreoSaliente:
    """Store one mail (one recipient) ready to send. With ``objeto`` leave ``texto`` and
    ``html`` empty: ``objeto.contenido_correo(correo)`` gives them at sending time."""
    cabeceras = dict(cabeceras or {})
    message_id = cabeceras.pop("Message-ID", "") or nuevo_message_id()
    return CorreoSaliente.objects.create(
        destinatario=destinatario,
        asunto=asunto[:255],
        texto=texto,
        html=html,
        cabeceras=cabeceras,
        message_id=message_id,
        objeto=objeto,
        tipo=tipo,
    )


def encolar_mensaje(mensaje: EmailMultiAlternatives, objeto=None, tipo="") -> CorreoSaliente:
    """Store a built Django message (its first recipient only)."""
    html = next((c for c, t in getattr(mensaje, "alternatives", []) if t == "text/html"), "")
    return encolar(
        mensaje.to[0], mensaje.subject, mensaje.body, html, mensaje.extra_headers, objeto, tipo
    )


def construir(correo: CorreoSaliente) -> EmailMultiAlternatives:
    texto, html = correo.texto, correo.html
    if correo.objeto_tipo_id is not None:
        objeto = correo.objeto
        if objeto is None:
            raise ValueError("el dueño del correo ya no existe")
        texto, html = objeto.contenido_correo(correo)
    mensaje = EmailMultiAlternatives(
        subject=correo.asunto,
        body=texto,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[correo.destinatario],
        headers={**correo.cabeceras, "Message-ID": correo.message_id},
    )
    if html:
        mensaje.attach_alternative(html, "text/html")
    return mensaje


def _al_enviar(correo: CorreoSaliente, enviado_el) -> None:
    # The queue is not an archive: a body is kept only while it may still be sent.
    CorreoSaliente.objects.filter(pk=correo.pk).update(texto="", html="")
    avisar = getattr(correo.objeto, "correo_enviado", None) if correo.objeto_tipo_id else None
    if avisar is not None:
        avisar(correo)


def _al_fallar(correo: CorreoSaliente, exc, definitivo: bool) -> None:
    if definitivo:
        correo.abandonado_el = timezone.now()
        CorreoSaliente.objects.filter(pk=correo.pk).update(
            abandonado_el=correo.abandonado_el, texto="", html=""
        )
    _avisar_fallo(correo, definitivo)


def _avisar_fallo(correo: CorreoSaliente, definitivo: bool) -> None:
    objeto = correo.objeto if correo.objeto_tipo_id else None
    avisar = getattr(objeto, "correo_fallido", None)
    if avisar is not None:
        avisar(correo, definitivo)


def registrar_rebote(message_ids, motivo: str) -> list[CorreoSaliente]:
    """A delivery report said these mails (by Message-ID) will never arrive: record it on
    their rows and tell each owner as for a mail given up (``correo_fallido(correo, True)``;
    ``correo.direccion_invalida`` is then true). Returns the rows matched; a second report
    of the same mail is recognised but tells nobody again."""
    correos = list(CorreoSaliente.objects.filter(message_id__in=list(message_ids)))
    ahora = timezone.now()
    for correo in correos:
        if correo.rebotado_el is not None:
            continue
        correo.rebotado_el, correo.rebote = ahora, motivo[:300]
        CorreoSaliente.objects.filter(pk=correo.pk).update(
            rebotado_el=ahora, rebote=correo.rebote, texto="", html=""
        )
        _avisar_fallo(correo, True)
    return correos


def enviar(pk: int) -> bool:
    """Send one queued mail if nobody else is; True when it was delivered now."""
    return intentar(CorreoSaliente.objects.por_enviar(), pk, construir, _al_enviar, _al_fallar)


def encolar_y_enviar(mensaje: EmailMultiAlternatives, objeto=None, tipo="") -> bool:
    return enviar(encolar_mensaje(mensaje, objeto, tipo).pk)


def reenviar_pendientes() -> tuple[int, list[CorreoSaliente]]:
    """Try every undelivered mail once; returns (sent, the mails that failed now)."""
    enviados, intentados = reenviar(CorreoSaliente.objects.por_enviar(), enviar)
    # Not those another sender holds right now: only what failed.
    fallidos = CorreoSaliente.objects.filter(pk__in=intentados, enviado_el=None, reclamado_el=None)
    return enviados, list(fallidos.exclude(ultimo_error="").order_by("creado", "pk"))


def olvidar(modelo, ids) -> None:
    """Mails about rows being anonymised or deleted: unsent ones are dropped, sent ones keep
    no address, subject or text."""
    tipo = ContentType.objects.get_for_model(modelo)
    correos = CorreoSaliente.objects.filter(objeto_tipo=tipo, objeto_id__in=list(ids))
    correos.filter(enviado_el=None).delete()
    correos.update(destinatario="", asunto="", texto="", html="", cabeceras={}, rebote="")


def olvidar_direccion(email: str) -> int:
    """Every queued or sent mail to ``email`` (any owner): dropped if unsent, emptied if sent."""
    email = (email or "").strip()
    if not email:
        return 0
    correos = CorreoSaliente.objects.filter(destinatario__iexact=email)
    borrados = correos.filter(enviado_el=None).delete()[0]
    vacios = {"destinatario": "", "asunto": "", "texto": "", "html": "", "cabeceras": {}}
    # A bounce's reason may quote the address.
    return borrados + correos.update(**vacios, rebote="")
