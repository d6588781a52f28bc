"""Personal data held by the other services (workshop registrations, returnee follow-up,
partner contacts, the outgoing-mail queue): found, exported and deleted by email, and
anonymised on schedule.

Anonymising empties contact data and free text — in the rows, their history and the mails
queued about them — and keeps every statistical field (profile, sex, age band, office, dates,
states, outcomes), so the services' statistics are the same before and after.
"""

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from consultas.retornados.models import Control, Retornado
from consultas.socios.models import Socio
from consultas.talleres.models import Inscripcion
from contenidos import boletin
from contenidos.models import Suscriptor
from infomigra.correo import cola
from infomigra.correo.models import CorreoSaliente

CONTACTO = {"nombre": "", "email": "", "telefono": ""}


def buscar(email: str) -> dict:
    """{service: queryset} of the rows whose contact address is ``email`` (case-insensitive)."""
    email = (email or "").strip()
    if not email:
        return {
            "inscripciones": Inscripcion.objects.none(),
            "retornados": Retornado.objects.none(),
            "socios": Socio.objects.none(),
            "suscriptores": Suscriptor.objects.none(),
            "correos": CorreoSaliente.objects.none(),
        }
    return {
        "inscripciones": Inscripcion.objects.filter(email__iexact=email).select_related("taller"),
        "retornados": Retornado.objects.filter(email__iexact=email).select_related("sede"),
        "socios": Socio.objects.filter(contacto_email__iexact=email),
        "suscriptores": boletin.suscriptores_de(email),
        "correos": CorreoSaliente.objects.filter(destinatario__iexact=email),
    }


def modelos_con_datos() -> list:
    """Models whose rows these services' anonymisation empties (for the VACUUM after it)."""
    return [Inscripcion, Inscripcion.historia.model, Retornado, Retornado.historia.model,
            Control, Control.historia.model, Socio, Socio.historia.model,
            Suscriptor, CorreoSaliente]  # fmt: skip


def hay_datos(encontrados: dict) -> bool:
    return any(qs.exists() for qs in encontrados.values())


def exportar(encontrados: dict) -> dict:
    """Everything held about the person by these services, JSON-serialisable."""
    inscripciones = encontrados["inscripciones"].values(
        "taller__titulo", "taller__inicio", "nombre", "email", "telefono", "tipo_migrante",
        "sexo", "edad", "estado", "creada", "confirmada_el", "cancelada_el", "asistio",
        "consentimiento_el",
    )  # fmt: skip
    retornados = []
    for r in encontrados["retornados"].prefetch_related("controles", "derivaciones"):
        retornados.append(
            {
                "inscrito_el": r.inscrito_el,
                "sede": r.sede.codigo,
                "nombre": r.nombre,
                "email": r.email,
                "telefono": r.telefono,
                "sexo": r.sexo,
                "edad": r.edad,
                "pais_retorno": str(r.pais_retorno),
                "necesidades": r.necesidades,
                "notas": r.notas,
                "derivaciones": [
                    {"necesidad": d.necesidad, "destino": d.destino, "estado": d.estado}
                    for d in r.derivaciones.all()
                ],
                "controles": [
                    {
                        "meses": c.meses,
                        "vence": c.vence,
                        "resultado": c.resultado,
                        "comentario": c.comentario,
                        "realizado_el": c.realizado_el,
                    }  # fmt: skip
                    for c in r.controles.all()
                ],
            }
        )
    socios = encontrados["socios"].values("codigo", "nombre", "contacto_nombre", "contacto_email")
    correos = encontrados["correos"].order_by("creado", "pk")
    return {
        "inscripciones_talleres": list(inscripciones),
        "seguimiento_retorno": retornados,
        "contacto_de_socios": list(socios),
        "boletin": [boletin.exportar_suscriptor(s) for s in encontrados["suscriptores"]],
        "correos_enviados": list(
            correos.values(
                *("destinatario", "asunto", "creado", "enviado_el", "abandonado_el"),
                *("rebotado_el", "rebote"),
            )
        ),
    }


def _enlace_anulado():
    # A value no HMAC digest can equal: the private link stops working.
    return Concat(Value("anonimizado-"), Cast("pk", CharField()))


def anonimizar_inscripciones(ids) -> int:
    ids = list(ids)
    with transaction.atomic():
        hechas = Inscripcion.objects.filter(pk__in=ids).update(
            anonimizada=True, sal="", token_hash=_enlace_anulado(), **CONTACTO
        )
        Inscripcion.historia.model.objects.filter(id__in=ids).update(anonimizada=True, **CONTACTO)
        cola.olvidar(Inscripcion, ids)
    return hechas


def anonimizar_retornados(ids) -> int:
    ids = list(ids)
    vacios = {**CONTACTO, "notas": ""}
    with transaction.atomic():
        hechos = Retornado.objects.filter(pk__in=ids).update(
            anonimizado=True, sal="", token_hash=_enlace_anulado(), **vacios
        )
        Retornado.historia.model.objects.filter(id__in=ids).update(anonimizado=True, **vacios)
        Control.objects.filter(retornado_id__in=ids).update(comentario="")
        Control.historia.model.objects.filter(retornado_id__in=ids).update(comentario="")
        cola.olvidar(Retornado, ids)
    return hechos


def anonimizar_contactos_de_socios(ids) -> int:
    ids = list(ids)
    vacios = {"contacto_nombre": "", "contacto_email": ""}
    with transaction.atomic():
        hechos = Socio.objects.filter(pk__in=ids).update(**vacios)
        Socio.historia.model.objects.filter(id__in=ids).update(**vacios)
    return hechos


def eliminar(encontrados: dict) -> dict:
    """Delete the person's personal data from these services; statistics stay."""
    direcciones = set(encontrados["correos"].values_list("destinatario", flat=True))
    return {
        "inscripciones": anonimizar_inscripciones(
            encontrados["inscripciones"].values_list("pk", flat=True)
        ),
        "retornados": anonimizar_retornados(encontrados["retornados"].values_list("pk", flat=True)),
        "socios": anonimizar_contactos_de_socios(
            encontrados["socios"].values_list("pk", flat=True)
        ),
        "suscriptores": _olvidar_suscriptores(encontrados["suscriptores"]),
        # Any other mail to the address (a boletín confirmation…): dropped or emptied.
        "correos": sum(cola.olvidar_direccion(d) for d in direcciones),
    }


def _olvidar_suscriptores(suscriptores) -> int:
    """A boletín subscription is deleted outright, with the mails stored for the address."""
    hechos = 0
    for suscriptor in list(suscriptores):
        boletin.olvidar_suscriptor(suscriptor)
        hechos += 1
    return hechos


def anonimizar_anteriores(limite) -> dict:
    """Anonymise registrations of workshops held before ``limite`` and returnees enrolled
    before it (their 12-month follow-up ended long before)."""
    inscripciones = Inscripcion.objects.filter(taller__inicio__lt=limite, anonimizada=False)
    retornados = Retornado.objects.filter(inscrito_el__lt=limite.date(), anonimizado=False)
    return {
        "inscripciones": anonimizar_inscripciones(inscripciones.values_list("pk", flat=True)),
        "retornados": anonimizar_retornados(retornados.values_list("pk", flat=True)),
    }
