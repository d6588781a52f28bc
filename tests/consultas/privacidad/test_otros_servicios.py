"""Personal data of workshops, returnee follow-up and partner contacts: found, exported and
deleted by email; anonymised on schedule with every statistic unchanged."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultas.retornados import servicios as retorno
from consultas.retornados.models import Retornado
from consultas.socios.models import Socio
from consultas.talleres import estadisticas as talleres_estadisticas
from consultas.talleres import servicios as talleres
from consultas.talleres.models import Inscripcion, Taller
from infomigra.correo import cola
from infomigra.correo.models import CorreoSaliente

pytestmark = pytest.mark.django_db

HACE_TRES_ANIOS = dt.timedelta(days=3 * 365)


@pytest.fixture
def datos(sede_a):
    """An old workshop and returnee (over 24 months) and recent ones, with outcomes."""
    ahora = timezone.now()
    resultado = {}
    for clave, cuando in (
        ("viejo", ahora - HACE_TRES_ANIOS),
        ("nuevo", ahora + dt.timedelta(days=2)),
    ):
        taller = Taller.objects.create(
            titulo=f"Taller {clave}", descripcion="…", publico="jovenes", inicio=cuando,
            sede=sede_a, region="cusco", en_la_sede=True, capacidad=5,
        )  # fmt: skip
        inscripcion = Inscripcion.objects.create(
            taller=taller, nombre=f"Ana {clave}", email=f"ana.{clave}@example.org",
            telefono="999", tipo_migrante="potencial", sexo="F", edad=22,
        )  # fmt: skip
        talleres.confirmar(inscripcion)
        talleres.marcar_asistencia(Inscripcion.objects.get(pk=inscripcion.pk), True)
        retornado = Retornado.objects.create(
            sede=sede_a, nombre=f"Luis {clave}", email=f"luis.{clave}@example.org",
            telefono="988", notas="Tiene deudas", sexo="M", edad=40,
            inscrito_el=timezone.localtime(cuando).date(), necesidades=["empleo"],
        )  # fmt: skip
        control = retornado.controles.get(meses=1)
        retorno.registrar_resultado(control, "empleo-informal", "Vende en el mercado", True)
        resultado[clave] = (inscripcion.pk, retornado.pk)
    return resultado


def _estadisticas():
    desde = timezone.localdate() - dt.timedelta(days=4 * 365)
    hasta = timezone.localdate() + dt.timedelta(days=30)
    return (
        talleres_estadisticas.tabla(desde, hasta),
        talleres_estadisticas.resumen(desde, hasta),
        retorno.tabla_resultados(desde, hasta),
    )


def test_scheduled_anonymisation_covers_old_service_data_and_keeps_statistics(datos):
    antes = _estadisticas()
    call_command("anonimizar", "--meses", "24")
    assert _estadisticas() == antes
    viejo_i, viejo_r = datos["viejo"]
    inscripcion = Inscripcion.objects.get(pk=viejo_i)
    assert (inscripcion.nombre, inscripcion.email, inscripcion.telefono) == ("", "", "")
    assert inscripcion.anonimizada and inscripcion.asistio and inscripcion.sexo == "F"
    assert not inscripcion.historia.exclude(nombre="").exists()
    assert Inscripcion.buscar(Inscripcion._token_de("")) is None
    retornado = Retornado.objects.get(pk=viejo_r)
    assert (retornado.nombre, retornado.email, retornado.notas) == ("", "", "")
    assert retornado.controles.get(meses=1).comentario == ""
    assert retornado.controles.get(meses=1).resultado == "empleo-informal"
    assert not retornado.historia.exclude(nombre="").exists()
    assert not retornado.controles.get(meses=1).historia.exclude(comentario="").exists()
    # Recent data is untouched; mails about old rows keep no address.
    nuevo_i, nuevo_r = datos["nuevo"]
    assert Inscripcion.objects.get(pk=nuevo_i).email == "ana.nuevo@example.org"
    assert Retornado.objects.get(pk=nuevo_r).nombre == "Luis nuevo"
    assert not CorreoSaliente.objects.filter(destinatario__startswith="ana.viejo").exists()


def test_anonymised_links_stop_working(client, datos):
    _viejo_i, viejo_r = datos["viejo"]
    token = Retornado.objects.get(pk=viejo_r).token
    assert client.get(f"/retorno/control/{token}/").status_code == 200
    call_command("anonimizar", "--meses", "24")
    assert client.get(f"/retorno/control/{token}/").status_code == 404


def test_person_data_search_export_and_delete_cover_the_services(
    cliente_de, responsable, datos, sede_a
):
    socio = Socio.objects.create(
        codigo="ONG-X", nombre="ONG X", tipo="ong", sede=sede_a,
        contacto_nombre="Ana Contacto", contacto_email="ana.nuevo@example.org",
    )  # fmt: skip
    cliente = cliente_de(responsable)
    url = "/gestion/datos-personales/"
    texto = cliente.post(
        url, {"email": "ANA.nuevo@example.org", "accion": "buscar"}
    ).content.decode()
    assert "Taller nuevo" in texto and "Ana Contacto" in texto
    assert "Exportar sus datos (JSON)" in texto
    exportado = json.loads(
        cliente.post(url, {"email": "ana.nuevo@example.org", "accion": "exportar"}).content
    )
    otros = exportado["otros_servicios"]
    assert otros["inscripciones_talleres"][0]["nombre"] == "Ana nuevo"
    assert otros["contacto_de_socios"][0]["contacto_nombre"] == "Ana Contacto"
    exportado = json.loads(
        cliente.post(url, {"email": "luis.nuevo@example.org", "accion": "exportar"}).content
    )
    seguimiento = exportado["otros_servicios"]["seguimiento_retorno"][0]
    assert seguimiento["controles"][0]["comentario"] == "Vende en el mercado"
    antes = _estadisticas()
    for email in ("ana.nuevo@example.org", "luis.nuevo@example.org"):
        cliente.post(url, {"email": email, "accion": "eliminar", "confirmar": "on"})
    assert _estadisticas() == antes
    nuevo_i, nuevo_r = datos["nuevo"]
    assert Inscripcion.objects.get(pk=nuevo_i).email == ""
    assert Retornado.objects.get(pk=nuevo_r).telefono == ""
    socio.refresh_from_db()
    assert (socio.contacto_nombre, socio.contacto_email, socio.codigo) == ("", "", "ONG-X")


def _tabla_de_la_cola() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM correo_correosaliente")
        return repr(cursor.fetchall())


def test_mail_in_the_outgoing_queue_is_found_exported_and_deleted(
    cliente_de, responsable, servidor_smtp, settings
):
    from contenidos import boletin
    from tests.servidores_correo import puerto_libre

    # One boletín confirmation delivered, then one that the mail server could not take.
    boletin.suscribir("Eva.Luna@example.org", [], "es")
    settings.EMAIL_PORT, smtp_real = puerto_libre(), settings.EMAIL_PORT
    cola.encolar("eva.luna@example.org", "Aviso a Eva Luna", "Hola, Eva Luna")
    cola.enviar(CorreoSaliente.objects.latest("pk").pk)
    settings.EMAIL_PORT = smtp_real
    assert "eva.luna@example.org" in _tabla_de_la_cola()

    cliente = cliente_de(responsable)
    url = "/gestion/datos-personales/"
    texto = cliente.post(url, {"email": "EVA.LUNA@example.org"}).content.decode()
    assert "Correos enviados o en cola" in texto and "Aviso a Eva Luna" in texto
    exportado = json.loads(
        cliente.post(url, {"email": "eva.luna@example.org", "accion": "exportar"}).content
    )
    correos = exportado["otros_servicios"]["correos_enviados"]
    assert sorted(c["asunto"] for c in correos) == sorted(
        ["Aviso a Eva Luna", CorreoSaliente.objects.earliest("pk").asunto]
    )
    cliente.post(url, {"email": "eva.luna@example.org", "accion": "eliminar", "confirmar": "on"})
    tabla = _tabla_de_la_cola().lower()
    assert "eva.luna" not in tabla and "eva luna" not in tabla
    # The unsent one is gone (never sent later); the sent one keeps only its dates.
    assert CorreoSaliente.objects.get().enviado_el is not None
    assert cola.reenviar_pendientes() == (0, [])
