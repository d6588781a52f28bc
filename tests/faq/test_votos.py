import pytest
from django.db import connection
from django.test import Client

from faq.models import Pregunta
from faq.votos import COOKIE
from tests.faq_ayudas import crear_pregunta

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"


@pytest.fixture
def pregunta(db):
    return crear_pregunta("¿Necesito visa para trabajar en Chile?", "Sí, una visa de trabajo.")


def votar(cliente, pregunta, util="si", ip=IP, **extra):
    cabeceras = {k: extra.pop(k) for k in list(extra) if k.startswith("HTTP_")}
    return cliente.post(
        f"/preguntas-frecuentes/{pregunta.slug}/votar/",
        {"util": util, **extra},
        REMOTE_ADDR=ip,
        follow=True,
        **cabeceras,
    )


def votos(pregunta):
    pregunta = Pregunta.objects.get(pk=pregunta.pk)
    return pregunta.votos_utiles, pregunta.votos_no_utiles


def test_vote_form_works_without_login_or_javascript(client, pregunta):
    html = client.get(f"/preguntas-frecuentes/{pregunta.slug}/").content.decode()
    assert "¿Le fue útil?" in html
    assert f'action="/preguntas-frecuentes/{pregunta.slug}/votar/"' in html
    assert 'name="util" value="si"' in html and 'name="util" value="no"' in html
    respuesta = votar(client, pregunta, "no")
    assert "Gracias por su opinión" in respuesta.content.decode()
    assert votos(pregunta) == (0, 1)
    assert "ya nos dijo si esta respuesta le fue útil" in respuesta.content.decode()


def test_second_vote_from_same_person_is_ignored(client, pregunta):
    votar(client, pregunta, "si")
    respuesta = votar(client, pregunta, "no")
    assert votos(pregunta) == (1, 0)
    assert "Ya había opinado sobre esta pregunta" in respuesta.content.decode()


def test_vote_on_another_question_counts(client, pregunta):
    otra = crear_pregunta("¿Cómo envío remesas?", tema="remesas")
    votar(client, pregunta)
    votar(client, otra)
    assert votos(pregunta) == (1, 0) and votos(otra) == (1, 0)


def test_tampered_cookie_is_not_trusted(client, pregunta):
    client.cookies[COOKIE] = f"{pregunta.pk}:firma-falsa"
    votar(client, pregunta)
    assert votos(pregunta) == (1, 0)


def test_votes_are_rate_limited_per_address(settings, pregunta):
    settings.FAQ_VOTOS_POR_HORA = 2
    otras = [crear_pregunta(f"¿Pregunta número {n}?") for n in range(3)]
    for destino in otras[:2]:
        votar(Client(), destino)  # new browser each time: no cookie to stop it
    respuesta = votar(Client(), pregunta)
    assert "Recibimos muchas opiniones desde su conexión" in respuesta.content.decode()
    assert votos(pregunta) == (0, 0)
    votar(Client(), pregunta, ip="198.51.100.9")
    assert votos(pregunta) == (1, 0)


def test_address_is_stored_only_as_salted_hash(client, pregunta):
    votar(client, pregunta)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM infomigra_cache")
        claves = [fila[0] for fila in cursor.fetchall()]
    limites = [clave for clave in claves if "limite:voto:" in clave]
    assert len(limites) == 1
    assert "203.0" not in limites[0] and len(limites[0].rsplit(":", 1)[1]) == 64


def test_votes_behind_the_proxy_are_limited_per_client_not_per_proxy(settings, pregunta):
    # Behind nginx every request comes from the proxy's address; each client keeps its own
    # allowance, read from the entry the proxy appended to X-Forwarded-For.
    settings.PROXY_SSL_HEADER = True
    settings.FAQ_VOTOS_POR_HORA = 1
    otras = [crear_pregunta(f"¿Otra pregunta {n}?") for n in range(3)]
    for n, destino in enumerate(otras):
        respuesta = votar(Client(), destino, ip="10.0.0.2", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        assert "Gracias por su opinión" in respuesta.content.decode()
    respuesta = votar(Client(), pregunta, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.0")
    assert "Recibimos muchas opiniones desde su conexión" in respuesta.content.decode()


def test_vote_without_a_choice_explains_what_to_do(client, pregunta):
    respuesta = votar(client, pregunta, util="quizas")
    assert "Elija «Sí» o «No»" in respuesta.content.decode()
    assert votos(pregunta) == (0, 0)


def test_vote_returns_to_the_same_page_but_never_to_another_site(client, pregunta):
    respuesta = client.post(
        f"/preguntas-frecuentes/{pregunta.slug}/votar/",
        {"util": "si", "siguiente": "/preguntas-frecuentes/?q=visa#pregunta-1"},
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/preguntas-frecuentes/?q=visa#pregunta-1"
    respuesta = Client().post(
        f"/preguntas-frecuentes/{pregunta.slug}/votar/",
        {"util": "si", "siguiente": "https://malicioso.example/"},
    )
    assert respuesta["Location"] == f"/preguntas-frecuentes/{pregunta.slug}/"


def test_vote_needs_post_and_a_published_question(client, pregunta):
    assert client.get(f"/preguntas-frecuentes/{pregunta.slug}/votar/").status_code == 405
    borrador = crear_pregunta("Borrador", publicada=False)
    assert votar(client, borrador).status_code == 404
