import datetime as dt
from decimal import Decimal

import pytest
from django.utils.safestring import SafeString, mark_safe

from consultas.estadisticas import graficos
from consultas.estadisticas import servicio as estadisticas
from consultas.estadisticas.ingenuo import calcular_ingenuo
from tests.datos_reporte import DESDE, HASTA, crear_consultas

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporte(sede_a, sede_b, asesor_a):
    crear_consultas(sede_a, sede_b, asesor=asesor_a)
    return estadisticas.calcular(DESDE, HASTA)


def _cuentas(reporte, dimension):
    return {f.valor: (f.cantidad, str(f.porcentaje)) for f in reporte.dimension(dimension).filas}


def test_total_and_channels_against_hand_counts(reporte):
    assert reporte.total == 6
    assert _cuentas(reporte, "canal") == {
        "correo": (2, "33.3"), "web": (2, "33.3"), "presencial": (1, "16.7"),
        "telefono": (1, "16.7"),
    }  # fmt: skip


def test_missing_values_are_counted_as_sin_dato(reporte):
    assert _cuentas(reporte, "sexo")["sin-dato"] == (1, "16.7")
    assert _cuentas(reporte, "edad")["sin-dato"] == (1, "16.7")
    assert _cuentas(reporte, "nacionalidad")["sin-dato"] == (1, "16.7")
    assert _cuentas(reporte, "pais")["sin-dato"] == (1, "16.7")
    assert _cuentas(reporte, "medio")["sin-dato"] == (1, "16.7")
    assert _cuentas(reporte, "derivada_a") == {"sin-dato": (5, "83.3"), "SUNAFIL": (1, "16.7")}


def test_topic_share_is_over_consultations_carrying_it(reporte):
    temas = _cuentas(reporte, "tema")
    assert temas["empleo-exterior"] == (3, "50.0")
    assert temas["tramites-visas"] == (1, "16.7")
    assert temas["sin-dato"] == (1, "16.7")
    # one consultation carries two topics, so the counts add up to more than the total
    assert sum(c for c, _p in temas.values()) == 7


def test_offices_and_age_bands(reporte, sede_a):
    assert _cuentas(reporte, "sede") == {"LIMA": (5, "83.3"), "AREQUIPA": (1, "16.7")}
    assert reporte.dimension("sede").filas[0].etiqueta == sede_a.nombre
    assert list(_cuentas(reporte, "edad")) == ["0-17", "18-25", "26-35", "46-59", "60+", "sin-dato"]


def test_response_times_count_remote_answers_sent_in_the_period(reporte):
    r = reporte.respuesta
    assert r.respondidas == 4  # 10 h, 30 h, 60 h and 26 h (received in June)
    assert r.media_horas == Decimal("31.5")
    assert r.mediana_horas == Decimal("28.0")
    assert (r.dentro_24h, str(r.porcentaje_24h)) == (1, "25.0")
    assert (r.dentro_48h, str(r.porcentaje_48h)) == (3, "75.0")


def test_averages_skip_weekends_and_peruvian_holidays(reporte):
    assert reporte.dias_habiles == 20  # 23 weekdays minus 23, 28 and 29 July
    assert reporte.por_dia_habil == Decimal("0.3")
    assert reporte.por_mes == Decimal("6.0")


