import pytest
from django.template.loader import render_to_string

from faq.busqueda import sugerencias
from faq.models import Pregunta
from faq.servicios import registrar_uso
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
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_insert_button_fills_the_answer_and_counts_a_use_in_chromium(
    live_server, pagina, asesor_a, client
):
    from contenidos.models import Tema

    tema, _ = Tema.objects.get_or_create(codigo="remesas", defaults={"nombre": "Remesas"})
    pregunta = Pregunta.objects.create(
        pregunta="¿Cómo envío remesas?", respuesta="Compare **comisiones**.", tema=tema
    )
    Pregunta.objects.filter(pk=pregunta.pk).update(publicada=True)
    client.force_login(asesor_a)
    pagina.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    pagina.goto(live_server.url + "/gestion/")
    token = pagina.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    incluido = render_to_string("faq/_sugerencias.html", {"sugerencias": [pregunta]})
    pagina.set_content(
        '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" '
        f'value="{token}"><label for="id_respuesta">Respuesta</label>'
        f'<textarea id="id_respuesta">Hola.</textarea>{incluido}</form>'
    )
    boton = pagina.get_by_role("button", name="Insertar «¿Cómo envío remesas?»")
    boton.click()
    pagina.get_by_text("Respuesta insertada en el formulario.").wait_for()
    assert pagina.locator("#id_respuesta").input_value() == "Hola.\n\nCompare comisiones."
    assert Pregunta.objects.get(pk=pregunta.pk).usos == 1
