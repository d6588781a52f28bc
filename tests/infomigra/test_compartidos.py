"""The project's shared helpers: working days, the spreadsheet writer, the rate limiter."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from infomigra import calendario, hojas, limites


def test_working_days_skip_weekends_and_the_country_holidays(settings):
    settings.SERVICIO_PAIS = "PE"
    # 6-10 July 2026 is a full week; 28 and 29 July are national holidays in Peru.
    assert len(calendario.dias_habiles(dt.date(2026, 7, 6), dt.date(2026, 7, 12))) == 5
    assert not calendario.es_dia_habil(dt.date(2026, 7, 29))
    assert calendario.dias_habiles(dt.date(2026, 7, 2), dt.date(2026, 7, 1)) == []


def test_working_days_follow_the_service_country(settings):
    # 22 January is the Plurinational State Day in Bolivia, an ordinary Thursday in Peru.
    dia = dt.date(2026, 1, 22)
    settings.SERVICIO_PAIS = "PE"
    assert calendario.es_dia_habil(dia)
    settings.SERVICIO_PAIS = "BO"
    assert not calendario.es_dia_habil(dia)


def test_csv_cells_are_guarded_against_formulas():
    salida = io.StringIO()
    hojas.escribir_csv(["a", "b"], [("=HYPERLINK(1)", 3), ("Lima", None)], salida)
    assert salida.getvalue() == "a,b\n'=HYPERLINK(1),3\nLima,\n"
    assert "".join(hojas.lineas_csv(["a", "b"], [("@x", "-1")])) == "a,b\n'@x,'-1\n"


def test_xlsx_text_is_never_a_formula():
    salida = io.BytesIO()
    hojas.escribir_xlsx([("datos", ["a"], [("=1+1",), ("texto",)])], salida)
    hoja = load_workbook(io.BytesIO(salida.getvalue()))["datos"]
    celda = hoja["A2"]
    assert celda.value == "=1+1" and celda.data_type == "s"


@pytest.mark.django_db
def test_rate_limit_counts_per_value_and_stores_no_value_in_clear():
    assert all(limites.tomar("prueba", "198.51.100.1", 2) for _ in range(2))
    assert not limites.tomar("prueba", "198.51.100.1", 2)
    assert limites.tomar("prueba", "198.51.100.2", 2)  # another address, its own allowance
    assert limites.tomar("otra", "198.51.100.1", 2)  # another scope, its own allowance
    assert "198.51" not in limites.clave_de("prueba", "198.51.100.1")
