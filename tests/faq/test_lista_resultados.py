"""The FAQ list as a reader gets it: ten ranked results per search page, each folded with its
answer, its links and its '¿Le fue útil?' vote; the same few queries whatever the number of
results; the rows read by key in the order of the full ranking."""

import re
from unittest.mock import patch

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from contenidos.models import Tema
from faq.models import Pregunta
from faq.motor.analisis import analizar
from faq.motor.preguntas import buscar, coincidentes
from tests.faq_ayudas import crear_pregunta

pytestmark = pytest.mark.django_db
FAQ = "/preguntas-frecuentes/"


@pytest.fixture
def visas(db):
    """Twelve entries about visas (two of them about work visas), two about remittances."""
    entradas = [
        crear_pregunta(
            f"¿Qué visa necesito para viajar al país número {n}?",
            f"La visa del país {n} se pide en su consulado.",
            perfiles=("potencial", "emigrante"),
            orden=n,
        )
        for n in range(10)
    ]
    entradas += [
        crear_pregunta(
            f"¿Cómo consigo una visa de trabajo, caso {n}?",
            "Con un contrato de trabajo firmado.",
            perfiles=("potencial",),
            orden=20 + n,
        )
        for n in range(2)
    ]
    entradas += [
        crear_pregunta(f"¿Cómo envío remesas, caso {n}?", "Compare comisiones.", tema="remesas")
        for n in range(2)
    ]
    return entradas


@pytest.fixture
def sin_cache(settings):
    settings.CACHE_PORTAL_ENTRADAS = 0  # every request runs the view, not the page cache
    settings.CACHE_PORTAL_VERIFICAR = 0  # its generation read on every request, not once a second


def _consultas(client, parametros):
    client.get(FAQ, parametros)  # the week's first search of a query creates its counter
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(FAQ, parametros)
    assert respuesta.status_code == 200
    return len(capturadas), respuesta.content.decode()


def test_a_search_page_costs_the_same_queries_for_two_or_ten_results(client, visas, sin_cache):
    pocas, html = _consultas(client, {"q": "remesas"})
    assert html.count('<details class="pregunta-faq') == 2
    for n in range(10):
        crear_pregunta(f"¿Remesas sin comisión, caso {n}?", tema="remesas", perfiles=("emigrante",))
    muchas, html = _consultas(client, {"q": "remesas"})
    assert html.count('<details class="pregunta-faq') == 10
    assert pocas == muchas <= 10


def test_browsing_costs_the_same_queries_for_few_or_many_entries(client, visas, sin_cache):
    pocas, html = _consultas(client, {})
    assert html.count('<details class="pregunta-faq') == 14
    for n in range(10):
        crear_pregunta(f"¿Otra pregunta, caso {n}?", perfiles=("andino", "retornado"))
    muchas, html = _consultas(client, {})
    assert html.count('<details class="pregunta-faq') == 20
    assert pocas == muchas <= 8


def test_ten_results_per_search_page_and_twenty_entries_when_browsing(client, visas):
    html = client.get(FAQ, {"q": "visa"}).content.decode()
    assert html.count('<details class="pregunta-faq') == 10
    assert "12 respuestas para «visa»." in html and "Página 1 de 2" in html
    segunda = client.get(FAQ, {"q": "visa", "pagina": "2"}).content.decode()
    assert segunda.count('<details class="pregunta-faq') == 2
    html = client.get(FAQ).content.decode()
    assert html.count('<details class="pregunta-faq') == 14 and "Página" not in html


