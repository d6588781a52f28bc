"""Which portal content is due for review against its official source."""

import datetime
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from contenidos.models import Alerta, Boletin, Convenio, Guia, Institucion, Pagina, PaisGuia, Video

MODELOS = (Guia, PaisGuia, Video, Institucion, Convenio, Alerta, Pagina, Boletin)
DIAS_AVISO = 30


@dataclass
class Pendiente:
    objeto: object
    tipo: str
    vencida: bool
    editar: str


def _editar(obj) -> str:
    try:
        return reverse(f"admin:contenidos_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def pendientes(hoy: datetime.date | None = None, dias: int = DIAS_AVISO) -> list[Pendiente]:
    """Items past their ``revisar_antes_de`` (or without one), then those due within ``dias``."""
    hoy = hoy or timezone.localdate()
    limite = hoy + datetime.timedelta(days=dias)
    filas = []
    for modelo in MODELOS:
        qs = modelo.objects.filter(revisar_antes_de__isnull=True) | modelo.objects.filter(
            revisar_antes_de__lte=limite
        )
        for obj in qs:
            vencida = obj.revisar_antes_de is None or obj.revisar_antes_de < hoy
            filas.append(Pendiente(obj, modelo._meta.verbose_name, vencida, _editar(obj)))
    filas.sort(key=lambda f: (not f.vencida, f.objeto.revisar_antes_de or datetime.date.min))
    return filas
