from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from faq.models import Pregunta
from faq.motor.preguntas import sugerencias
from faq.servicios import registrar_uso
from tests.conftest import sesion_verificada
from tests.faq_ayudas import crear_pregunta

pytestmark = pytest.mark.django_db

TEXTO_CONSULTA = (
    "Buenas tardes, trabajé ocho años en Chile y quiero saber si esos aportes me sirven "
    "para la pensión aquí en el Perú. Gracias."
)


@pytest.fixture
def banco(db):
    return {
        "chile": crear_pregunta(
            "¿Mis aportes en Chile cuentan para mi pensión?",
            "Sí: el convenio con Chile permite sumar periodos. Consulte en la [ONP](https://www.gob.pe/onp).",
            tema="convenios-seguridad-social",
        ),
        "pension": crear_pregunta(
            "¿Dónde pido mi pensión?",
            "En la ONP o en su AFP.",
            tema="convenios-seguridad-social",
        ),
        "remesas": crear_pregunta("¿Cómo envío remesas?", "Compare comisiones.", tema="remesas"),
        "borrador": crear_pregunta("Aportes en Chile (borrador)", "Sin revisar.", publicada=False),
    }


def test_suggestions_rank_the_best_matching_published_entries(banco):
    resultado = sugerencias(TEXTO_CONSULTA)
    assert [p.pregunta for p in resultado] == [
        "¿Mis aportes en Chile cuentan para mi pensión?",
        "¿Dónde pido mi pensión?",
    ]


def test_suggestions_respect_the_limit_and_language(banco):
    assert len(sugerencias(TEXTO_CONSULTA, limite=1)) == 1
    assert sugerencias(TEXTO_CONSULTA, idioma="en") == []
    assert sugerencias("") == []


def test_registrar_uso_counts_each_use(banco):
    assert registrar_uso(banco["chile"].pk)
    assert registrar_uso(banco["chile"].pk)
    assert Pregunta.objects.get(pk=banco["chile"].pk).usos == 2
    assert not registrar_uso(999_999)


def test_use_view_counts_and_returns_plain_text(banco, asesor_a, cliente_de):
    respuesta = cliente_de(asesor_a).post(f"/gestion/faq/{banco['chile'].pk}/usar/")
    assert respuesta.status_code == 200
    assert respuesta.json() == {
        "pregunta": "¿Mis aportes en Chile cuentan para mi pensión?",
        "respuesta": "Sí: el convenio con Chile permite sumar periodos. "
        "Consulte en la ONP (https://www.gob.pe/onp).",
    }
    assert Pregunta.objects.get(pk=banco["chile"].pk).usos == 1


def test_use_view_needs_post_a_role_and_a_published_entry(
    banco, asesor_a, sin_rol, cliente_de, client
):
    url = f"/gestion/faq/{banco['chile'].pk}/usar/"
    assert client.post(url).status_code == 302
    assert cliente_de(sin_rol).post(url).status_code == 403
    cliente = cliente_de(asesor_a)
    assert cliente.get(url).status_code == 405
    assert cliente.post(f"/gestion/faq/{banco['borrador'].pk}/usar/").status_code == 404
    assert Pregunta.objects.get(pk=banco["chile"].pk).usos == 0


def test_include_lists_suggestions_with_text_to_copy_and_insert_buttons(banco):
    html = render_to_string("faq/_sugerencias.html", {"sugerencias": sugerencias(TEXTO_CONSULTA)})
    assert "¿Mis aportes en Chile cuentan para mi pensión?" in html
    assert "Consulte en la ONP (https://www.gob.pe/onp)." in html  # readable without JS
    assert f'data-insertar-faq="/gestion/faq/{banco["chile"].pk}/usar/"' in html
    assert "hidden" in html  # buttons appear only when the script runs
    assert "<form" not in html  # may sit inside the answer form
    assert 'src="/static/js/faq-sugerencias.js" defer' in html
    assert "<script>" not in html
    sin = render_to_string("faq/_sugerencias.html", {"sugerencias": []})
    assert "No hay preguntas frecuentes parecidas" in sin


@pytest.mark.browser
def test_insert_button_fills_the_answer_and_counts_a_use_in_chromium(
    pagina, banco, asesor_a, client
):
    """Real Chromium; requests to a fake origin are intercepted and answered with what the
    real view returned (no live server, so no database flush that would wipe seeded data)."""
    sesion_verificada(client, asesor_a)
    url_usar = f"/gestion/faq/{banco['pension'].pk}/usar/"
    real = client.post(url_usar)
    assert real.status_code == 200
    origen = "http://infomigra.prueba"
    incluido = render_to_string("faq/_sugerencias.html", {"sugerencias": [banco["pension"]]})
    documento = (
        '<!doctype html><html lang="es"><head><title>Bandeja</title></head><body>'
        '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="t">'
        '<label for="id_respuesta">Respuesta</label><textarea id="id_respuesta">Hola.</textarea>'
        f"{incluido}</form></body></html>"
    )
    script = (Path(settings.BASE_DIR) / "static/js/faq-sugerencias.js").read_text()
    peticiones = []

    def atender(route):
        ruta = route.request.url.removeprefix(origen)
        peticiones.append((route.request.method, ruta, route.request.headers.get("x-csrftoken")))
        if ruta == "/":
            route.fulfill(body=documento, content_type="text/html; charset=utf-8")
        elif ruta == "/static/js/faq-sugerencias.js":
            route.fulfill(body=script, content_type="text/javascript")
        elif ruta == url_usar and route.request.method == "POST":
            route.fulfill(status=200, body=real.content, content_type=real["Content-Type"])
        else:
            route.fulfill(status=404, body="")

    pagina.route(f"{origen}/**", atender)
    pagina.goto(f"{origen}/")
    pagina.get_by_role("button", name="Insertar «¿Dónde pido mi pensión?»").click()
    pagina.get_by_text("Respuesta insertada en el formulario.").wait_for()
    assert pagina.locator("#id_respuesta").input_value() == "Hola.\n\nEn la ONP o en su AFP."
    assert ("POST", url_usar, "t") in peticiones  # with the form's CSRF token
