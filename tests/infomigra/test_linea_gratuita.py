"""The free anti-trafficking line is a tappable tel: link wherever content names it."""

from infomigra.texto import enlazar_telefonos, markdown_a_html


def test_the_line_in_content_becomes_a_tel_link():
    html, _ = markdown_a_html("Llame a la **Línea 1818** (gratuita, 24 horas).")
    assert '<strong>Línea <a href="tel:1818">1818</a></strong>' in html


def test_links_and_other_numbers_are_left_alone():
    html = '<p><a href="tel:1818">1818</a>, año 18180, RUC 20131818, 2026-1818</p>'
    assert enlazar_telefonos(html) == html


def test_another_country_configures_its_own_line(settings):
    settings.SERVICIO_LINEA_TRATA = "800"
    assert enlazar_telefonos("<p>Línea 800 y 1818</p>") == (
        '<p>Línea <a href="tel:800">800</a> y 1818</p>'
    )


def test_free_0800_lines_become_tel_links():
    html, _ = markdown_a_html("Defensoría del Pueblo, línea gratuita 0800-15170.")
    assert '<a href="tel:080015170">0800-15170</a>' in html
    enlazado = '<p><a href="tel:080015170">0800-15170</a></p>'
    assert enlazar_telefonos(enlazado) == enlazado


def test_the_template_filter_escapes_text_before_linking():
    from django.template import Context, Template

    plantilla = Template("{% load telefonos %}{{ texto|telefonos }}")
    html = plantilla.render(Context({"texto": '<script>x</script> Línea 1818 & "0800-15170"'}))
    assert html == (
        '&lt;script&gt;x&lt;/script&gt; Línea <a href="tel:1818">1818</a> &amp; '
        '&quot;<a href="tel:080015170">0800-15170</a>&quot;'
    )
