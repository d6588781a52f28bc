"""The back-office dashboard: counts per advisor and channel, unlogged working days."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from consultas.panel import dias_sin_registro, resumen_panel
from infomigra.vocabulario import Canal
from tests.consultas.ayudas import crear_en_dia as crear

pytestmark = pytest.mark.django_db
LIMA = ZoneInfo("America/Lima")


def test_counts_today_and_month_per_advisor_and_channel(asesor_a, sede_a, sede_b):
    hoy = dt.date(2026, 7, 15)
    crear(sede_a, hoy, asesor_a)
    crear(sede_a, hoy, asesor_a, Canal.DIGEMIN)
    crear(sede_a, dt.date(2026, 7, 2), asesor_a)
    crear(sede_a, dt.date(2026, 6, 30), asesor_a)
    crear(sede_b, hoy)
    panel = resumen_panel(asesor_a, hoy=hoy)
    assert panel["total_hoy"] == 2 and panel["total_mes"] == 3
    assert panel["hoy_por_asesor"] == [{"nombre": "Asesor_a", "n": 2}]
    assert {f["nombre"]: f["n"] for f in panel["mes_por_canal"]} == {
        "Módulo de atención": 2,
        "Mesa en Migraciones (DIGEMIN)": 1,
    }


def test_responsable_counts_every_office(responsable, sede_a, sede_b):
    hoy = dt.date(2026, 7, 15)
    crear(sede_a, hoy)
    crear(sede_b, hoy)
    panel = resumen_panel(responsable, hoy=hoy)
    assert panel["total_hoy"] == 2
    assert panel["hoy_por_asesor"] == [{"nombre": "Sin asesor", "n": 2}]


def test_unlogged_working_days_skip_weekends_and_holidays(sede_a):
    # July 2026: 1 (Wed) … 10 (Fri); 4–5 weekend; no holidays before the 23rd.
    hoy = dt.date(2026, 7, 10)
    for dia in (1, 2, 3, 7, 9):
        crear(sede_a, dt.date(2026, 7, dia))
    avisos = dias_sin_registro([sede_a], hoy)
    assert avisos == [{"sede": sede_a, "dias": [dt.date(2026, 7, 6), dt.date(2026, 7, 8)]}]
    # 29 and 30 June are holidays elsewhere; in July 2026, the 29th (Wed) is a holiday in Peru.
    hoy = dt.date(2026, 7, 31)
    dias = dias_sin_registro([sede_a], hoy)[0]["dias"]
    assert dt.date(2026, 7, 29) not in dias and dt.date(2026, 7, 11) not in dias
    assert dt.date(2026, 7, 30) in dias and hoy not in dias


def test_dashboard_page_shows_counts_links_and_warning(cliente_de, asesor_a, sede_a):
    html = cliente_de(asesor_a).get("/gestion/").content.decode()
    assert "Panel de gestión" in html
    assert "Hoy: 0 consultas" in html and "Este mes:" in html
    assert 'href="/gestion/consultas/nueva/"' in html


def test_dashboard_for_editor_has_no_consultation_figures(cliente_de, editor):
    respuesta = cliente_de(editor).get("/gestion/")
    assert respuesta.status_code == 200
    assert "Hoy:" not in respuesta.content.decode()
