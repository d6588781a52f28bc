"""The search engine: colloquial queries, synonyms kept by editors, typos, boosts, snippets."""

import pytest

from faq.models import Sinonimo, Termino
from faq.motor.analisis import analizar
from faq.motor.fragmentos import fragmento
from faq.motor.preguntas import buscar, sugerencias
from faq.motor.texto import raices
from tests.faq_ayudas import crear_pregunta

pytestmark = pytest.mark.django_db


@pytest.fixture
def banco(db):
    return {
        "remesas": crear_pregunta(
            "¿Cómo le envío dinero a mi familia de forma segura?",
            "Compare comisiones de bancos y agencias antes de enviar.",
            tema="remesas",
            perfiles=("emigrante",),
        ),
        "pasaporte": crear_pregunta(
            "Mi empleador se quedó con mi pasaporte, ¿es legal?",
            "Nadie puede retener sus documentos de identidad.",
            tema="derechos-laborales",
            perfiles=("extranjero",),
        ),
        "carne": crear_pregunta(
            "¿Cómo obtengo mi Carné de Extranjería?",
            "Se tramita ante Migraciones con su calidad migratoria aprobada.",
            perfiles=("extranjero",),
        ),
        "espana": crear_pregunta(
            "¿Qué visa necesito para trabajar en España?",
            "El consulado de España indica los requisitos del visado de trabajo.",
        ),
        "colombia": crear_pregunta(
            "¿Qué visa necesito para trabajar en Colombia?",
            "La visa de trabajo de Colombia se pide en línea ante Cancillería.",
        ),
        "venezolano": crear_pregunta(
            "Vengo de Venezuela, ¿puedo trabajar en el Perú?",
            "Con un permiso vigente puede trabajar formalmente.",
            perfiles=("extranjero",),
        ),
    }


def titulos(qs):
    return [p.pregunta for p in qs]


def test_stop_words_accents_and_case_are_ignored():
    assert raices("¿CÓMO saco el CARNÉ?") == raices("como saco el carne")
    assert "el" not in raices("el carné") and "de" not in raices("carné de extranjería")


@pytest.mark.parametrize(
    ("consulta", "clave"),
    [
        ("mandar plata a mi mama", "remesas"),
        ("mi jefe me quito el pasaporte", "pasaporte"),
        ("carnet de extranjeria", "carne"),
        ("CARNÉ DE EXTRANJERÍA", "carne"),
        ("soy venezolano quiero chamba", "venezolano"),
    ],
)
def test_colloquial_queries_find_the_answer_first(banco, consulta, clave):
    assert titulos(buscar(consulta))[0] == banco[clave].pregunta


def test_extra_words_do_not_empty_the_results(banco):
    resultados = titulos(buscar("hola buenas quisiera saber como saco el carnet porfa gracias"))
    assert resultados[0] == banco["carne"].pregunta


def test_entries_covering_every_word_come_first(banco):
    assert titulos(buscar("visa trabajar españa"))[0] == banco["espana"].pregunta
    assert titulos(buscar("visa trabajar colombia"))[0] == banco["colombia"].pregunta


def test_editing_a_synonym_changes_results_immediately(client, banco):
    assert titulos(buscar("guardadito")) == []
    sinonimo = Sinonimo.objects.create(termino="guardadito", equivalentes="pasaporte")
    html = client.get("/preguntas-frecuentes/", {"q": "guardadito"}).content.decode()
    assert banco["pasaporte"].pregunta in html
    sinonimo.equivalentes = "carné de extranjería"
    sinonimo.save()
    html = client.get("/preguntas-frecuentes/", {"q": "guardadito"}).content.decode()
    assert banco["carne"].pregunta in html and banco["pasaporte"].pregunta not in html
    sinonimo.activo = False
    sinonimo.save()
    assert titulos(buscar("guardadito")) == []


