import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from consultas.estadisticas import servicio as estadisticas
from consultas.estadisticas.archivos import reporte_csv
from infomigra.hojas import proteger as texto_seguro
from tests.datos_reporte import CSV_JULIO, crear_consultas

pytestmark = pytest.mark.django_db


def _reporte(*args):
    salida = io.StringIO()
    call_command("reporte", *args, stdout=salida)
    return salida.getvalue()


@pytest.fixture
def julio(sede_a, sede_b):
    crear_consultas(sede_a, sede_b)
    return CSV_JULIO.format(lima=sede_a.nombre, arequipa=sede_b.nombre)


def test_command_writes_exact_csv_for_known_dataset(julio):
    # Every dimension of the registry reaches the command's CSV, derivada_a included.
    assert "derivada_a,SUNAFIL,SUNAFIL,1,16.7" in julio
    assert _reporte("--desde", "2026-07-01", "--hasta", "2026-07-31", "--formato", "csv") == julio


def test_csv_goes_to_a_file_when_asked(julio, tmp_path):
    destino = tmp_path / "julio.csv"
    _reporte("--desde", "2026-07-01", "--hasta", "2026-07-31", "--salida", str(destino))
    assert destino.read_text(encoding="utf-8") == julio


def test_office_filter_limits_every_row(julio, sede_b):
    filas = list(csv.DictReader(io.StringIO(_reporte(
        "--desde", "2026-07-01", "--hasta", "2026-07-31", "--sede", "AREQUIPA"
    ))))  # fmt: skip
    por_clave = {(f["dimension"], f["valor"]): f for f in filas}
    assert por_clave[("total", "")]["cantidad"] == "1"
    assert por_clave[("sede", "AREQUIPA")]["porcentaje"] == "100.0"
    assert ("sede", "LIMA") not in por_clave
    assert por_clave[("tema", "sin-dato")]["cantidad"] == "1"
    assert por_clave[("respuesta", "media_horas")]["cantidad"] == "30.0"
    assert por_clave[("respuesta", "dentro_48h")]["porcentaje"] == "100.0"


def test_xlsx_read_back_equals_csv(julio, tmp_path):
    destino = tmp_path / "julio.xlsx"
    _reporte("--desde", "2026-07-01", "--hasta", "2026-07-31", "--formato", "xlsx",
             "--salida", str(destino))  # fmt: skip
    libro = load_workbook(destino, read_only=True)
    assert libro.sheetnames[0] == "Resumen"
    assert {"canal", "sede", "tema", "medio", "derivada_a"} <= set(libro.sheetnames)
    leidas = []
    for hoja in libro.worksheets:
        filas = list(hoja.iter_rows(values_only=True))
        assert filas[0] == ("dimension", "valor", "etiqueta", "cantidad", "porcentaje")
        for fila in filas[1:]:
            # read-only mode trims empty trailing cells
            dimension, valor, etiqueta, cantidad, porcentaje = (*fila, None, None)[:5]
            decimales = dimension in ("promedio",) or valor in ("media_horas", "mediana_horas")
            cantidad = "" if cantidad is None else f"{cantidad:.1f}" if decimales else str(cantidad)
            porcentaje = "" if porcentaje is None else f"{porcentaje:.1f}"
            leidas.append((dimension, valor or "", etiqueta, cantidad, porcentaje))
    esperadas = [tuple(f) for f in csv.reader(io.StringIO(julio))][1:]
    assert sorted(leidas) == sorted(esperadas)
    assert len(leidas) == len(esperadas)


def test_empty_period_gives_zero_total_and_empty_response_times(db):
    filas = list(
        csv.reader(io.StringIO(_reporte("--desde", "2030-01-01", "--hasta", "2030-01-31")))
    )
    assert filas[1] == ["total", "", "Total de consultas", "0", "100.0"]
    assert ["respuesta", "media_horas", "Tiempo medio de respuesta (horas)", "", ""] in filas
    assert ["respuesta", "dentro_24h", "Respondidas en 24 horas o menos", "0", "0.0"] in filas
    assert ["promedio", "por_dia_habil", "Promedio por día hábil", "0.0", ""] in filas
    assert len(filas) == 8


def test_percentages_round_half_up_to_one_decimal():
    assert str(estadisticas.porcentaje(1, 16)) == "6.3"  # 6.25
    assert str(estadisticas.porcentaje(1, 3)) == "33.3"
    assert str(estadisticas.porcentaje(2, 3)) == "66.7"
    assert str(estadisticas.porcentaje(0, 0)) == "0.0"


def test_csv_neutralises_formula_injection():
    fila = estadisticas.Fila("sede", "=HYPERLINK(1)", "+malicioso", 1, None)
    texto = reporte_csv([fila])
    assert "'=HYPERLINK(1),'+malicioso,1," in texto
    assert texto_seguro("-2") == "'-2" and texto_seguro("@x") == "'@x"
    assert texto_seguro("Lima") == "Lima"


def test_office_names_with_formula_characters_are_escaped(sede_a, sede_b):
    sede_b.nombre = "=cmd|' /C calc'!A0"
    sede_b.save()
    crear_consultas(sede_a, sede_b)
    salida = _reporte("--desde", "2026-07-01", "--hasta", "2026-07-31")
    assert "sede,AREQUIPA,'=cmd|' /C calc'!A0,1,16.7" in salida


PERIODO = ["--desde", "2026-01-01", "--hasta", "2026-01-31"]


@pytest.mark.parametrize(
    ("argumentos", "mensaje"),
    [
        (["--desde", "2026-13-01", "--hasta", "2026-12-31"], "no válida '2026-13-01' en --desde"),
        (["--desde", "2026-01-01", "--hasta", "31/01/2026"], "no válida '31/01/2026' en --hasta"),
        (["--desde", "2026-02-01", "--hasta", "2026-01-01"], "--desde debe ser anterior"),
        ([*PERIODO, "--sede", "CUZCO"], "La sede 'CUZCO' no existe"),
        ([*PERIODO, "--formato", "xlsx"], "El formato xlsx necesita --salida"),
    ],
)
def test_command_rejects_bad_input_in_spanish(db, argumentos, mensaje):
    with pytest.raises(CommandError, match=mensaje):
        call_command("reporte", *argumentos, stdout=io.StringIO())
