"""Manager journey in real Chromium (an English browser, to prove dates don't follow its
locale): the report page, its CSV and its XLSX agree; the daily report has a readable chart
and passes axe (no serious/critical) and the Nu HTML checker (no error)."""

import csv
import io

import pytest
from django.conf import settings
from openpyxl import load_workbook

from tests.datos_reporte import crear_consultas
from tests.navegador import axe_graves, errores_nu, iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tabla(pagina, titulo):
    """(etiqueta, cantidad) rows of the report table with this caption."""
    filas = pagina.locator(f"table:has(caption:text-is('{titulo}')) tbody tr")
    return {
        f.locator("th").inner_text().strip(): int(f.locator("td").first.inner_text())
        for f in filas.all()
    }


def descargar(pagina, selector):
    with pagina.expect_download() as espera:
        pagina.click(selector)
    return espera.value.path().read_bytes()


def test_report_page_csv_and_xlsx_agree(live_server, navegador, responsable, sede_a, sede_b):
    crear_consultas(sede_a, sede_b)
    # A browser set to English (its date pickers would say mm/dd/yyyy) with Spanish chosen
    # on the site.
    contexto = navegador.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    contexto.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}]
    )
    pagina = contexto.new_page()
    pagina.set_default_timeout(15_000)
    try:
        iniciar_sesion(pagina, live_server, responsable)
        pagina.goto(live_server.url + "/gestion/reportes/mensual/")
        assert pagina.get_attribute("#id_desde", "type") == "text"
        pagina.fill("#id_desde", "01/07/2026")
        pagina.fill("#id_hasta", "31/07/2026")
        pagina.click("main button:text('Ver reporte')")
        total = int(
            pagina.locator("tr:has(th:text-is('Total de consultas')) td").inner_text().strip()
        )
        canales = tabla(pagina, "Canal")
        assert total == 6 and sum(canales.values()) == total
        assert axe_graves(pagina) == []

        texto = descargar(pagina, "a:text-is('Descargar CSV')").decode("utf-8")
        filas = list(csv.DictReader(io.StringIO(texto)))
        assert int(next(f for f in filas if f["dimension"] == "total")["cantidad"]) == total
        assert {f["etiqueta"]: int(f["cantidad"]) for f in filas if f["dimension"] == "canal"} == (
            canales
        )
        assert any(f["dimension"] == "comparacion" for f in filas)
        assert descargar(pagina, "a:text-is('Descargar CSV para Excel')").startswith(
            b"\xef\xbb\xbf"
        )

        contenido = descargar(pagina, "a:text-is('Descargar XLSX')")
        libro = load_workbook(io.BytesIO(contenido), read_only=True)
        informe = dict(libro["Informe"].iter_rows(values_only=True, min_row=2))
        assert informe["Periodo"] == "01/07/2026 – 31/07/2026"
        resumen = {(r[0], r[1]): r[3] for r in libro["Resumen"].iter_rows(values_only=True)}
        assert resumen[("total", None)] == total
        hoja_canal = list(libro["Canal"].iter_rows(values_only=True))[1:]
        assert {r[2]: r[3] for r in hoja_canal} == canales
    finally:
        contexto.close()


def test_daily_report_is_readable_and_valid(
    live_server, pagina, cliente_de, responsable, sede_a, sede_b
):
    crear_consultas(sede_a, sede_b)
    iniciar_sesion(pagina, live_server, responsable)
    pagina.goto(live_server.url + "/gestion/reportes/diario/?mes=2026-07")
    grafico = pagina.locator("main svg.grafico")
    assert grafico.locator("a").count() == 0
    marcas = grafico.locator("text.grafico-eje[text-anchor='end']").all_text_contents()
    assert marcas[0] == "0" and len(marcas) >= 2
    valores = [v for v in grafico.locator("text.grafico-valor-vertical").all_text_contents() if v]
    assert sum(int(v) for v in valores) == 6
    assert axe_graves(pagina) == []

    html = cliente_de(responsable).get("/gestion/reportes/diario/", {"mes": "2026-07"})
    assert errores_nu(html.content.decode()) == []
