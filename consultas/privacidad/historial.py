"""Readable history of a consultation from django-simple-history (`historia`)."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from consultas.models import Consulta, Sede
from contenidos.models import Tema

# Records saved by one user this close together are one edit (the row, then its topics).
AGRUPAR_SEGUNDOS = 5
OCULTOS = {"anonimizada", "creada", "fecha", "banda_edad"}


@dataclass
class Cambio:
    campo: str
    antes: str
    despues: str


@dataclass
class Entrada:
    fecha: object
    usuario: object
    creacion: bool
    cambios: list = field(default_factory=list)


def _texto(nombre, valor, sedes, usuarios, temas):
    if hasattr(valor, "code") and hasattr(valor, "name"):
        return str(valor.name) if valor.code else "—"
    if valor in (None, "", []):
        return "—"
    if nombre == "temas":
        return ", ".join(sorted(temas.get(fila["tema"], "?") for fila in valor)) or "—"
    if nombre == "sede":
        return sedes.get(valor, str(valor))
    if nombre in ("asesor", "registrada_por"):
        return usuarios.get(valor, str(valor))
    if isinstance(valor, dt.datetime):
        return formats.localize(timezone.localtime(valor))
    if isinstance(valor, bool):
        return _("Sí") if valor else _("No")
    campo = Consulta._meta.get_field(nombre)
    if campo.choices:
        return str(dict(campo.flatchoices).get(valor, valor))
    return str(valor)


def historial(consulta):
    """Entries oldest first: who, when, created or which fields changed (with topics)."""
    registros = list(consulta.historia.select_related("history_user").order_by("history_date"))
    grupos = []
    for registro in registros:
        ultimo = grupos[-1][-1] if grupos else None
        if (
            ultimo is not None
            and ultimo.history_user_id == registro.history_user_id
            and (registro.history_date - grupos[-1][0].history_date).total_seconds()
            < AGRUPAR_SEGUNDOS
        ):
            grupos[-1].append(registro)
        else:
            grupos.append([registro])
    sedes = dict(Sede.objects.values_list("id", "nombre"))
    temas = dict(Tema.objects.values_list("id", "nombre"))
    usuarios = {
        u.pk: u.get_full_name() or u.username
        for u in get_user_model().objects.filter(
            pk__in={consulta.asesor_id, consulta.registrada_por_id}
            | {r.asesor_id for r in registros}
            | {r.registrada_por_id for r in registros}
        )
    }
    entradas, anterior = [], None
    for grupo in grupos:
        primero, final = grupo[0], grupo[-1]
        entrada = Entrada(
            fecha=primero.history_date,
            usuario=primero.history_user,
            creacion=primero.history_type == "+",
        )
        if anterior is not None and not entrada.creacion:
            delta = final.diff_against(anterior)
            for cambio in delta.changes:
                if cambio.field in OCULTOS:
                    continue
                entrada.cambios.append(
                    Cambio(
                        campo=str(Consulta._meta.get_field(cambio.field).verbose_name),
                        antes=_texto(cambio.field, cambio.old, sedes, usuarios, temas),
                        despues=_texto(cambio.field, cambio.new, sedes, usuarios, temas),
                    )
                )
            if not entrada.cambios:
                anterior = final
                continue
        entradas.append(entrada)
        anterior = final
    return entradas
