from datetime import timedelta

import pytest
from django.utils import timezone

from consultas.models import Consulta
from contenidos.models import Tema
from faq.servicios import cobertura
from tests.faq_ayudas import crear_pregunta

pytestmark = pytest.mark.django_db


def consulta(sede, temas, hace_dias):
    c = Consulta.objects.create(
        canal="presencial",
        sede=sede,
        tipo_migrante="potencial",
        recibida=timezone.now() - timedelta(days=hace_dias),
    )
    c.temas.set(Tema.objects.filter(codigo__in=temas))
    return c


@pytest.fixture
def escenario(sede_a, sede_b):
    for _ in range(3):
        consulta(sede_a, ["remesas"], 5)
    consulta(sede_b, ["remesas", "retorno"], 30)
    consulta(sede_a, ["retorno"], 89)
    consulta(sede_a, ["retorno"], 120)  # outside the 90 days
    consulta(sede_a, ["empleo-exterior"], 200)  # outside too
    crear_pregunta("¿Qué es el retorno?", tema="retorno")
    crear_pregunta("¿Y la tarjeta del retornado?", tema="retorno")
    crear_pregunta("Borrador de remesas", tema="remesas", publicada=False)
    crear_pregunta("¿Cómo busco empleo afuera?", tema="empleo-exterior")


def test_coverage_counts_recent_consultations_against_published_entries(escenario):
    filas = {f.tema.codigo: f for f in cobertura(dias=90)}
    assert (filas["remesas"].consultas, filas["remesas"].preguntas) == (4, 0)
    assert (filas["retorno"].consultas, filas["retorno"].preguntas) == (2, 2)
    assert (filas["empleo-exterior"].consultas, filas["empleo-exterior"].preguntas) == (0, 1)
    # Shares of 6 topic mentions and of 3 published entries.
    assert filas["remesas"].porcentaje_consultas == 66.7
    assert filas["remesas"].brecha == 66.7 and filas["remesas"].sin_preguntas
    assert filas["retorno"].porcentaje_preguntas == 66.7
    assert filas["retorno"].brecha == -33.3 and filas["retorno"].consultas_por_pregunta == 1.0
    assert filas["empleo-exterior"].brecha == -33.3


def test_coverage_ranks_topics_by_consultations(escenario):
    orden = [f.tema.codigo for f in cobertura(dias=90)]
    assert orden[:2] == ["remesas", "retorno"]
    assert len(orden) == Tema.objects.activos().count()


def test_coverage_page_shows_the_table(escenario, editor, cliente_de):
    html = cliente_de(editor).get("/gestion/faq/cobertura/").content.decode()
    assert "<caption>" in html and 'scope="col"' in html
    fila_remesas = html[html.index('<th scope="row">Remesas</th>') :].split("</tr>")[0]
    assert '<td class="text-end">4</td>' in fila_remesas
    assert "Sin preguntas publicadas" in fila_remesas
    assert html.index(">Remesas<") < html.index(">Retorno al Perú<")


def test_coverage_is_for_editors_and_managers_only(
    escenario, editor, responsable, asesor_a, cliente_de, client
):
    assert client.get("/gestion/faq/cobertura/").status_code == 302
    assert cliente_de(asesor_a).get("/gestion/faq/cobertura/").status_code == 403
    assert cliente_de(responsable).get("/gestion/faq/cobertura/").status_code == 200
    assert cliente_de(editor).get("/gestion/faq/cobertura/").status_code == 200


def test_coverage_menu_link_only_for_those_who_can_open_it(editor, asesor_a, cliente_de):
    assert "Cobertura FAQ" in cliente_de(editor).get("/gestion/").content.decode()
    assert "Cobertura FAQ" not in cliente_de(asesor_a).get("/gestion/").content.decode()
