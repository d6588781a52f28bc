"""A typical walk-in logged in real Chromium, from /gestion/ to saved, in at most 8 actions."""

import pytest
from django.conf import settings
from django.test import Client

from consultas.models import Consulta
from tests.conftest import sesion_verificada

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("semillas"),
]

MAXIMO_ACCIONES = 8


class Acciones:
    """Counts every click, fill, selection or key press made on the page."""

    def __init__(self, pagina):
        self.pagina = pagina
        self.cuenta = 0

    def click(self, selector):
        self.cuenta += 1
        self.pagina.click(selector)

    def fill(self, selector, valor):
        self.cuenta += 1
        self.pagina.fill(selector, valor)

    def seleccionar(self, selector, valor):
        self.cuenta += 1
        self.pagina.select_option(selector, valor)

    def tecla(self, tecla):
        self.cuenta += 1
        self.pagina.keyboard.press(tecla)


def iniciar_sesion(pagina, live_server, usuario):
    cliente = sesion_verificada(Client(), usuario)
    pagina.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cliente.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def registrar_atencion_tipica(pagina, live_server):
    """From the dashboard to a saved walk-in; returns the number of actions it took."""
    pagina.goto(live_server.url + "/gestion/")
    acciones = Acciones(pagina)
    acciones.click("main >> text=Nueva atención")
    pagina.wait_for_url("**/gestion/consultas/nueva/")
    assert pagina.evaluate("document.activeElement.id") == "id_tipo_migrante"
    acciones.seleccionar("#id_tipo_migrante", "potencial")
    acciones.seleccionar("#id_pais", "CL")
    acciones.click("text=Empleo en el exterior")
    acciones.fill(
        "#id_resumen", "Pregunta cómo verificar una oferta de trabajo en Chile y su carné."
    )
    acciones.click("#id_sexo_1")  # the second radio: Hombre
    acciones.fill("#id_edad", "34")
    acciones.click("text=Guardar y registrar otra")
    pagina.wait_for_selector(".alert-success")
    return acciones.cuenta


def test_walk_in_is_logged_in_at_most_eight_actions_from_the_dashboard(
    live_server, pagina, asesor_a, sede_a
):
    # Her previous record was a one-off at the DIGEMIN desk: it must not stick.
    anterior = Consulta.objects.create(
        canal="digemin", sede=sede_a, registrada_por=asesor_a, tipo_migrante="extranjero"
    )
    iniciar_sesion(pagina, live_server, asesor_a)
    cuenta = registrar_atencion_tipica(pagina, live_server)

    assert cuenta <= MAXIMO_ACCIONES
    consulta = Consulta.objects.exclude(pk=anterior.pk).get()
    assert consulta.codigo in pagina.locator(".alert-success").inner_text()
    assert pagina.input_value("#id_edad") == ""
    assert pagina.input_value("#id_resumen") == ""
    assert (consulta.tipo_migrante, consulta.sexo, consulta.edad) == ("potencial", "M", 34)
    assert consulta.pais.code == "CL" and consulta.nacionalidad.code == "PE"
    assert [t.codigo for t in consulta.temas.all()] == ["empleo-exterior"]
    assert consulta.resumen.startswith("Pregunta cómo verificar")
    assert consulta.canal == "presencial" and consulta.sede == sede_a
    assert consulta.registrada_por == asesor_a and consulta.asesor == asesor_a
    assert consulta.estado == "cerrada"


def test_tab_order_follows_the_screen(live_server, pagina, asesor_a):
    iniciar_sesion(pagina, live_server, asesor_a)
    pagina.goto(live_server.url + "/gestion/consultas/nueva/")
    visitados = [pagina.evaluate("document.activeElement.name")]
    while visitados[-1] != "medio" and len(visitados) < 40:
        pagina.keyboard.press("Tab")
        nombre = pagina.evaluate("document.activeElement.name")
        if nombre != visitados[-1]:
            visitados.append(nombre)
    # The order of the conversation: who, where to, about what, the question, the answer,
    # then the personal details asked at the end.
    assert visitados == [
        "tipo_migrante",
        "pais",
        "temas",
        "resumen",
        "respuesta",
        "sexo",
        "edad",
        "nacionalidad",
        "medio",
    ]


def test_the_walk_in_is_found_again_by_unaccented_words(live_server, pagina, asesor_a, sede_a):
    iniciar_sesion(pagina, live_server, asesor_a)
    registrar_atencion_tipica(pagina, live_server)
    consulta = Consulta.objects.get()

    pagina.goto(live_server.url + "/gestion/consultas/")
    pagina.fill("#id_q", "carne chile")  # no accent, other order, not the exact phrase
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**q=carne*")
    assert consulta.codigo in pagina.locator("main").inner_text()
