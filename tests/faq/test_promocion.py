import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.template.loader import render_to_string
from django.test import RequestFactory

from faq.models import Pregunta
from faq.servicios import proponer_desde_consulta
from infomigra.vocabulario import ROL_EDITOR
from tests.conftest import sesion_verificada
from tests.faq_ayudas import consulta_respondida, crear_pregunta

pytestmark = pytest.mark.django_db

RESUMEN = "Quiere saber si sus años de aportes en Chile cuentan para su pensión en el Perú."
RESPUESTA = "Sí: el **convenio** con Chile permite sumar los periodos aportados."


@pytest.fixture
def consulta(sede_a):
    return consulta_respondida(sede_a, RESUMEN, RESPUESTA, "Juana Pérez", "juana@example.com")


def campos_del_boton(consulta, usuario):
    peticion = RequestFactory().get(f"/gestion/consultas/{consulta.pk}/")
    peticion.user = usuario
    html = render_to_string("faq/_boton_proponer.html", {"consulta": consulta}, request=peticion)
    campos = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    return html, {k: unescape(v) for k, v in campos.items() if k != "csrfmiddlewaretoken"}


def confirmar(cliente, campos):
    """Open the proposal page as the button does and confirm the texts it shows."""
    pagina = cliente.get("/gestion/faq/proponer/", campos)
    assert pagina.status_code == 200
    datos = {k: v for k, v in pagina.context["form"].initial.items() if v is not None}
    return cliente.post("/gestion/faq/proponer/", {**datos, "siguiente": campos["siguiente"]})


def test_service_creates_an_unpublished_draft(consulta):
    pregunta = proponer_desde_consulta(
        consulta.codigo, RESUMEN, RESPUESTA, "convenios-seguridad-social", "retornado"
    )
    assert not pregunta.publicada
    assert pregunta.consulta_origen == consulta.codigo
    assert pregunta.pregunta == RESUMEN
    assert "<strong>convenio</strong>" in pregunta.respuesta_html
    assert list(pregunta.perfiles.values_list("codigo", flat=True)) == ["retornado"]
    assert pregunta.tema.codigo == "convenios-seguridad-social"


def test_button_posts_the_consultation_and_creates_a_draft(consulta, asesor_a, cliente_de):
    html, campos = campos_del_boton(consulta, asesor_a)
    assert "Proponer como pregunta frecuente" in html
    assert 'action="/gestion/faq/proponer/"' in html
    assert campos["codigo"] == consulta.codigo
    assert "juana" not in html.lower()  # contact data never leaves the consultation
    cliente = cliente_de(asesor_a)
    respuesta = confirmar(cliente, campos)
    assert respuesta.status_code == 302
    assert respuesta["Location"] == f"/gestion/consultas/{consulta.pk}/"  # back where it was
    pregunta = Pregunta.objects.get(consulta_origen=consulta.codigo)
    assert not pregunta.publicada and pregunta.respuesta == RESPUESTA
    assert "Propuesta creada como borrador" in cliente.get("/gestion/").content.decode()


def test_button_is_hidden_on_an_unanswered_consultation(consulta, asesor_a):
    consulta.respuesta = ""
    html, _ = campos_del_boton(consulta, asesor_a)
    assert "Proponer como pregunta frecuente" not in html


def test_proposing_twice_keeps_one_draft(consulta, asesor_a, cliente_de):
    _, campos = campos_del_boton(consulta, asesor_a)
    cliente = cliente_de(asesor_a)
    confirmar(cliente, campos)
    pagina = cliente.get("/gestion/faq/proponer/", campos)
    datos = {k: v for k, v in pagina.context["form"].initial.items() if v is not None}
    respuesta = cliente.post("/gestion/faq/proponer/", datos, follow=True)
    assert "ya fue propuesta como pregunta frecuente" in respuesta.content.decode()
    assert Pregunta.objects.filter(consulta_origen=consulta.codigo).count() == 1


def test_invalid_proposal_names_the_fields(asesor_a, cliente_de):
    respuesta = cliente_de(asesor_a).post(
        "/gestion/faq/proponer/", {"codigo": "C-2026-000001", "tema": "inventado"}
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 400
    assert "Pregunta (resumen de la consulta)" in html and "Respuesta" in html
    assert "Escoja una opción válida" in html
    assert 'aria-invalid="true"' in html
    assert not Pregunta.objects.exists()


def test_proposing_needs_a_role(consulta, sin_rol, cliente_de, client):
    datos = {"codigo": consulta.codigo, "resumen": RESUMEN, "respuesta": RESPUESTA}
    assert client.post("/gestion/faq/proponer/", datos).status_code == 302  # to login
    assert cliente_de(sin_rol).post("/gestion/faq/proponer/", datos).status_code == 403
    assert not Pregunta.objects.exists()


def test_editor_reviews_the_draft_in_the_admin_and_publishes_it(consulta, editor, client):
    pregunta = proponer_desde_consulta(
        consulta.codigo, RESUMEN, RESPUESTA, "convenios-seguridad-social", "retornado"
    )
    assert client.get(f"/preguntas-frecuentes/{pregunta.slug}/").status_code == 404
    editor.is_staff = True
    editor.save()
    assert editor.groups.filter(name=ROL_EDITOR).exists()
    assert Group.objects.get(name=ROL_EDITOR).permissions.filter(codename="change_pregunta")
    sesion_verificada(client, editor)  # 2FA is required of every role
    lista = client.get("/admin/faq/pregunta/", {"estado": "propuestas"}).content.decode()
    assert RESUMEN[:40] in lista
    cambio = client.get(f"/admin/faq/pregunta/{pregunta.pk}/change/").content.decode()
    assert "quite todo dato personal" in cambio
    client.post(
        "/admin/faq/pregunta/",
        {"action": "publicar", "_selected_action": [pregunta.pk], "index": 0},
    )
    pregunta.refresh_from_db()
    assert pregunta.publicada
    client.logout()
    html = client.get(f"/preguntas-frecuentes/{pregunta.slug}/").content.decode()
    assert "convenio" in html


def test_retiring_or_publishing_from_the_admin_list_updates_the_cached_pages_at_once(
    editor, client, settings
):
    """The admin actions change ``publicada`` with one UPDATE, which sends no signal: the page
    cache kept showing a retired entry (a wrong fact taken down) on its own page and in the list
    until some other edit."""
    settings.CACHE_PORTAL_VERIFICAR = 3600  # only an edit may make this process re-read
    pregunta = crear_pregunta("¿Necesito visa para trabajar en Chile?", "Sí, una visa de trabajo.")
    anonimo = client.__class__()
    pagina = f"/preguntas-frecuentes/{pregunta.slug}/"
    assert anonimo.get(pagina).status_code == 200
    assert pregunta.pregunta in anonimo.get("/preguntas-frecuentes/").content.decode()
    editor.is_staff = True
    editor.save()
    sesion_verificada(client, editor)
    accion = {"_selected_action": [pregunta.pk], "index": 0}
    client.post("/admin/faq/pregunta/", {"action": "retirar", **accion})
    assert anonimo.get(pagina).status_code == 404
    assert pregunta.pregunta not in anonimo.get("/preguntas-frecuentes/").content.decode()
    client.post("/admin/faq/pregunta/", {"action": "publicar", **accion})
    assert anonimo.get(pagina).status_code == 200
    assert pregunta.pregunta in anonimo.get("/preguntas-frecuentes/").content.decode()
