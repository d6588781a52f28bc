"""Services of remote consultations: web submissions, replies, answers, the pending inbox."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from consultas.estadisticas import resumen as resumen_diario
from consultas.models import Consulta, Sede
from consultas.models.remotas import (
    Direccion,
    EnlaceSeguimiento,
    Mensaje,
    TipoMensaje,
)
from consultas.remotas import correo
from infomigra import limites
from infomigra.idioma import idioma_activo
from infomigra.vocabulario import Canal, Estado

ALERTA_HORAS = 24
URGENTE_HORAS = 48


def superado_limite(direccion: str) -> bool:
    """Count one submission from ``direccion``; True when it goes over the hourly limit."""
    return not limites.tomar("consulta", direccion, settings.CONSULTA_LIMITE_POR_HORA)


def superado_limite_acuses(email: str) -> bool:
    """Count one acknowledgement to ``email``; True past ACUSE_LIMITE_POR_DIA in the day (the
    form must not become a way to mail any address at will)."""
    correo_normal = email.strip().lower()
    return not limites.tomar("acuses", correo_normal, settings.ACUSE_LIMITE_POR_DIA, 86400)


def registrar_consulta_web(datos: dict, socio=None) -> tuple[Consulta, Mensaje | None]:
    """Store a web consultation with its first message and the acknowledgement to send.

    ``datos`` is the cleaned data of the public form; ``socio`` the partner the visit came
    through, if any. Returns (consulta, acknowledgement); no acknowledgement when that address
    already got the day's allowance.
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
            socio=socio,
            idioma=idioma_activo(),
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
        if superado_limite_acuses(consulta.email):
            return consulta, None
        with translation.override(settings.LANGUAGE_CODE):
            resumen_acuse = gettext(
                "Acuse de recibo automático con el código de la consulta y el enlace privado."
            )
        acuse = correo.nuevo_mensaje_saliente(consulta, TipoMensaje.ACUSE, resumen_acuse)
    return consulta, acuse


class ConsultaAnonimizada(Exception):
    """An anonymised consultation takes no new message: its personal data is gone for good."""


def agregar_seguimiento(consulta: Consulta, texto: str, **campos) -> Mensaje:
    """A new message from the person joins the thread and reopens the consultation."""
    with transaction.atomic():
        consulta = Consulta.objects.select_for_update().get(pk=consulta.pk)
        if consulta.anonimizada:
            raise ConsultaAnonimizada(consulta.codigo)
        mensaje = Mensaje.objects.create(
            consulta=consulta,
            direccion=Direccion.ENTRADA,
            tipo=TipoMensaje.SEGUIMIENTO,
            remitente=campos.pop("remitente", consulta.email),
            cuerpo=texto,
            **campos,
        )
        if consulta.estado not in (Estado.PENDIENTE, Estado.DESCARTADA):
            consulta.estado = Estado.PENDIENTE
            consulta.save(update_fields=["estado", "actualizada"])
    return mensaje


def cambiar_correo(consulta: Consulta, email: str) -> Mensaje | None:
    """The person fixes a mistyped address: mail not yet delivered goes to the new one, and a
    new acknowledgement (with the private link) is queued there. Returns it, if any."""
    with transaction.atomic():
        consulta = Consulta.objects.select_for_update().get(pk=consulta.pk)
        if consulta.email == email:
            return None
        anterior, consulta.email = consulta.email, email
        consulta.save(update_fields=["email", "actualizada"])
        Mensaje.objects.por_enviar().filter(
            consulta=consulta, destinatario=anterior, reclamado_el=None
        ).update(destinatario=email)
        with translation.override(settings.LANGUAGE_CODE):
            resumen = gettext("Nuevo acuse de recibo: la persona corrigió su correo.")
        # The address the person just typed, not the one their first message came from.
        acuse = correo.nuevo_mensaje_saliente(
            consulta, TipoMensaje.ACUSE, resumen, destinatario=email
        )
    return acuse


def responder(consulta: Consulta, usuario, texto: str) -> Mensaje:
    """Store the advisor's answer (first), then email it.

    The consultation counts as answered only when SMTP accepts the answer (``correo.enviar``);
    until then it stays in the inbox as "no enviado (reintentando)".
    """
    with transaction.atomic():
        consulta = Consulta.objects.select_for_update().get(pk=consulta.pk)
        mensaje = correo.nuevo_mensaje_saliente(consulta, TipoMensaje.RESPUESTA, texto, usuario)
        consulta.asesor = usuario
        consulta.save(update_fields=["asesor", "actualizada"])
    correo.enviar(mensaje.pk)
    mensaje.refresh_from_db()
    return mensaje


def asignar(consulta: Consulta, usuario) -> None:
    consulta.asesor = usuario
    consulta.save(update_fields=["asesor", "actualizada"])


def _pendientes_con_espera(consultas):
    """Pending remote consultations, oldest waiting first.

    ``Consulta.espera_desde`` is the last message from the person (a reply reopens the wait),
    or the reception time when the thread has no message (e.g. imported rows).
    """
    return (
        consultas.remotas()
        .pendientes()
        .select_related("sede", "asesor")
        .prefetch_related("temas")
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
