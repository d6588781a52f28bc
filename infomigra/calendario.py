"""Working days: weekdays that are not public holidays of the service's country.

The country is ``SERVICIO_PAIS`` (ISO 3166-1 alpha-2; Peru by default), so a replica in another
country counts its own holidays. The ``holidays`` package carries every country's calendar.
"""

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=64)
def _feriados(pais: str, anio: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays(pais, years=anio))


def es_dia_habil(dia: dt.date) -> bool:
    pais = getattr(settings, "SERVICIO_PAIS", "PE")
    return dia.weekday() < 5 and dia not in _feriados(pais, dia.year)


def dias_habiles(desde: dt.date, hasta: dt.date) -> list[dt.date]:
    """The working days between two dates, both included (empty when ``hasta < desde``)."""
    dias, dia = [], desde
    while dia <= hasta:
        if es_dia_habil(dia):
            dias.append(dia)
        dia += dt.timedelta(days=1)
    return dias
