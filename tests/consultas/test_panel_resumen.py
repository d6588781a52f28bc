"""The dashboard's month figures and logged days come from the daily summary, not a month scan."""

import datetime as dt

import pytest

from consultas.models import ResumenDiario
from consultas.panel import dias_sin_registro, resumen_panel
from infomigra.vocabulario import Canal
from tests.consultas.ayudas import crear_en_dia as crear

pytestmark = pytest.mark.django_db


def test_month_totals_and_channels_are_read_from_the_daily_summary(responsable, sede_a):
    hoy = dt.date(2026, 7, 15)
    crear(sede_a, dt.date(2026, 7, 2))
    crear(sede_a, dt.date(2026, 7, 3), canal=Canal.DIGEMIN)
    assert resumen_panel(responsable, hoy=hoy)["total_mes"] == 2
    # The summary is what the dashboard reads: change it and the figures follow.
    ResumenDiario.objects.filter(dimension="total", fecha=dt.date(2026, 7, 2)).update(cantidad=40)
    ResumenDiario.objects.filter(dimension="canal", valor="presencial").update(cantidad=40)
    panel = resumen_panel(responsable, hoy=hoy)
    assert panel["total_mes"] == 41
    assert panel["mes_por_canal"][0] == {"nombre": "Módulo de atención", "n": 40}


def test_logged_days_are_read_from_the_daily_summary(sede_a):
    hoy = dt.date(2026, 7, 8)  # Wednesday; working days before it: 1, 2, 3, 6, 7
    crear(sede_a, dt.date(2026, 7, 1))
    ResumenDiario.objects.filter(fecha=dt.date(2026, 7, 1)).delete()
    [aviso] = dias_sin_registro([sede_a], hoy)
    assert dt.date(2026, 7, 1) in aviso["dias"]
