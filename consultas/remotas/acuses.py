"""Acknowledgements of the emails just read, sent in batches over one SMTP connection.

``correo.enviar`` sends one stored message with two commits (claim, result) and its own SMTP
connection; after reading hundreds of new consultations that was most of the run. Here a batch
is claimed in one UPDATE (the same claim: only rows nobody holds, attempts counted), sent over
one connection and marked sent every ``MARCA`` messages, so a crash between sending and marking
can repeat at most that many acknowledgements (retaken after ``correo.RECLAMO_CADUCA``). On
the first failure the batch stops: what was sent is marked, the rest is released and goes one
by one through ``correo.enviar`` (its retries, errors and warnings unchanged).
"""

import logging
import smtplib

from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone

from consultas.models.remotas import EstadoEnvio, Mensaje, TipoMensaje
from consultas.remotas import correo

logger = logging.getLogger(__name__)

LOTE = 50
MARCA = 10


def enviar(ids: list[int]) -> None:
    """Send these stored acknowledgements (others, or one held elsewhere, are left alone)."""
    for inicio in range(0, len(ids), LOTE):
        _enviar_lote(ids[inicio : inicio + LOTE])


def _reclamar(ids) -> tuple[object, list[Mensaje]]:
    ahora = timezone.now()
    Mensaje.objects.por_enviar().filter(
        pk__in=ids, tipo=TipoMensaje.ACUSE, reclamado_el=None
    ).update(reclamado_el=ahora, intentos=F("intentos") + 1)
    reclamados = (
        Mensaje.objects.filter(pk__in=ids, reclamado_el=ahora)
        .select_related("consulta__enlace_seguimiento")
        .order_by("pk")
    )
    return ahora, list(reclamados)


def _marcar(ids: list[int]) -> None:
    if ids:
        Mensaje.objects.filter(pk__in=ids).update(
            estado_envio=EstadoEnvio.ENVIADO,
            enviado_el=timezone.now(),
            reclamado_el=None,
            ultimo_error="",
        )


def _enviar_lote(ids: list[int]) -> None:
    ahora, mensajes = _reclamar(ids)
    enviados, marcados = [], 0
    conexion = get_connection()
    try:
        conexion.open()
        for mensaje in mensajes:
            email = correo.construir(mensaje)
            email.connection = conexion
            email.send(fail_silently=False)
            enviados.append(mensaje.pk)
            if len(enviados) - marcados >= MARCA:
                _marcar(enviados[marcados:])
                marcados = len(enviados)
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        logger.warning("Envío de acuses por lotes interrumpido: %s", exc)
    finally:
        _marcar(enviados[marcados:])
        try:
            conexion.close()
        except (smtplib.SMTPException, OSError):
            logger.warning("La conexión SMTP no se cerró limpiamente")
    hechos = set(enviados)
    restantes = [m.pk for m in mensajes if m.pk not in hechos]
    # Released (and the attempt not counted) so ``correo.enviar`` takes them as usual.
    Mensaje.objects.filter(pk__in=restantes, reclamado_el=ahora).update(
        reclamado_el=None, intentos=F("intentos") - 1
    )
    reclamados = {m.pk for m in mensajes}
    for mensaje_id in restantes + [i for i in ids if i not in reclamados]:
        correo.enviar(mensaje_id)
