"""What people search and don't find: anonymous weekly counts per normalised query.

Nothing identifies the person: no address, cookie, session or time of day is kept, only the
week, the normalised query and counters. Queries that look like personal data (an e-mail, a
phone or document number, anything with five or more digits) are dropped, not stored.
"""

import re
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from faq.models import BusquedaSemanal
from faq.motor.texto import palabras

LARGO = BusquedaSemanal._meta.get_field("texto").max_length
_DATO_PERSONAL = re.compile(
    r"@|\d[\d\s.\-/]{4,}\d|\b[a-z]{0,3}\d{5,}\b|\b\d{5,}[a-z]{0,2}\b", re.IGNORECASE
)
_MAX_PALABRAS = 12


def normalizar(q: str) -> str:
    """The query as stored: unaccented, lower case, words only; '' when it must not be kept."""
    if not q or _DATO_PERSONAL.search(q):
        return ""
    lista = palabras(q)[:_MAX_PALABRAS]
    return " ".join(lista)[:LARGO].strip()


def semana_de(fecha=None):
    fecha = fecha or timezone.localdate()
    return fecha - timedelta(days=fecha.weekday())


def registrar(q: str, sin_resultados: bool) -> None:
    """Count one search (and whether it found nothing) for this week."""
    texto = normalizar(q)
    if not texto:
        return
    cambios = {"busquedas": F("busquedas") + 1}
    if sin_resultados:
        cambios["sin_resultados"] = F("sin_resultados") + 1
    semana = semana_de()
    if BusquedaSemanal.objects.filter(semana=semana, texto=texto).update(**cambios):
        return
    try:
        with transaction.atomic():
            BusquedaSemanal.objects.create(
                semana=semana, texto=texto, busquedas=1, sin_resultados=int(sin_resultados)
            )
    except IntegrityError:  # created meanwhile by a concurrent request
        BusquedaSemanal.objects.filter(semana=semana, texto=texto).update(**cambios)


def registrar_clic(q: str) -> None:
    """A result was followed: counts only for a query already recorded this week."""
    texto = normalizar(q)
    if texto:
        BusquedaSemanal.objects.filter(semana=semana_de(), texto=texto).update(clics=F("clics") + 1)


def sin_respuesta(semanas=8, limite=50):
    """Per week (newest first), queries with no result or no click: the FAQ bank's backlog."""
    desde = semana_de() - timedelta(weeks=semanas - 1)
    filas = (
        BusquedaSemanal.objects.filter(semana__gte=desde)
        .filter(clics=0)
        .order_by("-semana", "-sin_resultados", "-busquedas", "texto")
    )
    por_semana: dict = {}
    for fila in filas:
        lista = por_semana.setdefault(fila.semana, [])
        if len(lista) < limite:
            lista.append(fila)
    return list(por_semana.items())
