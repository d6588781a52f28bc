"""Bounces of our own mail: the thread's messages (answers, acknowledgements) and the common
queue's mails (workshop confirmations, returnee check-ins, boletín confirmations, notices).

A delivery report (``correo_automatico.analizar_rebote``) is matched by the Message-IDs it
quotes. A thread message is marked undelivered and its consultation returns to pending; a
queue mail records the bounce on its row and its owner is told as for a mail given up.
"""

from consultas.models import Consulta
from consultas.models.remotas import Direccion, EstadoEnvio, Mensaje
from consultas.remotas.correo_automatico import es_de_sistema
from infomigra.correo import cola
from infomigra.correo.models import CorreoSaliente
from infomigra.vocabulario import Estado

REBOTE, IGNORADO = "rebote", "ignorado"


def _del_hilo(salientes: list[Mensaje], motivo: str) -> None:
    for mensaje in salientes:
        Mensaje.objects.filter(pk=mensaje.pk).update(
            estado_envio=EstadoEnvio.REBOTADO, ultimo_error=motivo
        )
        consulta = Consulta.objects.select_for_update().get(pk=mensaje.consulta_id)
        if consulta.estado == Estado.RESPONDIDA:
            consulta.estado = Estado.PENDIENTE
            consulta.save(update_fields=["estado", "actualizada"])


def registrar(msg, rebote) -> tuple[str, str] | None:
    """(result, reason) for a delivery report ``rebote`` found in ``msg``; None when only the
    subject looked like one (a person wrote it). Call inside a transaction."""
    salientes = list(
        Mensaje.objects.filter(direccion=Direccion.SALIDA, message_id__in=rebote.message_ids)
    )
    de_la_cola = CorreoSaliente.objects.filter(message_id__in=rebote.message_ids)
    if not salientes and not de_la_cola.exists():
        if es_de_sistema(msg) or msg.get_content_type() == "multipart/report":
            return IGNORADO, "informe de entrega de un mensaje desconocido"
        return None
    if not rebote.definitivo:
        return IGNORADO, f"aviso de demora: {rebote.motivo}"
    _del_hilo(salientes, rebote.motivo)
    cola.registrar_rebote(rebote.message_ids, rebote.motivo)
    return REBOTE, rebote.motivo
