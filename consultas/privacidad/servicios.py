"""Personal data (Ley N° 29733 and its regulation, DS 016-2024-JUS): anonymisation on schedule,
and one person's data found by email, exported and deleted.

Anonymising empties contact data and free text of a consultation, its messages (when the
``Mensaje`` model exists) and its history, and keeps every statistical field, so reports
before and after are identical.
"""

import datetime as dt
import json

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from consultas.estadisticas import resumen as resumen_diario
from consultas.models import Consulta
from consultas.privacidad import otros_servicios
from faq.motor.indice_sqlite import compactar as compactar_indice

# Personal or free-text fields of Consulta, emptied by anonymisation.
CAMPOS_PERSONALES = ("nombre", "email", "telefono", "resumen", "respuesta", "derivada_a")
# In other models (messages), every free-text or contact field is emptied.
TIPOS_PERSONALES = (models.TextField, models.EmailField)
NOMBRES_PERSONALES = {"nombre", "email", "telefono", "remitente", "asunto", "correo"}
LOTE = 500


def modelo_mensaje():
    """The ``consultas.Mensaje`` model when it exists (added by the remote-consultation work)."""
    try:
        return apps.get_model("consultas", "Mensaje")
    except LookupError:
        return None


def hace_meses(meses: int, ahora: dt.datetime | None = None) -> dt.datetime:
    """The same local day and time ``meses`` months before ``ahora`` (clamped to month end)."""
    ahora = timezone.localtime(ahora or timezone.now())
    total = ahora.year * 12 + (ahora.month - 1) - meses
    anio, mes = divmod(total, 12)
    mes += 1
    siguiente = dt.date(anio + (mes == 12), mes % 12 + 1, 1)
    ultimo_dia = (siguiente - dt.timedelta(days=1)).day
    return ahora.replace(year=anio, month=mes, day=min(ahora.day, ultimo_dia))


def _campos_a_vaciar(modelo):
    vacios = {}
    for campo in modelo._meta.concrete_fields:
        if campo.primary_key or campo.is_relation:
            continue
        if not isinstance(campo, models.CharField | models.TextField):
            continue
        if isinstance(campo, TIPOS_PERSONALES) or campo.name in NOMBRES_PERSONALES:
            vacios[campo.name] = None if campo.null else ""
    return vacios


def _fk_a_consulta(modelo):
    for campo in modelo._meta.concrete_fields:
        if campo.is_relation and campo.related_model is Consulta:
            return campo.name
    return None


def limpiar_propuestas_faq(codigos) -> None:
    """FAQ drafts proposed from these consultations go, with every history row of a draft
    version (a published entry keeps its reviewed text, without the link to the consultation).
    Deleting writes a history row with the full text, so history is cleaned afterwards."""
    from faq.models import Pregunta

    propuestas = Pregunta.objects.filter(consulta_origen__in=list(codigos))
    todas = list(propuestas.values_list("id", flat=True))
    if not todas:
        return
    borradores = list(propuestas.filter(publicada=False).values_list("id", flat=True))
    Pregunta.objects.filter(id__in=borradores).delete()
    Pregunta.objects.filter(id__in=todas).update(consulta_origen="")
    historia = Pregunta.historia.model.objects
    historia.filter(id__in=borradores).delete()
    historia.filter(id__in=todas, publicada=False).delete()
    compactar_indice()  # the search index keeps deleted words until it is merged


def limpiar_historia(ids) -> None:
    """Empty the personal fields of every history row of these consultations."""
    vacios = dict.fromkeys(CAMPOS_PERSONALES, "")
    Consulta.historia.model.objects.filter(id__in=list(ids)).update(anonimizada=True, **vacios)


def al_borrar_consulta(sender, instance, **kwargs):
    """post_delete: simple_history has just written a full copy of the deleted row; empty it
    (and every earlier version) and remove the FAQ drafts proposed from it."""
    limpiar_historia([instance.pk])
    limpiar_propuestas_faq([instance.codigo])


def anonimizar(ids) -> int:
    """Anonymise the consultations with these ids (and their messages and history)."""
    ids = list(ids)
    vacios = dict.fromkeys(CAMPOS_PERSONALES, "")
    hechas = 0
    for inicio in range(0, len(ids), LOTE):
        parte = ids[inicio : inicio + LOTE]
        with transaction.atomic():
            # QuerySet.update writes no new history row, so no copy of the data is made.
            hechas += Consulta.objects.filter(id__in=parte).update(anonimizada=True, **vacios)
            limpiar_historia(parte)
            limpiar_propuestas_faq(
                Consulta.objects.filter(id__in=parte).values_list("codigo", flat=True)
            )
            # The private follow-up link dies with the data it opened.
            apps.get_model("consultas", "EnlaceSeguimiento").revocar(parte)
            # ``derivada_a`` is a report dimension: its summary cells change too.
            resumen_diario.recalcular_consultas(parte)
            Mensaje = modelo_mensaje()
            if Mensaje is not None:
                fk = _fk_a_consulta(Mensaje)
                campos = _campos_a_vaciar(Mensaje)
                if fk and campos:
                    Mensaje.objects.filter(**{f"{fk}_id__in": parte}).update(**campos)
                    historia = getattr(Mensaje, "historia", None) or getattr(
                        Mensaje, "history", None
                    )
                    if historia is not None:
                        historia.model.objects.filter(**{f"{fk}_id__in": parte}).update(**campos)
    return hechas