def test_two_step_read_keeps_the_order_of_the_full_ranking(visas):
    """Entries covering every word first, the title over the answer, then the editors' order:
    the page reads keys then rows, and must give exactly the one-query ranking."""
    analisis = analizar("visa trabajo")
    una_consulta = list(
        coincidentes(Pregunta.objects.publicadas(), analisis).values_list("pk", flat=True)
    )
    resultado = buscar("visa trabajo")
    assert [p.pk for p in resultado[:20]] == una_consulta[:20]
    assert [p.pk for p in resultado[:2]] == [visas[10].pk, visas[11].pk]
    assert [p.pk for p in resultado[3:5]] == una_consulta[3:5]
    assert [p.cobertura for p in resultado[:3]] == [2, 2, 1]  # the scores come along
    assert [p.en_titulo for p in resultado[:3]] == [2, 2, 1]
    assert resultado.count() == 12


def test_more_words_in_the_question_rank_first_on_both_databases(db):
    """Coverage first, then how many of the query's groups the question holds, then the
    editors' order — the same ranking on PostgreSQL and SQLite (PostgreSQL used to weigh the
    title through ts_rank and report no title count, so /buscar/ could not use it)."""
    en_respuesta = crear_pregunta("¿Qué necesito para viajar?", "Una visa de trabajo.", orden=1)
    una = crear_pregunta("¿Qué visa necesito?", "Depende del trabajo que haga.", orden=2)
    dos = crear_pregunta("¿Cómo es la visa de trabajo?", "Se pide en el consulado.", orden=3)
    solo_visa = crear_pregunta("¿Dónde pido la visa?", "En el consulado.", orden=0)
    resultado = buscar("visa trabajo")
    assert [p.pk for p in resultado[:4]] == [dos.pk, una.pk, en_respuesta.pk, solo_visa.pk]
    assert [(p.cobertura, p.en_titulo) for p in resultado[:4]] == [(2, 2), (2, 1), (2, 0), (1, 1)]
    assert [p.pk for p in resultado[2:4]] == [en_respuesta.pk, solo_visa.pk]


def _consultas_de_ranking(sqls):
    return [s for s in sqls if "faq_pregunta" in s and ("MATCH" in s or "@@" in s)]


def test_a_first_page_titled_with_the_words_is_read_without_ranking_every_match(visas):
    """Twelve entries have «visa» in the question: the first ten are those, in the editors'
    order, read from the question's index alone — no score for each entry that mentions the
    word anywhere (thousands in a big bank). With fewer such entries the full ranking answers."""
    resultado = buscar("visa")
    with CaptureQueriesContext(connection) as capturadas:
        pagina = resultado[:10]
    assert [p.pk for p in pagina] == [p.pk for p in visas[:10]]
    ranking = _consultas_de_ranking(c["sql"] for c in capturadas.captured_queries)
    assert len(ranking) == 1
    if connection.vendor == "postgresql":
        assert "vector_pregunta" in ranking[0] and "vector_busqueda" not in ranking[0]
    else:
        expresiones = re.findall(r"MATCH '([^']*)'", ranking[0])
        assert expresiones and all(e.startswith("(busqueda_pregunta :") for e in expresiones)
    assert [p.pk for p in buscar("remesas comisiones")[:2]] == [visas[12].pk, visas[13].pk]
    with CaptureQueriesContext(connection) as capturadas:
        assert [p.pk for p in buscar("consulado")[:10]] == [p.pk for p in visas[:10]]
    assert len(_consultas_de_ranking(c["sql"] for c in capturadas.captured_queries)) == 2


def test_each_result_shows_its_topic_profiles_answer_and_links(client, visas):
    html = client.get(FAQ, {"q": "visa trabajo"}).content.decode()
    primera = visas[10]
    assert f'<summary class="pregunta-faq-titulo" id="titulo-pregunta-{primera.pk}">' in html
    assert "Trámites y visas · Potencial migrante</p>" in html
    assert "Emigrante o familiar, Potencial migrante</p>" in html
    assert "<p>Con un contrato de trabajo firmado.</p>" in html
    enlace = f"/preguntas-frecuentes/{primera.slug}/desde-busqueda/?q=visa+trabajo"
    assert f'<a href="{enlace}" rel="nofollow">Abrir esta respuesta en su propia página</a>' in html
    navegar = client.get(FAQ, {"tema": "remesas"}).content.decode()
    remesa = visas[12]
    assert f'<a href="/preguntas-frecuentes/{remesa.slug}/">Abrir esta respuesta' in navegar


