"""Services of remote consultations: web submissions, replies, answers, the pending inbox."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from consultas import correo, resumen_diario
from consultas.models import Consulta, Sede
from consultas.models_remotas import (
    Direccion,
    EnlaceSeguimiento,
    LimiteEnvio,
    Mensaje,
    TipoMensaje,
)
from infomigra.vocabulario import Canal, Estado

ALERTA_HORAS = 24
URGENTE_HORAS = 48


def ip_del_cliente(request) -> str:
    """Client address: REMOTE_ADDR, or behind our proxy (PROXY_SSL_HEADER=1) the right-most
    X-Forwarded-For entry, the one the proxy appended (the rest is client-supplied)."""
    if getattr(settings, "PROXY_SSL_HEADER", False):
        cadena = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        cadena = [p for p in cadena if p]
        if cadena:
            return cadena[-1]
    return request.META.get("REMOTE_ADDR", "") or "desconocida"


def superado_limite(ip: str) -> bool:
    """Count one submission from ``ip``; True when it goes over the hourly limit."""
    clave = salted_hmac("consultas.limite", ip, algorithm="sha256").hexdigest()
    return LimiteEnvio.sumar(clave, 3600) > settings.CONSULTA_LIMITE_POR_HORA


def registrar_consulta_web(datos: dict) -> tuple[Consulta, Mensaje]:
    """Store a web consultation with its first message and the acknowledgement to send.

    ``datos`` is the cleaned data of the public form. Returns (consulta, acknowledgement).
    """
    ahora = timezone.now()
    with resumen_diario.diferido():
        consulta = Consulta.objects.create(
            canal=Canal.WEB,
            estado=Estado.PENDIENTE,
            sede=Sede.principal(),
            recibida=ahora,
            tipo_migrante=datos["tipo_migrante"],
            pais=datos["pais"],
            resumen=datos["pregunta"],
            email=datos["email"],
            nombre=datos.get("nombre", ""),
            telefono=datos.get("telefono", ""),
            edad=datos.get("edad"),
            sexo=datos.get("sexo", ""),
            consentimiento=True,
            consentimiento_el=ahora,
            aviso_version=settings.AVISO_PRIVACIDAD_VERSION,
        )
        consulta.temas.add(datos["tema"])
        EnlaceSeguimiento.para(consulta)
        Mensaje.objects.create(
            consulta=consulta,
            direccion=Direccion.ENTRADA,
            tipo=TipoMensaje.CONSULTA,
            remitente=consulta.email,
            cuerpo=datos["pregunta"],
            creado=ahora,
        )
        with translation.override(settings.LANGUAGE_CODE):
            resumen_acuse = gettext(
                "Acuse de recibo automático con el código de la consulta y el enlace privado."
            )
        acuse = correo.nuevo_mensaje_saliente(consulta, TipoMensaje.ACUSE, resumen_acuse)
    return consulta, acuse


def agregar_seguimiento(consulta: Consulta, texto: str, **campos) -> Mensaje:
    """A new message from the person joins the thread and reopens the consultation."""
    with transaction.atomic():
        consulta = Consulta.objects.select_for_update().get(pk=consulta.pk)
        mensaje = Mensaje.objects.create(
            consulta=consulta,
            direccion=Direccion.ENTRADA,
            tipo=TipoMensaje.SEGUIMIENTO,
            remitente=campos.pop("remitente", consulta.email),
            cuerpo=texto,
            **campos,
        )
        if consulta.estado != Estado.PENDIENTE:
            consulta.estado = Estado.PENDIENTE
            consulta.save(update_fields=["estado", "actualizada"])
    return mensaje


def responder(consulta: Consulta, usuario, texto: str) -> Mensaje:
    """Store the advisor's answer (first), mark the consultation answered; then email it."""
    ahora = timezone.now()
    with transaction.atomic():
        consulta = Consulta.objects.select_for_update().get(pk=consulta.pk)
        mensaje = correo.nuevo_mensaje_saliente(consulta, TipoMensaje.RESPUESTA, texto, usuario)
        consulta.respuesta = f"{consulta.respuesta}\n\n{texto}" if consulta.respuesta else texto
        consulta.estado = Estado.RESPONDIDA
        consulta.asesor = usuario
        if consulta.respondida is None:
            consulta.respondida = ahora
        consulta.save()
    correo.enviar(mensaje.pk)
    mensaje.refresh_from_db()
    return mensaje


def asignar(consulta: Consulta, usuario) -> None:
    consulta.asesor = usuario
    consulta.save(update_fields=["asesor", "actualizada"])


def _pendientes_con_espera(consultas):
    """Pending remote consultations annotated with ``espera_desde``, oldest waiting first.

    ``espera_desde`` is the last message from the person (a reply reopens the wait), or the
    reception time when the thread has no message (e.g. imported rows).
    """
    ultima_entrada = (
        Mensaje.objects.filter(consulta=OuterRef("pk"), direccion=Direccion.ENTRADA)
        .order_by("-creado")
        .values("creado")[:1]
    )
    return (
        consultas.remotas()
        .pendientes()
        .select_related("sede", "asesor")
        .prefetch_related("temas")
        .annotate(
            espera_desde=Coalesce(
                Subquery(ultima_entrada, output_field=DateTimeField()), "recibida"
            )
        )
        .order_by("espera_desde", "id")
    )


def pendientes_remotas(usuario):
    """Pending remote consultations the user may see, oldest waiting first."""
    return _pendientes_con_espera(Consulta.objects.visibles_para(usuario))


def para_recordar(usuario, ahora=None):
    """Waiting over 24 h and assigned to ``usuario`` or unassigned at their office."""
    ahora = ahora or timezone.now()
    sede_id = getattr(getattr(usuario, "perfil", None), "sede_id", None)
    return _pendientes_con_espera(
        Consulta.objects.filter(Q(asesor=usuario) | Q(asesor=None, sede_id=sede_id))
    ).filter(espera_desde__lt=ahora - timedelta(hours=ALERTA_HORAS))


POR_PAGINA_BANDEJA = 50


@dataclass
class FilaBandeja:
    consulta: Consulta
    horas: float

    @property
    def alerta(self) -> bool:
        return ALERTA_HORAS <= self.horas < URGENTE_HORAS

    @property
    def urgente(self) -> bool:
        return self.horas >= URGENTE_HORAS


def filas_bandeja(usuario, ahora=None, consultas=None) -> list[FilaBandeja]:
    ahora = ahora or timezone.now()
    return [
        FilaBandeja(c, (ahora - c.espera_desde) / timedelta(hours=1))
        for c in (pendientes_remotas(usuario) if consultas is None else consultas)
    ]


def pagina_bandeja(usuario, numero, ahora=None):
    """One page of the inbox (``POR_PAGINA_BANDEJA`` rows, a bounded count): (paginator, page,
    rows)."""
    from consultas.paginacion import PaginadorAcotado

    paginador = PaginadorAcotado(pendientes_remotas(usuario), POR_PAGINA_BANDEJA)
    pagina = paginador.get_page(numero)
    return paginador, pagina, filas_bandeja(usuario, ahora, pagina.object_list)
