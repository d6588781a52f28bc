import pytest
from django.db import connection

from faq.busqueda import buscar
from faq.texto import terminos
from infomigra.texto import markdown_a_html
from tests.faq_ayudas import crear_pregunta

pytestmark = pytest.mark.django_db

solo_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="La búsqueda con raíces del español (plurales) es la de PostgreSQL; "
    "SQLite usa la columna normalizada, probada en test_normaliser_folds_accents_case_plurals.",
)


@pytest.fixture
def banco(db):
    return {
        "tramites": crear_pregunta(
            "¿Qué trámites hago en el consulado?",
            "Pasaportes, partidas y poderes se tramitan en el consulado.",
        ),
        "visas": crear_pregunta(
            "¿Cómo consigo visas de trabajo?",
            "La embajada del país de destino otorga el permiso.",
            perfiles=("potencial", "emigrante"),
        ),
        "remesas": crear_pregunta(
            "¿Cómo envío dinero a mi familia?",
            "Compare comisiones antes de enviar remesas; pida la visa solo si viaja.",
            tema="remesas",
            perfiles=("emigrante",),
        ),
        "borrador": crear_pregunta("Trámites de visas en borrador", publicada=False),
    }


def preguntas(resultados):
    return [p.pregunta for p in resultados]


def test_search_ignores_accents(banco):
    assert preguntas(buscar("tramites")) == ["¿Qué trámites hago en el consulado?"]
    assert preguntas(buscar("cómo envío dinero")) == ["¿Cómo envío dinero a mi familia?"]


def test_search_ignores_case(banco):
    assert preguntas(buscar("TRÁMITES")) == preguntas(buscar("trámites"))
    assert preguntas(buscar("CONSULADO")) == ["¿Qué trámites hago en el consulado?"]


def test_normaliser_folds_accents_case_plurals():
    assert terminos("Trámites VISAS países Ciudades leyes") == [
        "tramite",
        "visa",
        "pais",
        "ciudad",
        "ley",
    ]
    assert terminos("trámite visa país ciudad ley") == ["tramite", "visa", "pais", "ciudad", "ley"]
    assert terminos("¿Cómo hago la visa para el trabajo?") == ["hago", "visa", "trabajo"]


@solo_postgresql
def test_search_finds_plurals_on_postgresql(banco):
    assert "¿Cómo consigo visas de trabajo?" in preguntas(buscar("visa"))
    assert "¿Qué trámites hago en el consulado?" in preguntas(buscar("trámite"))
    crear_pregunta("Derechos de los trabajadores", "Horarios y descansos.")
    assert "Derechos de los trabajadores" in preguntas(buscar("trabajador"))
    assert preguntas(buscar("remesa")) == ["¿Cómo envío dinero a mi familia?"]


def test_search_singular_finds_plural_on_every_database(banco):
    assert "¿Cómo consigo visas de trabajo?" in preguntas(buscar("visa"))


def test_question_matches_rank_above_answer_matches(banco):
    resultados = list(buscar("visa"))
    assert preguntas(resultados) == [
        "¿Cómo consigo visas de trabajo?",
        "¿Cómo envío dinero a mi familia?",
    ]
    assert resultados[0].relevancia > resultados[1].relevancia


def test_every_word_must_match(banco):
    assert preguntas(buscar("visa trabajo")) == ["¿Cómo consigo visas de trabajo?"]
    assert preguntas(buscar("visa consulado")) == []


def test_drafts_are_never_found(banco):
    assert "Trámites de visas en borrador" not in preguntas(buscar("visas"))
    assert "Trámites de visas en borrador" not in preguntas(buscar(""))


def test_filters_by_profile_and_topic(banco):
    assert preguntas(buscar("", perfil="emigrante", tema="remesas")) == [
        "¿Cómo envío dinero a mi familia?"
    ]
    assert preguntas(buscar("visa", perfil="emigrante", tema="tramites-visas")) == [
        "¿Cómo consigo visas de trabajo?"
    ]
    assert preguntas(buscar("visa", perfil="retornado")) == []


def test_search_page_lists_each_result_as_an_article(client, banco):
    respuesta = client.get("/preguntas-frecuentes/", {"q": "tramites"})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert html.count("<article") == 1
    assert "¿Qué trámites hago en el consulado?" in html
    assert "¿No encontraste tu respuesta?" in html
    assert 'href="/consulta/?pregunta=tramites"' in html
    assert "1 respuesta para «tramites»" in html


def test_browse_by_profile_and_topic_on_the_page(client, banco):
    html = client.get("/preguntas-frecuentes/", {"perfil": "emigrante"}).content.decode()
    assert html.count("<article") == 2
    assert "Perfil: Emigrante o familiar." in html
    html = client.get("/preguntas-frecuentes/", {"tema": "remesas"}).content.decode()
    assert html.count("<article") == 1 and "Tema: Remesas." in html


def test_unknown_filter_is_reported_not_a_server_error(client, banco):
    respuesta = client.get("/preguntas-frecuentes/", {"perfil": "marciano", "q": "visa"})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Perfil: elija una opción de la lista." in html
    assert 'aria-invalid="true"' in html
    assert "¿Cómo consigo visas de trabajo?" in html


def test_no_results_invites_to_ask(client, banco):
    html = client.get("/preguntas-frecuentes/", {"q": "astronauta"}).content.decode()
    assert "No encontramos preguntas" in html
    assert 'href="/consulta/?pregunta=astronauta"' in html


def test_detail_page_shows_source_and_review_date(client, banco):
    pregunta = banco["visas"]
    pregunta.fuente = "Cancillería — https://www.gob.pe/rree"
    pregunta.revisado_el = "2026-03-05"
    pregunta.save()
    html = client.get(f"/preguntas-frecuentes/{pregunta.slug}/").content.decode()
    assert "<h1" in html and html.count("<h1") == 1
    assert "Cancillería" in html and 'href="https://www.gob.pe/rree"' in html
    assert "Actualizado el 5 de marzo de 2026" in html


def test_draft_detail_is_not_found(client, banco):
    assert client.get(f"/preguntas-frecuentes/{banco['borrador'].slug}/").status_code == 404


def test_answer_markdown_is_sanitised_on_save(db):
    pregunta = crear_pregunta(
        "¿Es seguro?",
        "**Sí**. <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    assert "<strong>Sí</strong>" in pregunta.respuesta_html
    assert "<script" not in pregunta.respuesta_html
    assert "javascript:" not in pregunta.respuesta_html
    assert "onerror" not in pregunta.respuesta_html
    assert 'href="https://a.pe"' in markdown_a_html("Vea https://a.pe.")[0]


def test_english_page_lists_english_entries_when_there_are_some(client, banco):
    crear_pregunta("How do I get a work visa?", "Ask the embassy.", idioma="en")
    html = client.get("/en/preguntas-frecuentes/", {"q": "visas"}).content.decode()
    assert "How do I get a work visa?" in html
    assert "¿Cómo consigo visas de trabajo?" not in html