def test_every_listed_result_has_a_vote_form_that_counts_and_returns(client, visas):
    html = client.get(FAQ, {"q": "visa trabajo"}).content.decode()
    formularios = re.findall(r'<form class="voto-faq[^"]*" method="post" action="([^"]+)">', html)
    assert len(formularios) == 10
    primera = visas[10]
    assert formularios[0] == f"/preguntas-frecuentes/{primera.slug}/votar/"
    destino = f"/preguntas-frecuentes/?q=visa+trabajo#pregunta-{primera.pk}"
    assert f'name="siguiente" value="{destino}"' in html
    # Each button is described by its question: the id it names exists on the page.
    for describe in set(re.findall(r'aria-describedby="(titulo-pregunta-\d+)"', html)):
        assert f'id="{describe}"' in html
    respuesta = client.post(
        formularios[0], {"util": "si", "siguiente": destino.split("#")[0]}, follow=True
    )
    texto = respuesta.content.decode()
    assert "Gracias por su opinión" in texto
    assert texto.count("Gracias: ya nos dijo si esta respuesta le fue útil.") == 1
    assert len(re.findall(r'<form class="voto-faq', texto)) == 9
    assert Pregunta.objects.get(pk=primera.pk).votos_utiles == 1


@pytest.mark.parametrize("q", ["\u202e\ufeff\u200b", "¿?", "--"])
def test_a_query_with_nothing_to_match_shows_the_empty_page(client, visas, q):
    respuesta = client.get(FAQ, {"q": q})
    assert respuesta.status_code == 200
    assert "No encontramos preguntas" in respuesta.content.decode()
    assert buscar(q)[:10] == [] and buscar(q).count() == 0


def _selects(html):
    """The search form's two selects (profile and topic), as the page shows them."""
    return re.findall(r"<select.*?</select>", html, re.S)


def test_the_filter_selects_are_drawn_once_and_again_when_a_topic_changes(client, visas):
    primera = client.get(FAQ, {"q": "visa", "perfil": "potencial"}).content.decode()
    with patch("faq.views.render_to_string", wraps=render_to_string) as dibujo:
        segunda = client.get(FAQ, {"q": "remesas", "perfil": "potencial"}).content.decode()
    assert dibujo.call_count == 0  # another search, the same choices: the selects from memory
    assert _selects(segunda) == _selects(primera) and len(_selects(primera)) == 2
    assert re.search(r'<option value="potencial" selected>', _selects(segunda)[0])

    Tema.objects.create(codigo="salud-exterior", nombre="Salud en el exterior")
    tercera = client.get(FAQ, {"q": "remesas", "perfil": "potencial"}).content.decode()
    assert "Salud en el exterior" in _selects(tercera)[1]


def test_cached_selects_follow_the_chosen_values_the_language_and_the_errors(client, visas):
    client.get(FAQ, {"q": "visa", "perfil": "potencial", "tema": "remesas"})
    otra = client.get(FAQ, {"q": "visa", "perfil": "emigrante"}).content.decode()
    perfil, tema = _selects(otra)
    assert '<option value="emigrante" selected>' in perfil and 'potencial" selected' not in perfil
    assert '<option value="" selected>' in tema

    ingles = client.get("/en/preguntas-frecuentes/", {"q": "visa"}).content.decode()
    assert "All profiles" in _selects(ingles)[0] and "Todos los perfiles" not in ingles

    erronea = client.get(FAQ, {"q": "visa", "perfil": "potencial", "tema": "no-existe"})
    html = erronea.content.decode()
    assert erronea.status_code == 200
    assert "Tema: elija una opción de la lista." in html
    assert 'aria-invalid="true"' in _selects(html)[1]


