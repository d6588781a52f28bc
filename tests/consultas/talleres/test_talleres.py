"""Workshops: registration with double opt-in, waiting list, cancellation, reminders, office
scoping, attendance and statistics."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultas.talleres import estadisticas, servicios
from consultas.talleres.models import EstadoInscripcion as E
from consultas.talleres.models import Inscripcion, Taller
from infomigra.correo import cola
from infomigra.correo.models import CorreoSaliente
from tests.consultas.talleres.ayudas import nuevo_taller

pytestmark = pytest.mark.django_db


def inscribir(cliente, taller, email, **extra):
    datos = {"nombre": email.split("@")[0], "email": email, "consentimiento": "on", **extra}
    return cliente.post(f"/talleres/{taller.pk}/", datos)


def enlace_del_correo(correo) -> str:
    return re.search(r"http://\S+/talleres/inscripcion/\S+/", correo.body).group(0)


def confirmar_por_correo(cliente, correo):
    ruta = enlace_del_correo(correo).split("http://127.0.0.1:8000", 1)[1]
    return cliente.post(ruta, {"accion": "confirmar"})


def test_registration_needs_confirmation_then_takes_a_seat(client, sede_a):
    taller = nuevo_taller(sede_a)
    respuesta = inscribir(client, taller, "ana@example.org", sexo="F", edad="22")
    assert respuesta.status_code == 302 and respuesta["Location"] == "/talleres/revise-su-correo/"
    inscripcion = Inscripcion.objects.get()
    assert inscripcion.estado == E.PENDIENTE and inscripcion.banda_edad == "18-25"
    assert len(mail.outbox) == 1 and "Confirme su inscripción" in mail.outbox[0].subject
    # The mail went through the queue: stored, then marked sent.
    correo = CorreoSaliente.objects.get(tipo="taller_confirmar")
    assert correo.objeto == inscripcion and correo.enviado_el is not None
    # The private link is rendered when sent, never stored.
    assert inscripcion.token not in repr(CorreoSaliente.objects.values().get())
    # Opening the link does not confirm (mail scanners prefetch links); the button does.
    ruta = enlace_del_correo(mail.outbox[0]).split("8000", 1)[1]
    pagina = client.get(ruta)
    assert "Falta confirmar su inscripción" in pagina.content.decode()
    inscripcion.refresh_from_db()
    assert inscripcion.estado == E.PENDIENTE
    client.post(ruta, {"accion": "confirmar"})
    inscripcion.refresh_from_db()
    assert inscripcion.estado == E.CONFIRMADA
    assert "Tiene un cupo confirmado" in client.get(ruta).content.decode()


def test_full_workshop_puts_people_on_waiting_list_and_cancellation_promotes(client, sede_a):
    taller = nuevo_taller(sede_a, capacidad=1)
    inscribir(client, taller, "uno@example.org")
    inscribir(client, taller, "dos@example.org")
    inscribir(client, taller, "tres@example.org")
    for correo in list(mail.outbox):
        confirmar_por_correo(client, correo)
    estados = dict(Inscripcion.objects.values_list("email", "estado"))
    assert estados == {
        "uno@example.org": E.CONFIRMADA,
        "dos@example.org": E.ESPERA,
        "tres@example.org": E.ESPERA,
    }
    mail.outbox.clear()
    uno = Inscripcion.objects.get(email="uno@example.org")
    client.post(f"/talleres/inscripcion/{uno.token}/", {"accion": "cancelar"})
    estados = dict(Inscripcion.objects.values_list("email", "estado"))
    assert estados["uno@example.org"] == E.CANCELADA
    assert estados["dos@example.org"] == E.CONFIRMADA  # first in line
    assert estados["tres@example.org"] == E.ESPERA
    assert [c.to for c in mail.outbox] == [["dos@example.org"]]
    assert "Tiene un cupo confirmado" in mail.outbox[0].body


def test_raising_capacity_promotes_waiting_people(client, cliente_de, asesor_a, sede_a):
    taller = nuevo_taller(sede_a, capacidad=1)
    for email in ("a@example.org", "b@example.org"):
        inscribir(client, taller, email)
    for correo in list(mail.outbox):
        confirmar_por_correo(client, correo)
    taller.capacidad = 2
    taller.save()
    servicios.cambiar_capacidad(taller)
    assert Inscripcion.objects.filter(estado=E.CONFIRMADA).count() == 2


def test_registering_twice_sends_the_link_again_without_a_second_row(client, sede_a):
    taller = nuevo_taller(sede_a)
    inscribir(client, taller, "ana@example.org")
    inscribir(client, taller, "ANA@example.org")
    assert Inscripcion.objects.count() == 1
    assert len(mail.outbox) == 2
    assert enlace_del_correo(mail.outbox[0]) == enlace_del_correo(mail.outbox[1])


def test_invalid_registration_explains_in_spanish_and_stores_nothing(client, sede_a):
    taller = nuevo_taller(sede_a)
    respuesta = client.post(f"/talleres/{taller.pk}/", {"nombre": "Ana", "email": "no-es-correo"})
    assert respuesta.status_code == 400
    texto = respuesta.content.decode()
    assert "Para inscribirse debe aceptar el aviso de privacidad." in texto
    assert Inscripcion.objects.count() == 0


def test_past_workshop_refuses_registrations(client, sede_a):
    taller = nuevo_taller(sede_a)
    Taller.objects.filter(pk=taller.pk).update(inicio=timezone.now() - dt.timedelta(days=1))
    respuesta = inscribir(client, taller, "ana@example.org")
    assert respuesta.status_code == 400
    assert Inscripcion.objects.count() == 0


def test_public_list_upcoming_first_and_filters(client, sede_a):
    lejos = nuevo_taller(
        sede_a, titulo="Taller lejano", inicio=timezone.now() + dt.timedelta(days=40)
    )
    cerca = nuevo_taller(sede_a, titulo="Taller cercano", region="puno", publico="familias")
    nuevo_taller(sede_a, titulo="Taller oculto", publicado=False)
    texto = client.get("/talleres/").content.decode()
    assert texto.index(cerca.titulo) < texto.index(lejos.titulo)
    assert "Taller oculto" not in texto
    filtrado = client.get("/talleres/?region=puno").content.decode()
    assert "Taller cercano" in filtrado and "Taller lejano" not in filtrado
    filtrado = client.get("/talleres/?publico=jovenes").content.decode()
    assert "Taller cercano" not in filtrado and "Taller lejano" in filtrado
    assert client.get("/talleres/?region=marte").status_code == 200


def test_ics_download_describes_the_event(client, sede_a):
    taller = nuevo_taller(sede_a)
    respuesta = client.get(f"/talleres/{taller.pk}/calendario.ics")
    assert respuesta["Content-Type"] == "text/calendar"
    from icalendar import Calendar

    evento = Calendar.from_ical(respuesta.content).walk("VEVENT")[0]
    assert str(evento["summary"]) == taller.titulo
    assert evento.decoded("dtstart") == taller.inicio.replace(microsecond=0)
    assert evento.decoded("dtend") - evento.decoded("dtstart") == dt.timedelta(minutes=90)
    assert "El Sol" in str(evento["location"])


def test_english_page(client, sede_a):
    taller = nuevo_taller(sede_a)
    texto = client.get(f"/en/talleres/{taller.pk}/").content.decode()
    assert "Register" in texto


def test_reminder_is_queued_once_for_tomorrows_workshops(client, sede_a):
    manana = timezone.localtime() + dt.timedelta(days=1)
    taller = nuevo_taller(sede_a, inicio=manana)
    otro = nuevo_taller(sede_a, titulo="Otro", inicio=manana + dt.timedelta(days=3))
    for t in (taller, otro):
        inscribir(client, t, "ana@example.org")
    for correo in list(mail.outbox):
        confirmar_por_correo(client, correo)
    mail.outbox.clear()
    call_command("recordatorio_talleres")
    call_command("recordatorio_talleres")
    assert len(mail.outbox) == 1
    assert "Recordatorio" in mail.outbox[0].subject and taller.titulo in mail.outbox[0].body
    assert CorreoSaliente.objects.filter(tipo="taller_recordatorio").count() == 1


def test_reminder_failure_stays_queued_and_is_retried(client, sede_a, settings):
    taller = nuevo_taller(sede_a, inicio=timezone.localtime() + dt.timedelta(days=1))
    inscribir(client, taller, "ana@example.org")
    confirmar_por_correo(client, mail.outbox[0])
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    call_command("recordatorio_talleres")
    correo = CorreoSaliente.objects.get(tipo="taller_recordatorio")
    assert correo.enviado_el is None and correo.intentos == 1 and correo.ultimo_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    call_command("recordatorio_talleres")  # queues nothing new
    assert cola.reenviar_pendientes() == (1, [])
    assert len(mail.outbox) == 1


def test_asesor_of_another_office_gets_404(cliente_de, asesor_b, sede_a):
    taller = nuevo_taller(sede_a)
    cliente = cliente_de(asesor_b)
    assert cliente.get(f"/gestion/talleres/{taller.pk}/").status_code == 404
    assert cliente.get(f"/gestion/talleres/{taller.pk}/editar/").status_code == 404
    assert taller.titulo not in cliente.get("/gestion/talleres/").content.decode()


def test_asesor_creates_workshop_of_own_office(cliente_de, asesor_a, sede_a, sede_b):
    cliente = cliente_de(asesor_a)
    inicio = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    datos = {
        "titulo": "Remesas y ahorro",
        "descripcion": "Educación financiera.",
        "publico": "familias",
        "inicio": inicio,
        "duracion": "60",
        "sede": sede_b.pk,  # ignored: an Asesor has no office field
        "region": "lima-metropolitana",
        "en_la_sede": "on",
        "capacidad": "20",
        "idioma": "es",
        "publicado": "on",
    }
    respuesta = cliente.post("/gestion/talleres/nuevo/", datos)
    taller = Taller.objects.get()
    assert respuesta.status_code == 302 and taller.sede == sede_a
    assert taller.historia.count() == 1 and taller.historia.first().history_user == asesor_a


def test_workshop_without_place_is_refused(cliente_de, responsable, sede_a):
    cliente = cliente_de(responsable)
    inicio = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    respuesta = cliente.post(
        "/gestion/talleres/nuevo/",
        {
            "titulo": "X",
            "descripcion": "Y",
            "publico": "general",
            "inicio": inicio,
            "duracion": "60",
            "sede": sede_a.pk,
            "region": "cusco",
            "capacidad": "0",
            "idioma": "es",
        },  # fmt: skip
    )
    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    assert "Indique dónde se realiza" in texto and "al menos un cupo" in texto
    assert Taller.objects.count() == 0


def _con_asistentes(client, sede):
    taller = nuevo_taller(sede, capacidad=3)
    inscribir(client, taller, "ana@example.org", sexo="F", edad="22", tipo_migrante="potencial")
    inscribir(client, taller, "luis@example.org", sexo="M", edad="40", tipo_migrante="retornado")
    inscribir(client, taller, "eva@example.org", sexo="F", edad="30")
    for correo in list(mail.outbox):
        confirmar_por_correo(client, correo)
    return taller


def test_attendance_marking_and_csv(client, cliente_de, asesor_a, sede_a):
    taller = _con_asistentes(client, sede_a)
    personal = cliente_de(asesor_a)
    ana = Inscripcion.objects.get(email="ana@example.org")
    respuesta = personal.post(
        f"/gestion/talleres/{taller.pk}/asistencia/{ana.pk}/", {"asistio": "1"}
    )
    assert respuesta.status_code == 302
    ana.refresh_from_db()
    assert ana.asistio
    csv = personal.get(f"/gestion/talleres/{taller.pk}/asistencia.csv").content.decode()
    lineas = csv.strip().splitlines()
    assert lineas[0] == "nombre,email,telefono,perfil,sexo,grupo_edad,asistio"
    assert "ana,ana@example.org,,potencial,F,18-25,si" in lineas
    assert len(lineas) == 4


def test_statistics_count_registrations_attendance_and_profiles(client, sede_a):
    taller = _con_asistentes(client, sede_a)
    for email in ("ana@example.org", "luis@example.org"):
        servicios.marcar_asistencia(Inscripcion.objects.get(email=email), True)
    hoy = timezone.localdate()
    desde, hasta = hoy, hoy + dt.timedelta(days=30)
    _encabezado, filas = estadisticas.tabla(desde, hasta)
    mes = timezone.localtime(taller.inicio).strftime("%Y-%m")
    por_clave = {(f[2], f[3]): (f[5], f[6]) for f in filas if f[0] == mes and f[1] == "LIMA"}
    assert por_clave[("talleres", "")] == (1, None)
    assert por_clave[("inscripciones", "")] == (3, None)
    assert str(por_clave[("asistentes", "")][1]) == "66.7"
    assert por_clave[("sexo", "F")][0] == 1 and por_clave[("sexo", "M")][0] == 1
    assert por_clave[("tipo_migrante", "retornado")][0] == 1
    assert por_clave[("edad", "36-45")][0] == 1


def test_statistics_page_and_downloads(client, cliente_de, responsable, sede_a):
    _con_asistentes(client, sede_a)
    personal = cliente_de(responsable)
    hoy = timezone.localdate()
    consulta = f"?desde={hoy}&hasta={hoy + dt.timedelta(days=30)}"
    pagina = personal.get("/gestion/talleres/estadisticas/" + consulta).content.decode()
    assert "1 talleres, 3 inscripciones confirmadas, 0 asistentes" in pagina
    csv = personal.get("/gestion/talleres/estadisticas.csv" + consulta).content.decode()
    assert csv.splitlines()[0] == "mes,sede,dimension,valor,etiqueta,cantidad,porcentaje"
    xlsx = personal.get("/gestion/talleres/estadisticas.xlsx" + consulta)
    assert xlsx.content[:2] == b"PK"


def test_monthly_report_includes_the_workshops_of_the_period(
    client, cliente_de, responsable, sede_a
):
    taller = _con_asistentes(client, sede_a)
    servicios.marcar_asistencia(Inscripcion.objects.get(email="ana@example.org"), True)
    dia = timezone.localtime(taller.inicio).date()
    pagina = cliente_de(responsable).get(f"/gestion/reportes/mensual/?desde={dia}&hasta={dia}")
    texto = pagina.content.decode()
    assert "1 talleres, 3 inscripciones confirmadas, 1 asistentes (asistencia: 33,3 %)" in texto


def test_viewing_and_exporting_registrants_is_logged(client, cliente_de, asesor_a, sede_a):
    from consultas.models import RegistroAcceso

    taller = _con_asistentes(client, sede_a)
    personal = cliente_de(asesor_a)
    personal.get(f"/gestion/talleres/{taller.pk}/")
    personal.get(f"/gestion/talleres/{taller.pk}/asistencia.csv")
    registros = list(RegistroAcceso.objects.values_list("accion", "objeto", "usuario_nombre"))
    assert ("ver", f"T-{taller.pk}", "asesor_a") in registros
    assert ("exportar", f"T-{taller.pk}", "asesor_a") in registros
