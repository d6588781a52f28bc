"""The FAQ feeds the portal: site search results and related questions on profile guides."""

import pytest

from contenidos.models import Tema
from faq.models import Perfil, Pregunta

pytestmark = pytest.mark.django_db


@pytest.fixture
def pregunta_publicada(contenido):
    pregunta = Pregunta.objects.create(
        pregunta="¿Qué trámites necesito para trabajar en España?",
        respuesta="Necesita una visa de trabajo que pide su empleador.",
        tema=Tema.objects.get(codigo="tramites-visas"),
        publicada=True,
    )
    pregunta.perfiles.add(Perfil.objects.get(codigo="potencial"))
    borrador = Pregunta.objects.create(
        pregunta="Borrador sobre trámites en España",
        respuesta="No publicado.",
        tema=Tema.objects.get(codigo="tramites-visas"),
        publicada=False,
    )
    borrador.perfiles.add(Perfil.objects.get(codigo="potencial"))
    return pregunta


def test_site_search_lists_matching_faq_entries(client, pregunta_publicada):
    html = client.get("/buscar/", {"q": "tramites espana"}).content.decode()
    assert "Preguntas frecuentes" in html
    assert "¿Qué trámites necesito para trabajar en España?" in html
    assert pregunta_publicada.get_absolute_url() in html
    assert "Borrador sobre trámites" not in html


def test_profile_guide_shows_related_published_questions(client, pregunta_publicada):
    html = client.get("/perfil/potencial/").content.decode()
    assert "Preguntas frecuentes relacionadas" in html
    assert pregunta_publicada.get_absolute_url() in html
    assert "Borrador sobre trámites" not in html
    otra = client.get("/perfil/extranjero/").content.decode()
    assert pregunta_publicada.get_absolute_url() not in otra


def test_publishing_a_question_redraws_the_cached_guide(client, pregunta_publicada):
    assert (
        pregunta_publicada.get_absolute_url() in client.get("/perfil/potencial/").content.decode()
    )
    nueva = Pregunta.objects.create(
        pregunta="¿Cómo reconozco una oferta de trabajo falsa?",
        respuesta="Desconfíe de pagos por adelantado.",
        tema=Tema.objects.get(codigo="estafas-trata"),
        publicada=True,
    )
    nueva.perfiles.add(Perfil.objects.get(codigo="potencial"))
    assert nueva.get_absolute_url() in client.get("/perfil/potencial/").content.decode()