def test_the_rows_shown_are_read_once_per_generation_and_follow_every_edit(
    client, visas, sin_cache
):
    """The ranking runs on every search; what a result shows (question, answer, topic,
    profiles) is kept per process for the content generation, so a repeat reads no row — and
    an edit of the entry, its topic or its profiles shows on the very next search."""

    def columnas_mostradas(sqls):
        return [s for s in sqls if '"faq_pregunta"."respuesta_html"' in s or "faq_perfil" in s]

    client.get(FAQ, {"q": "visa"})
    with CaptureQueriesContext(connection) as capturadas:
        html = client.get(FAQ, {"q": "visa"}).content.decode()
    sqls = [c["sql"] for c in capturadas.captured_queries]
    assert _consultas_de_ranking(sqls) and columnas_mostradas(sqls) == []
    assert "La visa del país 0 se pide en su consulado." in html
    primera = visas[0]
    primera.respuesta = "La visa del país 0 se pide en línea."
    primera.save()
    html = client.get(FAQ, {"q": "visa"}).content.decode()
    assert "La visa del país 0 se pide en línea." in html
    tema = primera.tema
    tema.nombre = "Visas y trámites"
    tema.save()
    primera.perfiles.remove(*primera.perfiles.filter(codigo="emigrante"))
    html = client.get(FAQ, {"q": "visa"}).content.decode()
    metas = re.findall(r'<p class="meta-pregunta[^"]*">([^<]*)</p>', html)
    assert len(metas) == 10 and all(m.startswith("Visas y trámites · ") for m in metas)
    assert metas[0] == "Visas y trámites · Potencial migrante"  # «emigrante» removed
    assert metas[1] == "Visas y trámites · Emigrante o familiar, Potencial migrante"


def test_each_page_marks_its_own_copy_of_a_kept_row(client, visas, sin_cache):
    """Two searches sharing an entry: each shows its own snippet and link; the kept row is
    never changed by a page (requests in other threads share it)."""
    from contenidos.cache import almacen

    visa = client.get(FAQ, {"q": "visa"}).content.decode()
    consulado = client.get(FAQ, {"q": "consulado"}).content.decode()
    assert "<mark>visa</mark> del país 0" in visa and "<mark>consulado</mark>" not in visa
    assert "<mark>consulado</mark>" in consulado and "<mark>visa</mark>" not in consulado
    assert "desde-busqueda/?q=consulado" in consulado and "q=consulado" not in visa
    guardadas = [o for (espacio, _), (_, o) in almacen._objetos.items() if espacio == "faq-filas"]
    assert len(guardadas) == 10
    assert not any(hasattr(fila, "fragmento") or hasattr(fila, "enlace") for fila in guardadas)


CONSULTAS_RARAS = [
    "visa",
    "",
    "  carné de extranjería ",
    '"><script>x</script>',
    "a&b <i>",
    "x" * 201,  # too long: drawn with its error
]


@pytest.mark.parametrize("q", CONSULTAS_RARAS)
def test_the_kept_search_field_is_the_field_crispy_draws_for_that_query(client, visas, q):
    """The search field is drawn once per language and given each query, escaped: the page
    carries exactly what crispy draws for it (an over-long query, with its error, is drawn)."""
    from faq.forms import FiltroForm

    for idioma, ruta in (("es", FAQ), ("es", FAQ), ("en", "/en" + FAQ), ("en", "/en" + FAQ)):
        html = client.get(ruta, {"q": q}).content.decode()  # drawn, then kept, per language
        campo = re.search(r'<div class="col-md-5">(.*?)</div>\s*<div class="col-md-3">', html, re.S)
        with translation.override(idioma):
            esperado = render_to_string("faq/_campo_q.html", {"form": FiltroForm({"q": q})})
        assert campo.group(1) == esperado
        assert "<script>x" not in html
    assert "Buscar una pregunta" not in esperado  # the English label, not the Spanish
