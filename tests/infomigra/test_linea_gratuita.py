"""The free anti-trafficking line is a tappable tel: link wherever content names it."""

from infomigra.texto import enlazar_linea_gratuita, markdown_a_html


def test_the_line_in_content_becomes_a_tel_link():
    html, _ = markdown_a_html("Llame a la **Línea 1818** (gratuita, 24 horas).")
    assert '<strong>Línea <a href="tel:1818">1818</a></strong>' in html


def test_links_and_other_numbers_are_left_alone():
    html = '<p><a href="tel:1818">1818</a>, año 18180, RUC 20131818, 2026-1818</p>'
    assert enlazar_linea_gratuita(html) == html


def test_another_country_configures_its_own_line(settings):
    settings.SERVICIO_LINEA_TRATA = "800"
    assert enlazar_linea_gratuita("<p>Línea 800 y 1818</p>") == (
        '<p>Línea <a href="tel:800">800</a> y 1818</p>'
    )
