"""Returnee follow-up: enrolment from a consultation or direct, plan and referrals, check-ins
due, the returnee's private check-in form, reminders and the outcomes report."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultas.models import Consulta
from consultas.retornados import servicios
from consultas.retornados.models import Control, Derivacion, Retornado, sumar_meses
from contenidos.models import Institucion

pytestmark = pytest.mark.django_db


def consulta_de_retornado(sede, **campos):
    datos = {
        "canal": "presencial",
        "sede": sede,
        "tipo_migrante": "retornado",
        "nombre": "Rosa Quispe",
        "email": "rosa@example.org",
        "telefono": "999 111 222",
        "sexo": "F",
        "edad": 38,
        "pais": "ES",
    }
    datos.update(campos)
    return Consulta.objects.create(**datos)


def inscrito_hace(sede, dias, **campos):
    datos = {"sede": sede, "nombre": "Luis", "email": "luis@example.org", "sexo": "M", "edad": 30}
    datos.update(campos)
    return Retornado.objects.create(
        inscrito_el=timezone.localdate() - dt.timedelta(days=dias), **datos
    )


@pytest.mark.parametrize(
    ("fecha", "meses", "esperada"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
        (dt.date(2026, 1, 15), 12, dt.date(2027, 1, 15)),
    ],
)
def test_check_in_dates_add_calendar_months(fecha, meses, esperada):
    assert sumar_meses(fecha, meses) == esperada


def test_enrol_from_consultation_in_one_click_carries_data(cliente_de, asesor_a, sede_a):
    consulta = consulta_de_retornado(sede_a)
    cliente = cliente_de(asesor_a)
    detalle = cliente.get(f"/gestion/consultas/{consulta.codigo}/").content.decode()
    assert "Inscribir en el seguimiento de retornados" in detalle
    respuesta = cliente.post(f"/gestion/retornados/desde-consulta/{consulta.codigo}/")
    retornado = Retornado.objects.get()
    assert respuesta["Location"] == f"/gestion/retornados/{retornado.pk}/"
    assert (retornado.nombre, retornado.email, retornado.sexo, retornado.edad) == (
        "Rosa Quispe", "rosa@example.org", "F", 38,
    )  # fmt: skip
    assert retornado.banda_edad == "36-45" and retornado.pais_retorno.code == "ES"
    assert retornado.sede == sede_a and retornado.asesor == asesor_a
    assert retornado.consulta == consulta
    assert list(retornado.controles.values_list("meses", flat=True)) == [1, 3, 6, 12]
    # A second click does not enrol twice.
    cliente.post(f"/gestion/retornados/desde-consulta/{consulta.codigo}/")
    assert Retornado.objects.count() == 1


def test_enrol_from_another_offices_consultation_is_404(cliente_de, asesor_b, sede_a):
    consulta = consulta_de_retornado(sede_a)
    respuesta = cliente_de(asesor_b).post(f"/gestion/retornados/desde-consulta/{consulta.codigo}/")
    assert respuesta.status_code == 404
    assert Retornado.objects.count() == 0


def test_direct_enrolment_with_plan(cliente_de, asesor_a, sede_a, sede_b):
    cliente = cliente_de(asesor_a)
    respuesta = cliente.post(
        "/gestion/retornados/nuevo/",
        {
            "nombre": "Juan",
            "email": "juan@example.org",
            "sexo": "M",
            "edad": "45",
            "inscrito_el": "2026-09-01",
            "sede": sede_b.pk,
            "necesidades": ["empleo", "certificacion", "psicosocial"],
        },  # fmt: skip
    )
    assert respuesta.status_code == 302
    retornado = Retornado.objects.get()
    assert retornado.sede == sede_a  # an Asesor enrols in their own office
    assert retornado.necesidades == ["empleo", "certificacion", "psicosocial"]
    assert retornado.controles.get(meses=3).vence == dt.date(2026, 12, 1)
    texto = cliente.get(f"/gestion/retornados/{retornado.pk}/").content.decode()
    assert "Certificación de competencias" in texto and "Apoyo psicosocial" in texto
    from consultas.models import RegistroAcceso

    acceso = RegistroAcceso.objects.get(objeto=f"R-{retornado.pk}")
    assert (acceso.accion, acceso.usuario_nombre) == ("ver", "asesor_a")


def test_invalid_enrolment_shows_errors(cliente_de, asesor_a, sede_a):
    respuesta = cliente_de(asesor_a).post(
        "/gestion/retornados/nuevo/", {"edad": "300", "inscrito_el": "ayer", "necesidades": ["x"]}
    )
    assert respuesta.status_code == 200
    assert "Indique una edad entre 0 y 120 años." in respuesta.content.decode()
    assert Retornado.objects.count() == 0


def test_referral_to_directory_institution_and_its_state(cliente_de, asesor_a, sede_a):
    retornado = inscrito_hace(sede_a, 0)
    sne = Institucion.objects.create(
        titulo="Servicio Nacional del Empleo", tipo="ministerio", pais="PE", publicado=True
    )
    cliente = cliente_de(asesor_a)
    url = f"/gestion/retornados/{retornado.pk}/derivaciones/"
    cliente.post(url, {"necesidad": "empleo", "institucion": sne.pk, "estado": "derivada"})
    derivacion = Derivacion.objects.get()
    assert derivacion.destino == "Servicio Nacional del Empleo" and derivacion.estado == "derivada"
    cliente.post(f"{url}{derivacion.pk}/", {"estado": "atendida"})
    derivacion.refresh_from_db()
    assert derivacion.estado == "atendida"
    assert derivacion.historia.count() == 2
    # Neither an institution nor a name: refused with a message, nothing stored.
    respuesta = cliente.post(url, {"necesidad": "salud", "estado": "pendiente"}, follow=True)
    assert "Elija una institución del directorio" in respuesta.content.decode()
    assert Derivacion.objects.count() == 1


def test_dashboard_lists_due_check_ins_of_own_office_only(cliente_de, asesor_a, asesor_b, sede_a):
    debido = inscrito_hace(sede_a, 40, nombre="Persona Debida")
    inscrito_hace(sede_a, 5, nombre="Persona Reciente")
    assert "Persona Debida" in cliente_de(asesor_a).get("/gestion/").content.decode()
    texto = cliente_de(asesor_a).get("/gestion/retornados/").content.decode()
    assert "Persona Debida" in texto.split("Personas en seguimiento")[0]
    assert "Persona Reciente" not in texto.split("Personas en seguimiento")[0]
    assert "Persona Debida" not in cliente_de(asesor_b).get("/gestion/").content.decode()
    assert cliente_de(asesor_b).get(f"/gestion/retornados/{debido.pk}/").status_code == 404


def test_returnee_answers_check_in_by_private_link(client, sede_a):
    retornado = inscrito_hace(sede_a, 40)
    control = servicios.control_abierto(retornado)
    assert control.meses == 1
    mensaje = servicios.encolar_enlace(control)
    from infomigra.correo.cola import enviar

    assert enviar(mensaje.pk)
    enlace = re.search(r"http://\S+/retorno/control/\S+/", mail.outbox[0].body).group(0)
    ruta = enlace.split("8000", 1)[1]
    assert "¿Cuál es su situación hoy?" in client.get(ruta).content.decode()
    # No answer chosen: explained, nothing recorded.
    respuesta = client.post(ruta, {"comentario": "hola"})
    assert respuesta.status_code == 400
    assert "Elija la opción" in respuesta.content.decode()
    respuesta = client.post(ruta, {"resultado": "independiente", "comentario": "Abrí un taller"})
    assert "Recibimos su respuesta" in respuesta.content.decode()
    control.refresh_from_db()
    assert control.resultado == "independiente" and control.por_la_persona
    assert "No tiene ningún control pendiente" in client.get(ruta).content.decode()
    assert client.get("/retorno/control/falso/").status_code == 404


def test_reminder_command_mails_advisors_and_queues_links_once(sede_a, asesor_a, asesor_b):
    asesor_a.email = "asesora@example.org"
    asesor_a.save()
    inscrito_hace(sede_a, 40, asesor=asesor_a)
    inscrito_hace(sede_a, 40, nombre="Sin asesor", email="")
    call_command("recordatorio_retornados")
    destinatarios = sorted(c.to[0] for c in mail.outbox)
    assert destinatarios == ["asesora@example.org", "luis@example.org"]
    aviso = next(c for c in mail.outbox if c.to == ["asesora@example.org"])
    assert "Luis" in aviso.body and "Sin asesor" in aviso.body
    mail.outbox.clear()
    call_command("recordatorio_retornados")
    assert [c.to for c in mail.outbox] == [["asesora@example.org"]]  # link not sent again


def test_outcomes_report_by_cohort_months_sex_age_and_office(cliente_de, responsable, sede_a):
    rosa = inscrito_hace(sede_a, 100, nombre="Rosa", sexo="F", edad=38)
    luis = inscrito_hace(sede_a, 100)
    servicios.registrar_resultado(rosa.controles.get(meses=1), "empleo-formal")
    servicios.registrar_resultado(rosa.controles.get(meses=3), "empleo-formal")
    servicios.registrar_resultado(luis.controles.get(meses=1), "buscando")
    cohorte = rosa.inscrito_el.strftime("%Y-%m")
    _encabezado, filas = servicios.tabla_resultados(rosa.inscrito_el, timezone.localdate())
    assert filas == [
        (cohorte, 1, "LIMA", "F", "36-45", "empleo-formal", 1),
        (cohorte, 1, "LIMA", "M", "26-35", "buscando", 1),
        (cohorte, 3, "LIMA", "F", "36-45", "empleo-formal", 1),
    ]
    cliente = cliente_de(responsable)
    consulta = f"?desde={rosa.inscrito_el}&hasta={timezone.localdate()}"
    texto = cliente.get("/gestion/retornados/reporte/" + consulta).content.decode()
    assert "Con empleo formal" in texto and "Buscando empleo" in texto
    csv = cliente.get("/gestion/retornados/reporte.csv" + consulta).content.decode().splitlines()
    assert csv[0] == "cohorte,meses,sede,sexo,grupo_edad,resultado,cantidad"
    assert f"{cohorte},1,LIMA,F,36-45,empleo-formal,1" in csv
    xlsx = cliente.get("/gestion/retornados/reporte.xlsx" + consulta)
    assert xlsx.content[:2] == b"PK"


def test_advisor_records_outcome(cliente_de, asesor_a, sede_a):
    retornado = inscrito_hace(sede_a, 40)
    cliente = cliente_de(asesor_a)
    cliente.post(f"/gestion/retornados/{retornado.pk}/controles/1/", {"resultado": "sin-contacto"})
    control = Control.objects.get(retornado=retornado, meses=1)
    assert control.resultado == "sin-contacto" and not control.por_la_persona
    respuesta = cliente.post(f"/gestion/retornados/{retornado.pk}/controles/3/", {}, follow=True)
    assert "Elija el resultado del control." in respuesta.content.decode()


def test_detail_page_has_one_form_per_row_with_ids_of_its_own(cliente_de, asesor_a, sede_a):
    retornado = inscrito_hace(sede_a, 40)
    primera = Derivacion.objects.create(
        retornado=retornado, necesidad="empleo", otra_institucion="SNE", estado="atendida"
    )
    segunda = Derivacion.objects.create(
        retornado=retornado, necesidad="salud", otra_institucion="EsSalud", estado="derivada"
    )
    html = cliente_de(asesor_a).get(f"/gestion/retornados/{retornado.pk}/").content.decode()
    for derivacion in (primera, segunda):
        select = re.search(
            rf'<select[^>]*id="estado-{derivacion.pk}-estado".*?</select>', html, re.S
        )
        assert select, derivacion
        assert f'value="{derivacion.estado}" selected' in select.group(0)
    assert 'for="control-1-comentario"' in html and 'id="control-3-resultado_0"' in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "repeated ids"
