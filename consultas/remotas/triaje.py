"""The inbox of remote consultations, one page at a time, and its triage (discard / restore).

A page holds ``POR_PAGINA`` rows; what each row shows beyond the consultation (who wrote,
the subject, how the last answer went) is read for that page only, in two queries.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.paginator import Paginator
from django.db import transaction
from django.utils import timezone

from consultas.estadisticas import resumen as resumen_diario
from consultas.models import Consulta
from consultas.models.remotas import Direccion, EstadoEnvio, Mensaje, TipoMensaje
from consultas.remotas import servicios as remotas
from infomigra.vocabulario import Estado

POR_PAGINA = 50
MOTIVOS_DESCARTE = {
    "spam": "spam",
    "no-consulta": "no es una consulta",
}


@dataclass
class Fila:
    consulta: Consulta
    horas: float
    remitente: str = ""
    asunto: str = ""
    envio: str = ""  # "", no_enviado, fallido or rebotado: how the last message out went
    motivo_envio: str = ""

    @property
    def alerta(self) -> bool:
        return remotas.ALERTA_HORAS <= self.horas < remotas.URGENTE_HORAS

    @property
    def urgente(self) -> bool:
        return self.horas >= remotas.URGENTE_HORAS


def _primeras_entradas(ids) -> dict[int, tuple[str, str]]:
    datos = {}
    filas = (
        Mensaje.objects.filter(consulta_id__in=ids, direccion=Direccion.ENTRADA)
        .order_by("consulta_id", "creado", "id")
        .values_list("consulta_id", "remitente", "asunto")
    )
    for consulta_id, remitente, asunto in filas:
        datos.setdefault(consulta_id, (remitente, asunto))
    return datos


def _envios(ids) -> dict[int, tuple[str, str]]:
    """Per consultation, a delivery problem of its outgoing mail still unresolved."""
    problemas = {EstadoEnvio.NO_ENVIADO, EstadoEnvio.FALLIDO, EstadoEnvio.REBOTADO}
    datos = {}
    filas = (
        Mensaje.objects.filter(consulta_id__in=ids, direccion=Direccion.SALIDA)
        .order_by("consulta_id", "creado", "id")
        .values_list("consulta_id", "tipo", "estado_envio", "ultimo_error")
    )
    for consulta_id, tipo, estado, error in filas:
        if estado in problemas:
            datos[consulta_id] = (estado, error)
        elif tipo == TipoMensaje.RESPUESTA and estado == EstadoEnvio.ENVIADO:
            datos.pop(consulta_id, None)  # a later answer got through
    return datos


def pagina(usuario, numero=1, ahora=None):
    """One page of the user's pending remote consultations, oldest waiting first."""
    ahora = ahora or timezone.now()
    # Order and count on a narrow query (ids only); full rows for the page's 50 ids.
    orden = (
        Consulta.objects.visibles_para(usuario)
        .remotas()
        .pendientes()
        .order_by("espera_desde", "id")
        .values_list("pk", flat=True)
    )
    pag = Paginator(orden, POR_PAGINA).get_page(numero)
    ids = list(pag.object_list)
    por_id = {c.pk: c for c in remotas.pendientes_remotas(usuario).filter(pk__in=ids)}
    consultas = [por_id[i] for i in ids if i in por_id]
    entradas, envios = _primeras_entradas(ids), _envios(ids)
    filas = []
    for c in consultas:
        remitente, asunto = entradas.get(c.pk, (c.email, ""))
        envio, motivo = envios.get(c.pk, ("", ""))
        horas = (ahora - c.espera_desde) / timedelta(hours=1)
        filas.append(Fila(c, horas, remitente or c.email, asunto, envio, motivo))
    pag.object_list = filas
    return pag


def descartar(usuario, codigos, motivo: str) -> int:
    """Discard visible pending consultations (spam, not a consultation); returns how many.

    Nothing is deleted: they leave the inbox and every statistic, and can be restored.
    """
    texto = MOTIVOS_DESCARTE[motivo]
    with transaction.atomic():
        consultas = list(
            Consulta.objects.visibles_para(usuario)
            .remotas()
            .filter(codigo__in=list(codigos)[: POR_PAGINA * 4], estado=Estado.PENDIENTE)
            .select_for_update()
        )
        for consulta in consultas:
            consulta.estado = Estado.DESCARTADA
            consulta.motivo_descarte = texto
            consulta.save(update_fields=["estado", "motivo_descarte", "actualizada"])
        resumen_diario.recalcular({(c.fecha, c.sede_id) for c in consultas})
    return len(consultas)


def restaurar(consulta: Consulta) -> None:
    """A discarded consultation back to the pending inbox (and into the statistics)."""
    with transaction.atomic():
        consulta = Consulta.objects.select_for_update().get(pk=consulta.pk)
        if consulta.estado != Estado.DESCARTADA:
            return
        consulta.estado = Estado.PENDIENTE
        consulta.motivo_descarte = ""
        consulta.save(update_fields=["estado", "motivo_descarte", "actualizada"])
        resumen_diario.recalcular([(consulta.fecha, consulta.sede_id)])
