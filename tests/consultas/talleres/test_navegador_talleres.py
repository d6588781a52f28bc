"""A workshop end to end in real Chromium: created by an advisor, two people register and
confirm by mail, a cancellation promotes the waiting list, attendance is marked on a phone and
the statistics count it."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from consultas.talleres.models import Inscripcion, Taller
from tests.consultas.navegador import contexto_con_sesion, enlace_en

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("semillas"),
]
TELEFONO = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def inscribirse(navegador, live_server, nombre, email):
    contexto = navegador.new_context(locale="es-PE")
    pagina = contexto.new_page()
    pagina.goto(live_server.url + "/talleres/?region=cusco")
    pagina.click("text=Remesas y ahorro en familia")
    pagina.fill("#id_nombre", nombre)
    pagina.fill("#id_email", email)
    pagina.select_option("#id_sexo", "F")
    pagina.fill("#id_edad", "29")
    pagina.check("#id_consentimiento")
    pagina.click("main button:has-text('Inscribirme')")
    pagina.wait_for_url("**/talleres/revise-su-correo/")
    contexto.close()


def abrir_enlace(navegador, correo):
    contexto = navegador.new_context(locale="es-PE")
    pagina = contexto.new_page()
    pagina.goto(enlace_en(correo, "/talleres/inscripcion/"))
    return pagina


def test_workshop_from_creation_to_statistics(live_server, navegador, asesor_a, sede_a, settings):
    settings.SITE_URL = live_server.url
    personal = contexto_con_sesion(navegador, live_server, asesor_a)
    personal.goto(live_server.url + "/gestion/talleres/")
    personal.click("text=Nuevo taller")
    personal.fill("#id_titulo", "Remesas y ahorro en familia")
    personal.fill("#id_descripcion", "Cómo enviar y ahorrar remesas de forma segura.")
    personal.select_option("#id_publico", "familias")
    inicio = timezone.localtime() + dt.timedelta(days=3)
    personal.fill("#id_inicio", inicio.strftime("%Y-%m-%dT%H:%M"))
    personal.select_option("#id_region", "cusco")
    personal.fill("#id_direccion", "Av. El Sol 123, Cusco")
    personal.fill("#id_capacidad", "1")
    personal.click("main button:has-text('Guardar')")
    personal.wait_for_selector(".alert-success")
    taller = Taller.objects.get()
    assert taller.sede == sede_a and taller.capacidad == 1

    inscribirse(navegador, live_server, "Carmen Flores", "carmen@example.org")
    inscribirse(navegador, live_server, "Diana Rojas", "diana@example.org")
    assert [c.to for c in mail.outbox] == [["carmen@example.org"], ["diana@example.org"]]

    carmen = abrir_enlace(navegador, mail.outbox[0])
    carmen.click("text=Confirmar mi inscripción")
    assert "Tiene un cupo confirmado" in carmen.locator(".estado-inscripcion").inner_text()
    diana = abrir_enlace(navegador, mail.outbox[1])
    diana.click("text=Confirmar mi inscripción")
    assert "lista de espera" in diana.locator(".estado-inscripcion").inner_text()

    mail.outbox.clear()
    carmen.click("text=Cancelar mi inscripción")
    assert "cancelada" in carmen.locator(".estado-inscripcion").inner_text()
    diana.reload()
    assert "Tiene un cupo confirmado" in diana.locator(".estado-inscripcion").inner_text()
    assert [c.to for c in mail.outbox] == [["diana@example.org"]]

    telefono = contexto_con_sesion(navegador, live_server, asesor_a, **TELEFONO)
    telefono.goto(f"{live_server.url}/gestion/talleres/{taller.pk}/")
    telefono.click("button:has-text('Marcar asistencia')")
    telefono.wait_for_selector("button:has-text('Asistió')")
    assert Inscripcion.objects.get(email="diana@example.org").asistio

    hoy = timezone.localdate()
    personal.goto(
        f"{live_server.url}/gestion/talleres/estadisticas/?desde={hoy}&hasta={inicio.date()}"
    )
    resumen = personal.locator(".resumen-talleres").inner_text()
    assert "1 talleres, 2 inscripciones confirmadas, 1 asistentes (asistencia: 100,0 %)" in resumen
    tabla = personal.locator(".tabla-talleres").inner_text()
    assert "Mujer" in tabla and "26–35" in tabla


def test_english_register_confirm_and_cancel(live_server, navegador, sede_a, settings):
    """The same path from an English browser on the English pages: every step stays in
    English (/en/), the mails too, and the freed seat goes to the person waiting."""
    settings.SITE_URL = live_server.url
    Taller.objects.create(
        titulo="Remesas y ahorro en familia", descripcion="Cómo ahorrar remesas.",
        publico="familias", inicio=timezone.now() + dt.timedelta(days=5), sede=sede_a,
        region="cusco", direccion="Av. El Sol 123, Cusco", capacidad=1,
    )  # fmt: skip
    contexto = navegador.new_context(locale="en-GB")
    pagina = contexto.new_page()
    for nombre, email in (("Ann Smith", "ann@example.org"), ("Bob Jones", "bob@example.org")):
        pagina.goto(live_server.url + "/en/talleres/")
        pagina.select_option("#id_region", "cusco")
        pagina.click("main button:has-text('Filter')")
        pagina.wait_for_url("**/en/talleres/?*region=cusco*")
        pagina.click("text=Remesas y ahorro en familia")
        assert pagina.locator("html").get_attribute("lang") == "en"
        assert "1 seat left" in pagina.locator("main").inner_text() or nombre == "Bob Jones"
        pagina.fill("#id_nombre", nombre)
        pagina.fill("#id_email", email)
        pagina.check("#id_consentimiento")
        pagina.click("main button:has-text('Register me')")
        pagina.wait_for_url("**/en/talleres/revise-su-correo/")
        assert "Check your email" in pagina.locator("h1").inner_text()
    assert [c.subject.split(":")[0] for c in mail.outbox] == ["Confirm your registration"] * 2

    ann = contexto.new_page()
    ann.goto(enlace_en(mail.outbox[0], "/en/talleres/inscripcion/"))
    ann.click("text=Confirm my registration")
    assert "You have a confirmed seat." in ann.locator(".estado-inscripcion").inner_text()
    bob = contexto.new_page()
    bob.goto(enlace_en(mail.outbox[1], "/en/talleres/inscripcion/"))
    bob.click("text=Confirm my registration")
    assert "You are on the waiting list." in bob.locator(".estado-inscripcion").inner_text()

    mail.outbox.clear()
    ann.click("text=Cancel my registration")
    assert "Your registration is cancelled." in ann.locator(".estado-inscripcion").inner_text()
    assert "/en/talleres/inscripcion/" in ann.url
    bob.reload()
    assert "You have a confirmed seat." in bob.locator(".estado-inscripcion").inner_text()
    assert [c.to for c in mail.outbox] == [["bob@example.org"]]
    assert "You have a confirmed seat" in mail.outbox[0].body
    contexto.close()
