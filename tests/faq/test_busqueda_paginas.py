"""Search pages: the FAQ page and /buscar/ on the one engine, never a dead end, and the
anonymous count of unanswered searches Editors turn into FAQ entries."""

from urllib.parse import quote

import pytest

from faq.models import BusquedaSemanal
from faq.motor import registro
from tests.faq_ayudas import crear_pregunta

pytestmark = pytest.mark.django_db
FAQ = "/preguntas-frecuentes/"


@pytest.fixture
def banco(db):
    return {
        "pasaporte": crear_pregunta(
            "Mi empleador se quedó con mi pasaporte, ¿es legal?",
            "No: nadie puede retener su pasaporte ni su carné. <script>alert(1)</script>",
            tema="derechos-laborales",
            perfiles=("extranjero",),
            usos=7,
        ),
        "remesas": crear_pregunta(
            "¿Cómo envío dinero a mi familia?",
            "Compare comisiones.",
            tema="remesas",
            perfiles=("emigrante",),
            usos=2,
        ),
    }


def test_faq_results_show_an_escaped_highlighted_snippet(client, banco):
    html = client.get(FAQ, {"q": "mi jefe me quito el pasaporte"}).content.decode()
    assert '<p class="fragmento-busqueda small">' in html
    assert "<mark>pasaporte</mark>" in html
    assert "<script>alert(1)</script>" not in html


def test_faq_page_offers_a_correction(client, banco):
    html = client.get(FAQ, {"q": "pasaprote"}).content.decode()
    assert "¿Quiso decir…?" in html
    assert 'href="?q=pasaporte"' in html
    assert banco["pasaporte"].pregunta in html


def test_faq_page_without_results_is_not_a_dead_end(client, banco):
    html = client.get(FAQ, {"q": "astronauta lunar"}).content.decode()
    assert "No encontramos preguntas" in html
    assert "Las preguntas más consultadas" in html
    # The most used entry first.
    assert html.index(banco["pasaporte"].pregunta) < html.index(banco["remesas"].pregunta)
    assert f'href="/consulta/?pregunta={quote("astronauta lunar").replace("%20", "+")}"' in html


def test_consultation_form_is_prefilled_with_the_question(client):
    html = client.get("/consulta/", {"pregunta": "astronauta lunar"}).content.decode()
    assert "astronauta lunar" in html


def _enlaces(html):
    bloque = html.split('class="list-unstyled resultados-busqueda"')[1].split("</ol>")[0]
    return [p.split('"')[0] for p in bloque.split('href="')[1:]]


def test_site_search_puts_the_country_named_first(client, contenido_y_preguntas):
    html = client.get("/buscar/", {"q": "trabajo en España"}).content.decode()
    assert _enlaces(html)[0] == "/paises/ES/"


def test_site_search_mixes_faq_guides_and_videos(client, contenido_y_preguntas):
    html = client.get("/buscar/", {"q": "tarjeta del migrante retornado"}).content.decode()
    enlaces = _enlaces(html)
    assert any(e.startswith("/preguntas-frecuentes/que-es-la-tarjeta") for e in enlaces)
    assert "/perfil/retornado/" in enlaces
    assert "/videos/la-tarjeta-del-migrante-retornado/" in enlaces
    assert "<mark>" in html


def test_site_search_without_results_offers_popular_questions_and_the_form(
    client, contenido_y_preguntas
):
    html = client.get("/buscar/", {"q": "zzzxxqq"}).content.decode()
    assert "0 resultados" in html
    assert "Las preguntas más consultadas" in html
    assert 'href="/consulta/?pregunta=zzzxxqq"' in html


def test_unanswered_searches_are_counted_anonymously(client, banco):
    client.get(FAQ, {"q": "Astronauta  LUNAR"}, REMOTE_ADDR="203.0.113.9")
    client.get("/buscar/", {"q": "astronauta lunar"})
    client.get(FAQ, {"q": "pasaporte"})
    fila = BusquedaSemanal.objects.get(texto="astronauta lunar")
    assert (fila.busquedas, fila.sin_resultados, fila.clics) == (2, 2, 0)
    assert fila.semana == registro.semana_de()
    assert BusquedaSemanal.objects.get(texto="pasaporte").sin_resultados == 0
    guardado = " ".join(str(v) for v in BusquedaSemanal.objects.values_list()).lower()
    assert "203.0.113" not in guardado and "sessionid" not in guardado


@pytest.mark.parametrize(
    "consulta",
    ["ana.perez@correo.pe pasaporte", "mi dni 45781236", "llamar al 987 654 321", "CE 001234567"],
)
def test_queries_that_look_like_personal_data_are_dropped(client, banco, consulta):
    client.get(FAQ, {"q": consulta})
    client.get("/buscar/", {"q": consulta})
    assert not BusquedaSemanal.objects.exists()


def test_a_followed_result_counts_a_click_and_opens_the_entry(client, banco):
    client.get(FAQ, {"q": "pasaporte"})
    pregunta = banco["pasaporte"]
    respuesta = client.get(f"{FAQ}{pregunta.slug}/desde-busqueda/", {"q": "pasaporte"})
    assert respuesta.status_code == 302 and respuesta.url == pregunta.get_absolute_url()
    assert BusquedaSemanal.objects.get(texto="pasaporte").clics == 1
    # A click never creates a row: only searches recorded this week count.
    client.get(f"{FAQ}{pregunta.slug}/desde-busqueda/", {"q": "otra cosa"})
    assert not BusquedaSemanal.objects.filter(texto="otra cosa").exists()


def test_editors_see_unanswered_searches_with_a_prefilled_create_link(
    client, banco, cliente_de, editor
):
    client.get(FAQ, {"q": "astronauta lunar"})
    client.get(FAQ, {"q": "pasaporte"})
    client.get(f"{FAQ}{banco['pasaporte'].slug}/desde-busqueda/", {"q": "pasaporte"})
    navegador = cliente_de(editor)
    html = navegador.get("/gestion/faq/busquedas/").content.decode()
    assert "astronauta lunar" in html
    assert ">pasaporte<" not in html  # someone opened a result
    enlace = "/admin/faq/pregunta/add/?pregunta=astronauta+lunar"
    assert f'href="{enlace}"' in html
    formulario = navegador.get(enlace).content.decode()
    assert 'value="astronauta lunar"' in formulario or ">astronauta lunar<" in formulario
