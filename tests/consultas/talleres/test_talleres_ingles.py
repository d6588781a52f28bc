"""Workshops in English: every public page under /en/, the .ics file and the registrant's mails
in the language they registered in."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultas.talleres.models import EstadoInscripcion as E
from consultas.talleres.models import Inscripcion, Taller
from tests.consultas.talleres.ayudas import nuevo_taller

pytestmark = pytest.mark.django_db

# Spanish interface strings of the workshop pages and mails: none may show on an English one.
ESPANOL = (
    "Talleres y charlas",
    "Próximos talleres",
    "Filtrar",
    "Región",
    "Todos los talleres",
    "Fecha y hora",
    "Dirigido a",
    "Idioma",
    "Cupos",
    "Inscribirse",
    "Inscribirme",
    "Añadir a mi calendario",
    "Aviso de privacidad",
    "Revise su correo",
    "Su inscripción",
    "Confirmar mi inscripción",
    "Cancelar mi inscripción",
    "Tiene un cupo",
    "lista de espera",
    "Jóvenes y potenciales migrantes",
    "minutos",
    " de diciembre",
    " de enero",
    "Hola:",
    "Lugar:",
    "Su cupo",
)


@pytest.fixture(autouse=True)
def sin_limite_de_inscripciones(settings):
    # Several registrations from the test client's one address in each test.
    settings.CONSULTA_LIMITE_POR_HORA = 100


ENLACE_PORTAL = r'href="(/(?!static/|media/|gestion/|admin/|cuentas/)[^"]*)"(?! hreflang)'


def sin_contenido(html: str, taller) -> str:
    """The page without what staff wrote (which stays as written) and the street address."""
    for texto in (taller.titulo, taller.descripcion, taller.direccion):
        html = html.replace(texto, "")
    return html


def en_ingles(html: str, taller) -> None:
    assert '<html lang="en"' in html
    interfaz = sin_contenido(html, taller)
    presentes = [t for t in ESPANOL if t in interfaz]
    assert presentes == []
    # Every portal link stays in English, except the language switcher's (hreflang).
    portal = re.findall(ENLACE_PORTAL, html)
    assert portal and [h for h in portal if not h.startswith("/en/")] == []
    for accion in re.findall(r'<form[^>]*action="([^"]*)"', html):
        assert accion.startswith("/en/") or accion.startswith("/i18n/"), accion


def inscribir_en_ingles(client, taller, email):
    datos = {"nombre": "Ann", "email": email, "consentimiento": "on"}
    return client.post(f"/en/talleres/{taller.pk}/", datos)


def enlace(correo) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(\S*/talleres/inscripcion/\S+/)", correo.body)[1]


def test_list_and_filters_in_english(client, sede_a):
    taller = nuevo_taller(sede_a, titulo="Trabajo en Chile", capacidad=1)
    nuevo_taller(sede_a, titulo="Otro", region="lima", publico="familias", capacidad=1)
    respuesta = client.get("/en/talleres/")
    html = respuesta.content.decode()
    en_ingles(html.replace("Otro", ""), taller)
    assert "Workshops and talks" in html and "Upcoming workshops" in html
    assert "Young people and potential migrants" in html and "Cusco" in html
    assert 'action="/en/talleres/"' in html
    # Staff content stays in Spanish: the portal's note says so.
    assert "nota-idioma" in html and "Spanish" in html
    filtrado = client.get("/en/talleres/", {"region": "cusco"}).content.decode()
    assert "Trabajo en Chile" in filtrado and ">Otro<" not in filtrado
    vacio = client.get("/en/talleres/", {"publico": "consulados"}).content.decode()
    assert "No upcoming workshops with these filters." in vacio


def test_english_workshop_has_no_untranslated_note(client, sede_a):
    nuevo_taller(
        sede_a, titulo="Working in Canada", descripcion="A talk.", idioma="en", capacidad=1
    )
    html = client.get("/en/talleres/").content.decode()
    assert "nota-idioma" not in html
    detalle = Taller.objects.get()
    assert "nota-idioma" not in client.get(f"/en/talleres/{detalle.pk}/").content.decode()
    # The same English workshop on the Spanish page gets the note, naming English.
    espanol = client.get(f"/talleres/{detalle.pk}/").content.decode()
    assert "nota-idioma" in espanol and "original en" in espanol


def test_event_page_in_english(client, sede_a):
    taller = nuevo_taller(
        sede_a, inicio=timezone.make_aware(dt.datetime(2031, 12, 1, 18, 30)), capacidad=1
    )
    html = client.get(f"/en/talleres/{taller.pk}/").content.decode()
    en_ingles(html, taller)
    assert "Monday 1 December 2031, 18:30" in html
    assert "Register" in html and "1 seat left" in html and "90 minutes" in html
    assert f'href="/en/talleres/{taller.pk}/calendario.ics"' in html
    assert "nota-idioma" in html
    errores = client.post(f"/en/talleres/{taller.pk}/", {"nombre": "Ann"})
    assert errores.status_code == 400
    en_ingles(errores.content.decode(), taller)
    assert "This field is required." in errores.content.decode()


def test_ics_in_english(client, sede_a):
    from icalendar import Calendar

    taller = nuevo_taller(sede_a, capacidad=1)
    evento = Calendar.from_ical(
        client.get(f"/en/talleres/{taller.pk}/calendario.ics").content
    ).walk("VEVENT")[0]
    assert str(evento["summary"]) == taller.titulo
    assert evento["summary"].params["LANGUAGE"] == "es"
    descripcion = str(evento["description"])
    assert descripcion.startswith("Charla informativa.")
    assert "Audience: Young people and potential migrants" in descripcion
    assert "Workshop language: Spanish" in descripcion
    assert f"/en/talleres/{taller.pk}/" in descripcion
    espanol = Calendar.from_ical(client.get(f"/talleres/{taller.pk}/calendario.ics").content).walk(
        "VEVENT"
    )[0]
    assert "Dirigido a: Jóvenes y potenciales migrantes" in str(espanol["description"])


def test_register_confirm_cancel_and_promotion_in_english(client, sede_a):
    taller = nuevo_taller(sede_a, capacidad=1)
    respuesta = inscribir_en_ingles(client, taller, "ann@example.org")
    assert respuesta["Location"] == "/en/talleres/revise-su-correo/"
    en_ingles(client.get(respuesta["Location"]).content.decode(), taller)
    assert Inscripcion.objects.get().idioma_correo == "en"
    confirmacion = mail.outbox[0]
    assert confirmacion.subject.startswith("Confirm your registration: ")
    cuerpo = sin_contenido(confirmacion.body, taller)
    assert [t for t in ESPANOL if t in cuerpo] == []
    assert "Hello," in cuerpo
    html = confirmacion.alternatives[0][0]
    assert '<html lang="en">' in html
    ruta = enlace(confirmacion)
    assert ruta.startswith("/en/talleres/inscripcion/")
    pagina = client.get(ruta).content.decode()
    en_ingles(pagina, taller)
    assert "Confirm my registration" in pagina

    # A Spanish registrant joins the waiting list behind Ann.
    client.post(f"/talleres/{taller.pk}/", {"nombre": "Eva", "email": "eva@example.org",
                                            "consentimiento": "on"})  # fmt: skip
    client.post(ruta, {"accion": "confirmar"})
    ruta_eva = re.search(r"8000(\S*/talleres/inscripcion/\S+/)", mail.outbox[1].body)[1]
    assert not ruta_eva.startswith("/en/")
    client.post(ruta_eva, {"accion": "confirmar"})
    assert dict(Inscripcion.objects.values_list("email", "estado")) == {
        "ann@example.org": E.CONFIRMADA,
        "eva@example.org": E.ESPERA,
    }
    estado = mail.outbox[2]
    assert estado.to == ["ann@example.org"] and "You have a confirmed seat" in estado.body
    assert "Su inscripción" in mail.outbox[3].subject  # Eva's stays Spanish

    # An English-registered waiting person is promoted in English: swap the roles.
    Inscripcion.objects.filter(email="eva@example.org").update(idioma_correo="en")
    mail.outbox.clear()
    respuesta = client.post(ruta, {"accion": "cancelar"}, follow=True)
    en_ingles(respuesta.content.decode(), taller)
    assert "Your registration was cancelled." in respuesta.content.decode()
    promovida = mail.outbox[-1]
    assert promovida.to == ["eva@example.org"]
    assert promovida.subject.startswith("Your registration: ")
    assert "You have a confirmed seat" in promovida.body
    assert "/en/talleres/inscripcion/" in promovida.body


def test_reminder_in_the_registrants_language(client, sede_a):
    taller = nuevo_taller(sede_a, inicio=timezone.localtime() + dt.timedelta(days=1), capacidad=5)
    inscribir_en_ingles(client, taller, "ann@example.org")
    client.post(f"/talleres/{taller.pk}/", {"nombre": "Eva", "email": "eva@example.org",
                                            "consentimiento": "on"})  # fmt: skip
    for correo in list(mail.outbox):
        client.post(enlace(correo), {"accion": "confirmar"})
    mail.outbox.clear()
    call_command("recordatorio_talleres")
    por_persona = {c.to[0]: c for c in mail.outbox}
    ingles = por_persona["ann@example.org"]
    assert ingles.subject.startswith("Reminder: tomorrow")
    cuerpo = sin_contenido(ingles.body, taller)
    assert [t for t in ESPANOL if t in cuerpo] == [] and "/en/talleres/inscripcion/" in cuerpo
    assert por_persona["eva@example.org"].subject.startswith("Recordatorio: mañana")


def test_registering_again_from_the_english_page_switches_the_language(client, sede_a):
    taller = nuevo_taller(sede_a, capacidad=1)
    client.post(f"/talleres/{taller.pk}/", {"nombre": "Ann", "email": "ann@example.org",
                                            "consentimiento": "on"})  # fmt: skip
    inscribir_en_ingles(client, taller, "ann@example.org")
    assert Inscripcion.objects.get().idioma_correo == "en"
    assert mail.outbox[-1].subject.startswith("Confirm your registration")