def test_one_way_synonyms_do_not_expand_backwards(banco):
    Sinonimo.objects.create(
        termino="pasaportito", equivalentes="pasaporte", en_ambos_sentidos=False
    )
    grupos = analizar("pasaporte").grupos
    assert all(("pasaportito",) not in g.alternativas for g in grupos)
    assert banco["pasaporte"].pregunta in titulos(buscar("pasaportito"))


def test_seeded_synonyms_cover_peruvian_usage_and_demonyms():
    assert Sinonimo.objects.count() >= 100
    analisis = analizar("PTP venezolano brevete")
    alternativas = {a for g in analisis.grupos for a in g.alternativas}
    assert ("venezuela",) in alternativas
    assert ("licencia", "conducir") in alternativas
    assert ("cpp",) in alternativas
    assert analisis.paises == {"VE"}


def test_typos_are_corrected_and_offered(banco):
    assert Termino.objects.filter(palabra="pasaporte").exists()
    analisis = analizar("pasaprote empleadr")
    assert analisis.correccion == "pasaporte empleador"
    assert titulos(buscar("pasaprote empleadr"))[0] == banco["pasaporte"].pregunta


def test_known_words_are_not_corrected(banco):
    assert analizar("pasaportes del empleador").correccion == ""


def test_inbox_suggestions_put_the_country_asked_about_first(banco):
    texto = (
        "Buenos días, me ofrecieron un trabajo en España y quiero saber qué visa necesito, "
        "mi primo dice que es como la de Colombia. Gracias."
    )
    assert sugerencias(texto)[0] == banco["espana"]


def test_snippet_marks_matched_words_and_escapes_html():
    html = fragmento("Su <b>jefe</b> no puede retener el pasaporte.", set(raices("pasaportes")))
    assert "&lt;b&gt;jefe&lt;/b&gt;" in html
    assert "<mark>pasaporte</mark>" in html
    assert "<b>" not in html


def test_edited_and_deleted_entries_leave_the_index(banco):
    pregunta = banco["carne"]
    pregunta.pregunta = "¿Cómo renuevo mi permiso de residencia?"
    pregunta.save()
    assert pregunta.pregunta in titulos(buscar("renuevo residencia"))
    assert pregunta.pregunta not in titulos(buscar("extranjería"))
    pregunta.delete()
    assert titulos(buscar("renuevo residencia")) == []


def test_index_upkeep_is_restored_after_a_table_rebuild(banco):
    from django.db import connection

    from faq.motor.indice_sqlite import DISPARADORES, asegurar_indice

    if connection.vendor == "sqlite":  # what SQLite's schema editor does when it alters a table
        with connection.cursor() as cursor:
            for nombre in DISPARADORES:
                cursor.execute(f"DROP TRIGGER {nombre}")  # noqa: S608
    asegurar_indice()
    nueva = crear_pregunta("¿Qué es el bono de retorno?", "Un apoyo económico.")
    assert titulos(buscar("bono retorno")) == [nueva.pregunta]


def test_an_editor_edits_a_synonym_in_the_back_office_and_search_follows(
    client, banco, cliente_de, editor
):
    navegador = cliente_de(editor)
    respuesta = navegador.post(
        "/admin/faq/sinonimo/add/",
        {"termino": "papelito", "equivalentes": "carné de extranjería", "activo": "on",
         "en_ambos_sentidos": "on"},
    )  # fmt: skip
    assert respuesta.status_code == 302
    html = client.get("/preguntas-frecuentes/", {"q": "papelito"}).content.decode()
    assert banco["carne"].pregunta in html
    sinonimo = Sinonimo.objects.get(termino="papelito")
    navegador.post(
        f"/admin/faq/sinonimo/{sinonimo.pk}/change/",
        {"termino": "papelito", "equivalentes": "pasaporte", "activo": "on"},
    )
    html = client.get("/preguntas-frecuentes/", {"q": "papelito"}).content.decode()
    assert banco["pasaporte"].pregunta in html and banco["carne"].pregunta not in html
