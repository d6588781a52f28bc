"""Returnee follow-up end to end in real Chromium: enrolled from a consultation in one click,
the check-in link mailed, answered by the returnee without login, the outcome in the report."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultas.models import Consulta
from consultas.retornados.models import Control, Retornado, sumar_meses
from tests.consultas.navegador import contexto_con_sesion, enlace_en

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("semillas"),
]


def test_enrol_check_in_by_link_and_report(live_server, navegador, asesor_a, sede_a, settings):
    settings.SITE_URL = live_server.url
    consulta = Consulta.objects.create(
        canal="presencial", sede=sede_a, tipo_migrante="retornado", nombre="Jorge Huamán",
        email="jorge@example.org", sexo="M", edad=41, pais="US",
    )  # fmt: skip
    personal = contexto_con_sesion(navegador, live_server, asesor_a)
    personal.goto(f"{live_server.url}/gestion/consultas/{consulta.codigo}/")
    personal.click("text=Inscribir en el seguimiento de retornados")
    personal.wait_for_selector(".alert-success")
    retornado = Retornado.objects.get()
    assert personal.locator("h1").inner_text() == "Jorge Huamán"

    # Forty days later: the 1-month check-in is due (dates moved back instead of the clock).
    inscrito = timezone.localdate() - dt.timedelta(days=40)
    Retornado.objects.filter(pk=retornado.pk).update(inscrito_el=inscrito)
    for control in Control.objects.filter(retornado=retornado):
        control.vence = sumar_meses(inscrito, control.meses)
        control.save()
    personal.goto(live_server.url + "/gestion/")
    assert "Jorge Huamán" in personal.locator(".controles-vencidos").inner_text()
    personal.click(".controles-vencidos >> text=Jorge Huamán")
    personal.click("#control-1 >> text=Enviar enlace a la persona")
    personal.wait_for_selector(".alert-success")
    assert [c.to for c in mail.outbox] == [["jorge@example.org"]]

    contexto = navegador.new_context(locale="es-PE")
    persona = contexto.new_page()
    persona.goto(enlace_en(mail.outbox[0], "/retorno/control/"))
    persona.check("text=Con empleo formal")
    persona.fill("#id_comentario", "Entré a trabajar en una constructora.")
    persona.click("main button:has-text('Enviar mi respuesta')")
    assert "Recibimos su respuesta" in persona.locator("main").inner_text()
    control = Control.objects.get(retornado=retornado, meses=1)
    assert control.resultado == "empleo-formal" and control.por_la_persona

    personal.goto(
        f"{live_server.url}/gestion/retornados/reporte/?desde={inscrito}&hasta={timezone.localdate()}"
    )
    fila = personal.locator(".tabla-resultados tbody tr").first.inner_text().split("\t")
    assert fila == [inscrito.strftime("%Y-%m"), "1", "LIMA", "M", "36-45", "empleo-formal", "1"]
    assert "Con empleo formal" in personal.locator(".resumen-meses").first.inner_text()


def test_english_returnee_answers_the_check_in_in_english(live_server, navegador, sede_a, settings):
    """A returnee whose consultation came through the English portal: the check-in mail and
    its private form are in English, and the answer reaches the follow-up."""
    settings.SITE_URL = live_server.url
    retornado = Retornado.objects.create(
        sede=sede_a, nombre="Ann Smith", email="ann@example.org", idioma="en",
        inscrito_el=timezone.localdate() - dt.timedelta(days=40),
    )  # fmt: skip
    call_command("recordatorio_retornados")
    assert [c.to for c in mail.outbox] == [["ann@example.org"]]
    assert "How are you doing" in mail.outbox[0].subject

    contexto = navegador.new_context(locale="en-GB")
    persona = contexto.new_page()
    persona.goto(enlace_en(mail.outbox[0], "/en/retorno/control/"))
    assert persona.locator("html").get_attribute("lang") == "en"
    persona.click("main button:has-text('Send my answer')")
    assert "Choose the option" in persona.locator("main").inner_text()
    persona.check("text=Self-employed")
    persona.fill("#id_comentario", "I opened a workshop.")
    persona.click("main button:has-text('Send my answer')")
    texto = persona.locator("main").inner_text()
    assert "Thank you" in texto and "/en/retorno/control/" in persona.url
    control = Control.objects.get(retornado=retornado, meses=1)
    assert control.resultado == "independiente" and control.por_la_persona
    contexto.close()
