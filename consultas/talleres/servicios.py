"""Workshop registrations: double opt-in, cancellation, automatic waiting list, reminders.

Seats are counted under a row lock on the workshop, so two confirmations at the same moment
never overbook it. Every mail goes through the outgoing-mail queue (``infomigra.correo.cola``):
stored first, then sent once.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from consultas.talleres.models import EstadoInscripcion as E
from consultas.talleres.models import Inscripcion, Taller
from infomigra.correo import cola
from infomigra.idioma import idioma_activo

# The queue's ``tipo`` of each workshop mail (the owner's codes).
CONFIRMAR, ESTADO, RECORDATORIO = "taller_confirmar", "taller_estado", "taller_recordatorio"
PLANTILLAS = {
    CONFIRMAR: "correo/taller_confirmar",
    ESTADO: "correo/taller_estado",
    RECORDATORIO: "correo/taller_recordatorio",
}


def _idioma(inscripcion) -> str:
    return inscripcion.idioma_correo or settings.LANGUAGE_CODE


def url_inscripcion(inscripcion) -> str:
    """The private link, in the registrant's language (/en/… for English)."""
    with translation.override(_idioma(inscripcion)):
        ruta = reverse("portal_talleres:inscripcion", args=[inscripcion.token])
    return settings.SITE_URL + ruta


def contenido_correo(inscripcion, mensaje) -> tuple[str, str]:
    """Text and HTML of a queued mail, rendered when it is sent (the link is never stored)."""
    contexto = {
        "inscripcion": inscripcion,
        "taller": inscripcion.taller,
        "enlace": url_inscripcion(inscripcion),
        "servicio": settings.SERVICIO_NOMBRE,
        "entidad": settings.SERVICIO_ENTIDAD,
        "correo_servicio": settings.SERVICIO_CORREO,
        "mensaje": mensaje,
    }
    base = PLANTILLAS[mensaje.tipo]
    with translation.override(_idioma(inscripcion)):
        return render_to_string(f"{base}.txt", contexto), render_to_string(f"{base}.html", contexto)


def _asunto(tipo, taller, idioma) -> str:
    with translation.override(idioma):
        textos = {
            CONFIRMAR: gettext("Confirme su inscripción"),
            ESTADO: gettext("Su inscripción"),
            RECORDATORIO: gettext("Recordatorio: mañana"),
        }
        return f"{textos[tipo]}: {taller.titulo} — {settings.SERVICIO_NOMBRE}"


def _encolar(inscripcion, tipo):
    # A robot's message, answered at the service's address.
    cabeceras = {"Reply-To": settings.SERVICIO_CORREO, "Auto-Submitted": "auto-generated"}
    asunto = _asunto(tipo, inscripcion.taller, _idioma(inscripcion))
    return cola.encolar(
        inscripcion.email, asunto, cabeceras=cabeceras, objeto=inscripcion, tipo=tipo
    )


def enviar_ahora(mensajes) -> None:
    """Try to send queued messages now; failures stay queued for ``reenviar_pendientes``."""
    for mensaje in mensajes:
        cola.enviar(mensaje.pk)


def ocupados(taller) -> int:
    return taller.inscripciones.filter(estado=E.CONFIRMADA).count()


def inscribir(taller, datos: dict, idioma: str = ""):
    """A new registration waiting for its confirmation by mail; returns the messages queued.

    ``idioma`` is the language of the page the person registered on (by default the active
    one): their mails and private link are in it.

    Registering again with the same address while a registration is open sends the same link
    again instead of creating a second one (the page answers the same either way).
    """
    email = datos["email"].strip().lower()
    idioma = idioma or idioma_activo()
    ahora = timezone.now()
    with transaction.atomic():
        existente = (
            taller.inscripciones.exclude(estado=E.CANCELADA).filter(email__iexact=email).first()
        )
        if existente is not None:
            if existente.idioma_correo != idioma:
                existente.idioma_correo = idioma
                existente.save(update_fields=["idioma_correo"])
            pendiente = existente.estado == E.PENDIENTE
            tipo = CONFIRMAR if pendiente else ESTADO
            return [_encolar(existente, tipo)]
        inscripcion = Inscripcion.objects.create(
            taller=taller,
            nombre=datos.get("nombre", ""),
            email=email,
            telefono=datos.get("telefono", ""),
            tipo_migrante=datos.get("tipo_migrante", ""),
            sexo=datos.get("sexo", ""),
            edad=datos.get("edad"),
            creada=ahora,
            consentimiento_el=ahora,
            idioma_correo=idioma,
        )
        return [_encolar(inscripcion, CONFIRMAR)]


