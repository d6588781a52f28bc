import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from tests.datos_reporte import CSV_JULIO, crear_consultas

pytestmark = pytest.mark.django_db

MENSUAL = reverse("gestion:reporte_mensual")
JULIO = {"desde": "2026-07-01", "hasta": "2026-07-31"}


@pytest.fixture
def julio(sede_a, sede_b, asesor_a):
    crear_consultas(sede_a, sede_b, asesor=asesor_a)


def _comando(*args):
    salida = io.StringIO()
    call_command("reporte", *args, stdout=salida)
    return salida.getvalue()


def test_monthly_report_shows_totals_tables_charts_and_comparisons(julio, cliente_de, responsable):
    respuesta = cliente_de(responsable).get(MENSUAL, JULIO)
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert html.count("<h1>") == 1
    assert 'Total de consultas</th><td class="text-end">6</td>' in html
    assert 'Promedio por día hábil</th><td class="text-end">0,3' in html
    assert "(20 días hábiles)" in html
    titulos = ["Canal", "Sede", "Perfil", "Sexo", "Grupo de edad", "Nacionalidad"]
    titulos += ["País de interés", "Tema", "Cómo conoció el servicio", "Derivación"]
    for titulo in titulos:
        assert f">{titulo}</h2>" in html
    assert "SUNAFIL" in html  # the referral dimension
    assert html.count('role="img"') >= 10
    assert "31,5 h" in html and "28,0 h" in html  # localised on the page
    assert "Periodo anterior" in html and "Mismo periodo del año anterior" in html
    assert "style=" not in html and "<script" not in html


def test_chart_svg_is_accessible_and_has_no_inline_style(julio, cliente_de, responsable):
    html = cliente_de(responsable).get(MENSUAL, JULIO).content.decode()
    grafico = re.search(r'<svg class="grafico".*?</svg>', html, re.S).group(0)
    assert 'aria-label="' in grafico and "<title>" in grafico
    assert "style" not in grafico


def test_empty_period_shows_empty_state(cliente_de, responsable):
    respuesta = cliente_de(responsable).get(MENSUAL, {"desde": "2031-01-01", "hasta": "2031-01-31"})
    assert respuesta.status_code == 200
    assert "No hay consultas en este periodo" in respuesta.content.decode()


def test_bad_dates_are_reported_next_to_the_field(cliente_de, responsable):
    respuesta = cliente_de(responsable).get(MENSUAL, {"desde": "2026-07-31", "hasta": "2026-07-01"})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    # The message is tied to its field: the input points at it and is marked invalid.
    assert 'id="id_hasta_error"' in html
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_hasta_error"', html)
    assert "La fecha final debe ser igual o posterior a la inicial." in html
    respuesta = cliente_de(responsable).get(MENSUAL, {"desde": "ayer", "hasta": "2026-07-01"})
    assert 'aria-describedby="id_desde_error"' in respuesta.content.decode()


def test_default_period_is_the_current_month(cliente_de, responsable):
    respuesta = cliente_de(responsable).get(MENSUAL)
    assert respuesta.status_code == 200
    assert 'name="desde"' in respuesta.content.decode()


def test_csv_download_equals_command_output(julio, cliente_de, responsable, sede_a, sede_b):
    respuesta = cliente_de(responsable).get(reverse("gestion:reporte_csv"), JULIO)
    assert respuesta["Content-Type"].startswith("text/csv")
    assert 'filename="reporte-2026-07-01-2026-07-31.csv"' in respuesta["Content-Disposition"]
    descargado = respuesta.content.decode()
    assert descargado == _comando("--desde", "2026-07-01", "--hasta", "2026-07-31")
    assert descargado == CSV_JULIO.format(lima=sede_a.nombre, arequipa=sede_b.nombre)


def test_office_filtered_csv_download_equals_command_output(julio, cliente_de, responsable):
    respuesta = cliente_de(responsable).get(
        reverse("gestion:reporte_csv"), {**JULIO, "sede": "AREQUIPA"}
    )
    comando = _comando("--desde", "2026-07-01", "--hasta", "2026-07-31", "--sede", "AREQUIPA")
    assert respuesta.content.decode() == comando