def test_business_days_and_months_helpers():
    assert estadisticas.dias_habiles(dt.date(2026, 12, 7), dt.date(2026, 12, 11)) == 3
    assert estadisticas.meses_del_periodo(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 12
    assert estadisticas.meses_del_periodo(dt.date(2026, 4, 1), dt.date(2026, 4, 15)) == Decimal(
        "0.5"
    )


def test_previous_and_last_year_periods():
    julio = (dt.date(2026, 7, 1), dt.date(2026, 7, 31))
    assert estadisticas.periodo_anterior(*julio) == (dt.date(2026, 6, 1), dt.date(2026, 6, 30))
    assert estadisticas.mismo_periodo_anio_anterior(*julio) == (
        dt.date(2025, 7, 1), dt.date(2025, 7, 31),
    )  # fmt: skip
    assert estadisticas.periodo_anterior(dt.date(2026, 7, 5), dt.date(2026, 7, 14)) == (
        dt.date(2026, 6, 25), dt.date(2026, 7, 4),
    )  # fmt: skip
    assert estadisticas.mismo_periodo_anio_anterior(dt.date(2028, 2, 29), dt.date(2028, 2, 29)) == (
        dt.date(2027, 2, 28), dt.date(2027, 2, 28),
    )  # fmt: skip
    assert estadisticas.variacion(6, 4) == Decimal("50.0")
    assert estadisticas.variacion(6, 0) is None


def test_daily_series_includes_empty_days(reporte):
    serie = dict(reporte.serie_diaria)
    assert len(serie) == 31
    assert serie[dt.date(2026, 7, 6)] == 1 and serie[dt.date(2026, 7, 4)] == 0


def test_office_filter(sede_b, reporte):
    de_b = estadisticas.calcular(DESDE, HASTA, sede_b)
    assert de_b.total == 1
    assert _cuentas(de_b, "canal") == {"web": (1, "100.0")}
    assert de_b.respuesta.media_horas == Decimal("30.0")


def test_naive_python_loop_gives_the_same_report(reporte):
    ingenuo = calcular_ingenuo(DESDE, HASTA)
    assert list(estadisticas.filas_reporte(ingenuo)) == list(estadisticas.filas_reporte(reporte))
    assert ingenuo.dimension("derivada_a") == reporte.dimension("derivada_a")
    assert ingenuo.serie_diaria == reporte.serie_diaria


def test_day_detail(reporte):
    detalle = estadisticas.detalle_dia(dt.date(2026, 7, 7))
    assert detalle["total"] == 1
    canal, asesor, perfil = detalle["dimensiones"]
    assert [(f.valor, f.cantidad) for f in canal.filas] == [("web", 1)]
    assert [(f.etiqueta, f.cantidad) for f in asesor.filas] == [("Asesor_a", 1)]
    assert [(f.valor, f.porcentaje) for f in perfil.filas] == [("extranjero", Decimal("100.0"))]


def test_charts_are_accessible_svg_without_inline_styles():
    svg = str(graficos.barras_horizontales("Canal <x>", [("Correo", 3), ("Web", 1)]))
    assert svg.startswith('<svg class="grafico"') and 'role="img"' in svg
    assert 'aria-label="Canal &lt;x&gt;"' in svg and "<title>Canal &lt;x&gt;</title>" in svg
    assert svg.count('class="grafico-barra"') == 2 and "<title>Correo: 3</title>" in svg
    assert "style" not in svg
    vertical = str(
        graficos.barras_verticales("Días", [("1", "1 jul", 2, "/d/1/"), ("2", "2 jul", 0, None)])
    )
    # Nothing interactive inside an image (axe nested-interactive): the table holds the links.
    assert vertical.count("<rect") == 2 and "<a " not in vertical
    assert graficos.barras_horizontales("Vacío", []) == ""


def test_chart_text_from_the_database_is_escaped_and_safe_text_kept():
    """Labels are typed by people (a topic, an office, an advisor's name): every text in a
    chart is escaped once, in the bars, the wrapped labels, the tooltips and the title; text
    already marked safe is not escaped twice."""
    hostil = "<script>alert(\"x\")</script> & 'Perú'"
    escapado = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Perú&#x27;"
    svg = str(graficos.barras_horizontales(hostil, [(hostil, 2), (mark_safe("<i>a</i>"), 1.5)]))
    assert "<script>" not in svg and f"<title>{escapado}</title>" in svg
    assert f"<title>{escapado}: 2</title>" in svg and "<title><i>a</i>: 1.5</title>" in svg
    assert 'dy="0">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' in svg  # wrapped label
    vertical = str(graficos.barras_verticales(hostil, [("1", hostil, 3), ("<2>", "2 jul", 0)]))
    assert "<script>" not in vertical and f"<title>{escapado}: 3</title>" in vertical
    assert 'text-anchor="middle">&lt;2&gt;</text>' in vertical
    assert isinstance(graficos.barras_verticales("t", [("1", "1", 1)]), SafeString)


def test_response_times_from_the_database_match_the_plain_computation(sede_a):
    """On PostgreSQL the mean and median come from one SQL aggregate (double precision); on
    SQLite from Python. Both must give the figures Python gives for the same durations, to the
    tenth of an hour, including seconds and fractions that round at the edge."""
    from consultas.models import Consulta

    inicio = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
    segundos = [3600 * 24 + 1, 180.5, 3600 * 48, 3600 * 0.25 + 0.125, 3600 * 7.35, 3600 * 100.05]
    for n, s in enumerate(segundos):
        Consulta.objects.create(
            canal="correo" if n % 2 else "web",
            sede=sede_a,
            tipo_migrante="emigrante",
            recibida=inicio,
            respondida=inicio + dt.timedelta(seconds=s),
            resumen=f"Consulta {n}",
        )
    esperado = estadisticas.respuesta_de_duraciones(segundos)
    obtenido = estadisticas.calcular_respuesta(dt.date(2026, 5, 4), dt.date(2026, 5, 10))
    assert obtenido == esperado
    assert (obtenido.respondidas, obtenido.dentro_24h, obtenido.dentro_48h) == (6, 3, 5)
