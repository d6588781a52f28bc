"""The returnee's check-in in English: the language is kept from the consultation or set on the
enrolment form, the mail and its private link are in it, and the form answers in English."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultas.models import Consulta
from consultas.retornados.models import Retornado

pytestmark = pytest.mark.django_db

ESPANOL = (
    "¿Cómo le va",
    "Su seguimiento",
    "Su respuesta nos ayuda",
    "¿Cuál es su situación hoy?",
    "Con empleo formal",
    "Buscando empleo",
    "Enviar mi respuesta",
    "Revise el formulario",
    "Elija la opción",
    "Esta página es privada",
    "Gracias. Recibimos",
    "No tiene ningún control",
    "Hola",
    "seguimos acompañando",
    "No comparta",
)
ENLACE_PORTAL = r'href="(/(?!static/|media/|gestion/|admin/|cuentas/)[^"]*)"(?! hreflang)'


def en_ingles(html: str) -> None:
    assert '<html lang="en"' in html
    assert [t for t in ESPANOL if t in html] == []
    portal = re.findall(ENLACE_PORTAL, html)
    assert portal and [h for h in portal if not h.startswith("/en/")] == []


def inscrito_hace(sede, dias, **campos):
    datos = {"sede": sede, "nombre": "Luis", "email": "luis@example.org", "sexo": "M", "edad": 30}
    datos.update(campos)
    return Retornado.objects.create(
        inscrito_el=timezone.localdate() - dt.timedelta(days=dias), **datos
    )


def test_enrolment_from_an_english_consultation_keeps_english(cliente_de, asesor_a, sede_a):
    consulta = Consulta.objects.create(
        canal="web", sede=sede_a, tipo_migrante="retornado", email="ann@example.org", idioma="en"
    )
    cliente_de(asesor_a).post(f"/gestion/retornados/desde-consulta/{consulta.codigo}/")
    assert Retornado.objects.get().idioma == "en"


def test_consultation_sent_from_the_english_portal_is_english(client, cliente_de, asesor_a):
    import time

    from django.core import signing

    from consultas.remotas.forms import SAL_MARCA
    from contenidos.models import Tema

    datos = {
        "tipo_migrante": "retornado", "pais": "US", "pregunta": "I came back; I need a job.",
        "tema": Tema.objects.get(codigo="retorno").pk, "email": "ann@example.org",
        "consentimiento": "on", "sitio_web": "",
        "marca": signing.dumps(time.time() - 10, salt=SAL_MARCA),
    }  # fmt: skip
    assert client.post("/en/consulta/", datos).status_code == 302
    assert client.post("/consulta/", {**datos, "email": "eva@example.org"}).status_code == 302
    idiomas = dict(Consulta.objects.values_list("email", "idioma"))
    assert idiomas == {"ann@example.org": "en", "eva@example.org": "es"}
    consulta = Consulta.objects.get(email="ann@example.org")
    consulta.sede = asesor_a.perfil.sede
    consulta.save()
    cliente_de(asesor_a).post(f"/gestion/retornados/desde-consulta/{consulta.codigo}/")
    assert Retornado.objects.get().idioma == "en"


def test_direct_enrolment_chooses_the_language_default_spanish(cliente_de, asesor_a):
    cliente = cliente_de(asesor_a)
    formulario = cliente.get("/gestion/retornados/nuevo/").content.decode()
    assert 'name="idioma"' in formulario
    datos = {"nombre": "Ann", "email": "ann@example.org", "inscrito_el": "2026-09-01"}
    cliente.post("/gestion/retornados/nuevo/", {**datos, "idioma": "en"})
    cliente.post("/gestion/retornados/nuevo/", {**datos, "nombre": "Eva"})
    assert dict(Retornado.objects.values_list("nombre", "idioma")) == {"Ann": "en", "Eva": "es"}


def test_english_returnee_gets_the_check_in_in_english(client, sede_a):
    inscrito_hace(sede_a, 40, nombre="Ann", email="ann@example.org", idioma="en")
    inscrito_hace(sede_a, 40, nombre="Eva", email="eva@example.org")
    call_command("recordatorio_retornados")
    por_persona = {c.to[0]: c for c in mail.outbox}
    correo = por_persona["ann@example.org"]
    assert "How are you doing" in correo.subject
    assert [t for t in ESPANOL if t in correo.body] == [] and "Hello Ann," in correo.body
    assert '<html lang="en">' in correo.alternatives[0][0]
    ruta = re.search(r"8000(/en/retorno/control/\S+/)", correo.body)[1]
    assert "¿Cómo le va" in por_persona["eva@example.org"].subject
    assert "8000/retorno/control/" in por_persona["eva@example.org"].body

    pagina = client.get(ruta).content.decode()
    en_ingles(pagina)
    assert "What is your situation today?" in pagina and "In formal employment" in pagina
    errores = client.post(ruta, {"comentario": "hi"})
    assert errores.status_code == 400
    en_ingles(errores.content.decode())
    respuesta = client.post(ruta, {"resultado": "independiente"})
    en_ingles(respuesta.content.decode())
    assert "Thank you" in respuesta.content.decode()
    en_ingles(client.get(ruta).content.decode())