def anonimizar_anteriores(meses: int, ahora: dt.datetime | None = None) -> int:
    """Anonymise every consultation received more than ``meses`` months ago."""
    limite = hace_meses(meses, ahora)
    ids = Consulta.objects.filter(recibida__lt=limite, anonimizada=False).values_list(
        "id", flat=True
    )
    return anonimizar(ids.order_by("id").iterator())


def tablas_anonimizadas() -> list[str]:
    """Tables whose rows anonymisation or deletion empties (and whose old row versions must
    go): consultations, their messages and history, FAQ drafts, the other services' rows and
    the mails queued about them, boletín subscribers."""
    from faq.models import Pregunta
    from infomigra.correo.models import CorreoSaliente

    modelos = [Consulta, Consulta.historia.model, Pregunta, Pregunta.historia.model]
    modelos.append(CorreoSaliente)  # the other services' mails (see otros_servicios)
    Mensaje = modelo_mensaje()
    if Mensaje is not None:
        modelos.append(Mensaje)
    modelos += otros_servicios.modelos_con_datos()
    return list(dict.fromkeys(modelo._meta.db_table for modelo in modelos))


def _vaciar() -> list[str]:
    if connection.in_atomic_block:
        return []  # VACUUM cannot run in a transaction: callers defer it with on_commit
    if connection.vendor == "postgresql":
        nombres = ", ".join(connection.ops.quote_name(t) for t in tablas_anonimizadas())
        ordenes = [f"VACUUM (ANALYZE) {nombres}"]
    elif connection.vendor == "sqlite":
        ordenes = ["VACUUM"]
    else:
        return []
    with connection.cursor() as cursor:
        for orden in ordenes:
            cursor.execute(orden)
    return ordenes


def vaciar_filas_muertas() -> None:
    """After anonymising or deleting personal data: on PostgreSQL ``VACUUM`` the touched
    tables, so the old row versions (which still hold the data) leave the data files; SQLite's
    ``VACUUM`` rebuilds the whole file. Inside a transaction (a request) it runs once the
    transaction commits; outside one, at once. The scheduled command and the personal-data
    page both call this."""
    transaction.on_commit(_vaciar)


def consultas_de(email: str):
    """Consultations whose contact email is ``email`` (exact, case-insensitive)."""
    email = (email or "").strip()
    if not email:
        return Consulta.objects.none()
    return Consulta.objects.filter(email__iexact=email).select_related("sede").order_by("recibida")


def exportar_datos(consultas) -> dict:
    """Everything held about one person, as a JSON-serialisable dict."""
    Mensaje = modelo_mensaje()
    fk = _fk_a_consulta(Mensaje) if Mensaje is not None else None
    salida = []
    for consulta in consultas.prefetch_related("temas"):
        fila = {
            "codigo": consulta.codigo,
            "recibida": consulta.recibida,
            "canal": consulta.canal,
            "sede": consulta.sede.codigo,
            "tipo_migrante": consulta.tipo_migrante,
            "sexo": consulta.sexo,
            "edad": consulta.edad,
            "nacionalidad": str(consulta.nacionalidad),
            "pais": str(consulta.pais),
            "temas": [tema.codigo for tema in consulta.temas.all()],
            "medio": consulta.medio,
            "nombre": consulta.nombre,
            "email": consulta.email,
            "telefono": consulta.telefono,
            "resumen": consulta.resumen,
            "respuesta": consulta.respuesta,
            "derivada_a": consulta.derivada_a,
            "estado": consulta.estado,
            "respondida": consulta.respondida,
            "consentimiento": consulta.consentimiento,
            "consentimiento_el": consulta.consentimiento_el,
            "aviso_version": consulta.aviso_version,
        }
        if fk:
            campos = ["id", *_campos_a_vaciar(Mensaje)]
            campos += [
                c.name for c in Mensaje._meta.concrete_fields if isinstance(c, models.DateTimeField)
            ]
            mensajes = Mensaje.objects.filter(**{fk: consulta}).order_by("pk")
            fila["mensajes"] = list(mensajes.values(*dict.fromkeys(campos)))
        salida.append(fila)
    return {"generado": timezone.now(), "consultas": salida}


def a_json(datos) -> str:
    return json.dumps(datos, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
