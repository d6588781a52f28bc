"""Manager report files: period comparisons and portal visits in CSV and XLSX, an «Informe»
sheet with period, office and generation time, readable sheet names, an optional UTF-8 BOM;
charts that keep whole labels, a y-axis and values, and nothing clickable inside an image."""

import csv
import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from consultas.estadisticas import graficos
from contenidos.models import VisitaDiaria
from tests.datos_reporte import crear_consultas

pytestmark = pytest.mark.django_db

JULIO = {"desde": "2026-07-01", "hasta": "2026-07-31"}
CSV = "/gestion/reportes/mensual/reporte.csv"
XLSX = "/gestion/reportes/mensual/reporte.xlsx"


@pytest.fixture
def julio(sede_a, sede_b):
    crear_consultas(sede_a, sede_b)
    for seccion, pais, vistas, visitas in [
        ("guias", "PE", 40, 25),
        ("faq", "PE", 20, 10),
        ("guias", "VE", 9, 5),
    ]:
        VisitaDiaria.objects.create(
            fecha=dt.date(2026, 7, 6), seccion=seccion, pais=pais, vistas=vistas, visitas=visitas
        )


def filas_csv(texto):
    return {(f["dimension"], f["valor"]): f for f in csv.DictReader(io.StringIO(texto))}


def test_csv_carries_comparisons_and_visits_like_the_page(julio, cliente_de, responsable):
    cliente = cliente_de(responsable)
    pagina = cliente.get("/gestion/reportes/mensual/", JULIO).content.decode()
    filas = filas_csv(cliente.get(CSV, JULIO).content.decode("utf-8"))

    anterior = filas[("comparacion", "periodo_anterior")]
    assert anterior["etiqueta"] == "Periodo anterior (01/06/2026 – 30/06/2026)"
    assert (anterior["cantidad"], anterior["porcentaje"]) == ("1", "500.0")
    assert re.search(r"\+500[.,]0 %", pagina)
    assert filas[("comparacion", "anio_anterior")]["porcentaje"] == ""  # nothing to compare

    assert filas[("visitas", "visitas")]["cantidad"] == "40"
    assert filas[("visitas", "vistas")]["cantidad"] == "69"
    assert "40 visitas y 69 páginas vistas" in pagina
    assert filas[("visitas_seccion", "guias")]["cantidad"] == "30"
    assert filas[("visitas_seccion", "guias")]["porcentaje"] == "75.0"
    assert filas[("visitas_pais", "VE")]["etiqueta"] == "Venezuela"


def test_csv_for_excel_starts_with_a_bom_only_when_asked(julio, cliente_de, responsable):
    cliente = cliente_de(responsable)
    simple = cliente.get(CSV, JULIO).content
    excel = cliente.get(CSV, {**JULIO, "bom": "1"}).content
    assert not simple.startswith(b"\xef\xbb\xbf")
    assert excel == b"\xef\xbb\xbf" + simple
    assert "bom=1" in cliente.get("/gestion/reportes/mensual/", JULIO).content.decode()

    salida = io.StringIO()
    call_command(
        "reporte", "--desde", "2026-07-01", "--hasta", "2026-07-31", "--bom", stdout=salida
    )
    assert salida.getvalue().startswith("\ufeffdimension,valor")


def test_xlsx_opens_on_an_informe_sheet_with_readable_sheet_names(
    julio, cliente_de, responsable, sede_b, tmp_path
):
    respuesta = cliente_de(responsable).get(XLSX, {**JULIO, "sede": sede_b.codigo})
    destino = tmp_path / "r.xlsx"
    destino.write_bytes(respuesta.content)
    libro = load_workbook(destino, read_only=True)

    assert libro.sheetnames[:2] == ["Informe", "Resumen"]
    informe = dict(libro["Informe"].iter_rows(values_only=True, min_row=2))
    assert informe["Periodo"] == "01/07/2026 – 31/07/2026"
    assert informe["Sede"] == sede_b.nombre
    generado = dt.datetime.strptime(informe["Generado el"], "%d/%m/%Y %H:%M")
    ahora = timezone.localtime().replace(tzinfo=None)
    assert abs((ahora - generado).total_seconds()) < 120

    nombres = set(libro.sheetnames)
    assert {"Perfil", "Grupo de edad", "País de interés", "Cómo conoció el servicio"} <= nombres
    assert {"Visitas por sección", "Visitas por país"} <= nombres
    assert not nombres & {"tipo_migrante", "edad", "pais", "medio", "visitas_seccion"}
    resumen = [f[:2] for f in libro["Resumen"].iter_rows(values_only=True)]
    assert ("comparacion", "periodo_anterior") in resumen
    assert ("visitas", "visitas") in resumen


def test_office_chart_keeps_every_word_of_long_labels():
    largo = "Mesa de orientación en Migraciones (DIGEMIN) del Callao"
    svg = str(graficos.barras_horizontales("Sede", [(largo, 5), ("Lima", 9)]))
    assert "…" not in svg
    lineas = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(lineas[:-1]) == largo and lineas[-1] == "Lima"
    assert all(len(linea) <= graficos.CARACTERES_POR_LINEA for linea in lineas)


def test_daily_chart_has_a_y_axis_and_the_values():
    puntos = [(str(d), f"{d} jul", n, None) for d, n in [(1, 0), (2, 7), (3, 12)]]
    svg = str(graficos.barras_verticales("Consultas por día", puntos))
    marcas = re.findall(r'<text class="grafico-eje" x="\d+" y="\d+" text-anchor="end">(\d+)', svg)
    assert marcas == ["0", "6", "12"]
    valores = re.findall(r'class="grafico-valor-vertical"[^>]*>(\d*)<', svg)
    assert valores == ["", "7", "12"]


def test_daily_report_page_has_no_link_inside_the_chart(julio, cliente_de, responsable):
    html = cliente_de(responsable).get("/gestion/reportes/diario/", {"mes": "2026-07"})
    grafico = re.search(r"<svg.*?</svg>", html.content.decode(), re.S).group(0)
    assert "<a " not in grafico and 'role="img"' in grafico
    assert "/gestion/reportes/diario/2026-07-06/" in html.content.decode()  # in the table