def confirmar(inscripcion) -> list:
    """Double opt-in: take a seat if one is free, else join the waiting list."""
    with transaction.atomic():
        taller = Taller.objects.select_for_update().get(pk=inscripcion.taller_id)
        inscripcion = Inscripcion.objects.select_for_update().get(pk=inscripcion.pk)
        if inscripcion.estado != E.PENDIENTE:
            return []
        ahora = timezone.now()
        inscripcion.confirmada_el = ahora
        if ocupados(taller) < taller.capacidad:
            inscripcion.estado = E.CONFIRMADA
        else:
            inscripcion.estado = E.ESPERA
            inscripcion.espera_desde = ahora
        inscripcion.save()
        return [_encolar(inscripcion, ESTADO)]


def promover(taller) -> list:
    """Fill free seats from the waiting list, first come first served (call under the lock)."""
    libres = taller.capacidad - ocupados(taller)
    mensajes = []
    if libres <= 0:
        return mensajes
    espera = taller.inscripciones.filter(estado=E.ESPERA).order_by("espera_desde", "id")
    for inscripcion in espera[:libres]:
        inscripcion.estado = E.CONFIRMADA
        inscripcion.save()
        mensajes.append(_encolar(inscripcion, ESTADO))
    return mensajes


def cancelar(inscripcion) -> list:
    """Cancel a registration; a freed seat goes to the first person waiting."""
    with transaction.atomic():
        taller = Taller.objects.select_for_update().get(pk=inscripcion.taller_id)
        inscripcion = Inscripcion.objects.select_for_update().get(pk=inscripcion.pk)
        if inscripcion.estado == E.CANCELADA:
            return []
        inscripcion.estado = E.CANCELADA
        inscripcion.cancelada_el = timezone.now()
        inscripcion.save()
        return promover(taller)


def cambiar_capacidad(taller) -> list:
    """After an edit of the capacity: promote people waiting if seats were added."""
    with transaction.atomic():
        taller = Taller.objects.select_for_update().get(pk=taller.pk)
        return promover(taller)


def marcar_asistencia(inscripcion, asistio: bool) -> None:
    inscripcion.asistio = asistio
    inscripcion.save(update_fields=["asistio"])


def encolar_recordatorios(ahora=None) -> list:
    """Queue the day-before reminder of tomorrow's workshops, once per registration.

    The conditional UPDATE claims a registration, so two runs at the same moment queue one
    reminder, never two.
    """
    ahora = timezone.localtime(ahora or timezone.now())
    manana = ahora.date() + dt.timedelta(days=1)
    inicio = timezone.make_aware(dt.datetime.combine(manana, dt.time()))
    fin = inicio + dt.timedelta(days=1)
    candidatas = Inscripcion.objects.filter(
        estado=E.CONFIRMADA,
        recordatorio_el=None,
        taller__inicio__gte=inicio,
        taller__inicio__lt=fin,
    ).exclude(email="")
    mensajes = []
    for pk in list(candidatas.values_list("pk", flat=True)):
        with transaction.atomic():
            if not Inscripcion.objects.filter(pk=pk, recordatorio_el=None).update(
                recordatorio_el=ahora
            ):
                continue
            inscripcion = Inscripcion.objects.select_related("taller").get(pk=pk)
            mensajes.append(_encolar(inscripcion, RECORDATORIO))
    return mensajes


def calendario_ics(taller) -> bytes:
    """The workshop as an iCalendar (RFC 5545) file with one event, in the active language.

    Title and description stay as staff wrote them (tagged with their language); the lines
    the portal adds (audience, event page) are in the page's language.
    """
    from icalendar import Calendar, Event

    idioma = idioma_activo()
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SERVICIO_NOMBRE}//talleres//{idioma.upper()}")
    cal.add("version", "2.0")
    evento = Event()
    evento.add("uid", f"taller-{taller.pk}@{cola.dominio_de_correo()}")
    evento.add("dtstamp", timezone.now())
    evento.add("dtstart", taller.inicio)
    evento.add("dtend", taller.fin)
    evento.add("summary", taller.titulo, parameters={"LANGUAGE": taller.idioma_contenido})
    pagina = settings.SITE_URL + reverse("portal_talleres:detalle", args=[taller.pk])
    extra = [
        gettext("Dirigido a: %(publico)s") % {"publico": taller.get_publico_display()},
        gettext("Idioma del taller: %(idioma)s") % {"idioma": taller.get_idioma_display()},
        gettext("Más información y su inscripción: %(enlace)s") % {"enlace": pagina},
    ]
    evento.add("description", taller.descripcion.strip() + "\n\n" + "\n".join(extra))
    lugar = taller.lugar or taller.enlace_en_linea
    if lugar:
        evento.add("location", lugar)
    if taller.enlace_en_linea:
        evento.add("url", taller.enlace_en_linea)
    cal.add_component(evento)
    return cal.to_ical()