def test_xlsx_download_holds_the_same_rows(julio, cliente_de, responsable, tmp_path):
    respuesta = cliente_de(responsable).get(reverse("gestion:reporte_xlsx"), JULIO)
    destino = tmp_path / "web.xlsx"
    destino.write_bytes(respuesta.content)
    _comando("--desde", "2026-07-01", "--hasta", "2026-07-31", "--formato", "xlsx",
             "--salida", str(tmp_path / "cmd.xlsx"))  # fmt: skip

    def filas(ruta):
        libro = load_workbook(ruta, read_only=True)
        return {h.title: list(h.iter_rows(values_only=True)) for h in libro.worksheets}

    web, comando = filas(destino), filas(tmp_path / "cmd.xlsx")
    # «Informe» says when each file was made: the rest must be identical.
    assert web.pop("Informe")[:3] == comando.pop("Informe")[:3]
    assert web == comando


def test_asesor_sees_only_their_office(julio, cliente_de, asesor_b):
    cliente = cliente_de(asesor_b)
    html = cliente.get(MENSUAL, JULIO).content.decode()
    assert 'Total de consultas</th><td class="text-end">1</td>' in html
    assert 'name="sede"' not in html
    descargado = cliente.get(reverse("gestion:reporte_csv"), JULIO).content.decode()
    assert descargado == _comando(
        "--desde", "2026-07-01", "--hasta", "2026-07-31", "--sede", "AREQUIPA"
    )


def test_asesor_asking_for_another_office_gets_404(julio, cliente_de, asesor_b):
    cliente = cliente_de(asesor_b)
    assert cliente.get(MENSUAL, {**JULIO, "sede": "LIMA"}).status_code == 404
    assert cliente.get(reverse("gestion:reporte_csv"), {**JULIO, "sede": "LIMA"}).status_code == 404
    assert cliente.get(reverse("gestion:reporte_diario"), {"sede": "LIMA"}).status_code == 404


def test_responsable_can_filter_by_office(julio, cliente_de, responsable):
    html = cliente_de(responsable).get(MENSUAL, {**JULIO, "sede": "AREQUIPA"}).content.decode()
    assert 'Total de consultas</th><td class="text-end">1</td>' in html


@pytest.mark.parametrize(
    "url",
    [
        MENSUAL,
        reverse("gestion:reporte_csv"),
        reverse("gestion:reporte_xlsx"),
        reverse("gestion:reporte_diario"),
        reverse("gestion:reporte_dia", args=["2026-07-01"]),
    ],
)
def test_editors_get_403_and_anonymous_users_go_to_login(client, cliente_de, editor, url):
    assert client.get(url).status_code == 302
    assert cliente_de(editor).get(url).status_code == 403


def test_menu_shows_reports_to_staff_with_reports(cliente_de, asesor_a):
    html = cliente_de(asesor_a).get(reverse("gestion:inicio")).content.decode()
    assert f'href="{MENSUAL}">Reporte del periodo</a>' in html


def test_daily_report_has_one_bar_and_row_per_day_linking_to_the_day(
    julio, cliente_de, responsable
):
    respuesta = cliente_de(responsable).get(reverse("gestion:reporte_diario"), {"mes": "2026-07"})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert html.count('class="grafico-barra"') == 31
    enlace = reverse("gestion:reporte_dia", args=["2026-07-06"])
    assert f'<a href="{enlace}">' in html
    assert "6 consultas" in html


def test_daily_report_rejects_a_bad_month(cliente_de, responsable):
    respuesta = cliente_de(responsable).get(reverse("gestion:reporte_diario"), {"mes": "2026-13"})
    assert respuesta.status_code == 200
    assert "Indique el mes como AAAA-MM" in respuesta.content.decode()


def test_day_detail_breaks_down_by_channel_advisor_and_profile(julio, cliente_de, responsable):
    url = reverse("gestion:reporte_dia", args=["2026-07-06"])
    html = cliente_de(responsable).get(url).content.decode()
    assert ">Canal</h2>" in html and ">Asesor</h2>" in html and ">Perfil</h2>" in html
    assert "Correo electrónico" in html and "Asesor_a" in html and "Emigrante o familiar" in html
    assert (
        cliente_de(responsable).get(reverse("gestion:reporte_dia", args=["2026-02-30"])).status_code
        == 404
    )


def test_day_detail_of_an_empty_day_shows_empty_state(cliente_de, asesor_a):
    url = reverse("gestion:reporte_dia", args=["2026-07-04"])
    respuesta = cliente_de(asesor_a).get(url)
    assert "No hay consultas en este periodo" in respuesta.content.decode()
