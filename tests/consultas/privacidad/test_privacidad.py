"""Personal data: scheduled anonymisation keeps statistics; find, export and delete by email."""

import datetime as dt
import json
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from consultas.generador import generar
from consultas.models import Consulta, Sede
from consultas.privacidad import servicios as privacidad
from consultas.privacidad.auditoria import RegistroAcceso
from contenidos.models import Tema

pytestmark = pytest.mark.django_db

LIMA = ZoneInfo("America/Lima")
PERSONALES = ("nombre", "email", "telefono", "resumen", "respuesta", "derivada_a")
ESTADISTICOS = (
    "codigo",
    "canal",
    "sede__codigo",
    "tipo_migrante",
    "sexo",
    "edad",
    "banda_edad",
    "nacionalidad",
    "pais",
    "medio",
    "fecha",
    "recibida",
    "estado",
    "respondida",
    "asesor_id",
    "consentimiento",
)
DIMENSIONES = (
    "canal",
    "tipo_migrante",
    "sexo",
    "banda_edad",
    "nacionalidad",
    "pais",
    "medio",
    "sede__codigo",
    "fecha",
    "temas__codigo",
)


def reporte():
    """A thorough report-like aggregate: every statistical field of every consultation with its
    topics, and the counts per dimension."""
    temas = {}
    for codigo, tema in Consulta.temas.through.objects.values_list(
        "consulta__codigo", "tema__codigo"
    ):
        temas.setdefault(codigo, []).append(tema)
    filas = sorted(
        (*fila, tuple(sorted(temas.get(fila[0], []))))
        for fila in Consulta.objects.values_list(*ESTADISTICOS)
    )
    conteos = {
        dimension: sorted(
            (str(valor), cantidad)
            for valor, cantidad in Consulta.objects.order_by()
            .values_list(dimension)
            .annotate(cantidad=Count("id", distinct=True))
        )
        for dimension in DIMENSIONES
    }
    return filas, conteos


def crear(recibida, email="ana.quispe@example.com", sede=None, **extra):
    consulta = Consulta.objects.create(
        canal="correo",
        sede=sede or Sede.principal(),
        tipo_migrante="potencial",
        sexo="F",
        edad=31,
        nacionalidad="PE",
        pais="ES",
        medio="web",
        recibida=recibida,
        nombre="Ana Quispe",
        email=email,
        telefono="+51 987 654 321",
        resumen="Quiere trabajar en Madrid; vive en Jr. Lampa 123.",
        respuesta="Le enviamos la guía de España.",
        derivada_a="Consulado de España",
        **extra,
    )
    consulta.temas.set(Tema.objects.filter(codigo__in=["empleo-exterior", "tramites-visas"]))
    consulta.resumen = "Actualizado: Ana Quispe, DNI 12345678."
    consulta.save()  # a second history row with personal data
    return consulta


@pytest.fixture
def consultas_mixtas(asesor_a):
    ahora = timezone.now()
    generar(300, dt.date(2022, 1, 1), timezone.localdate(), semilla=7)
    Consulta.objects.update(nombre="Persona", email="p@example.com", telefono="999")
    vieja = crear(ahora - dt.timedelta(days=800))
    reciente = crear(ahora - dt.timedelta(days=45), email="luis@example.com")
    return vieja, reciente


def test_anonimizar_keeps_every_statistic_identical(consultas_mixtas):
    antes = reporte()
    salida = StringIO()
    call_command("anonimizar", stdout=salida)
    assert "consultas anonimizadas" in salida.getvalue()
    assert reporte() == antes
    assert Consulta.objects.filter(anonimizada=True).exists()


def test_anonimizar_empties_personal_data_of_old_consultations_only(consultas_mixtas):
    vieja, reciente = consultas_mixtas
    call_command("anonimizar", "--meses", "24", stdout=StringIO())
    vieja.refresh_from_db()
    reciente.refresh_from_db()
    assert vieja.anonimizada
    assert all(getattr(vieja, campo) == "" for campo in PERSONALES)
    assert not reciente.anonimizada
    assert reciente.nombre == "Ana Quispe" and reciente.email == "luis@example.com"
    limite = privacidad.hace_meses(24)
    assert not Consulta.objects.filter(recibida__lt=limite, anonimizada=False).exists()
    assert not Consulta.objects.filter(recibida__lt=limite).exclude(email="").exists()
    assert Consulta.objects.filter(recibida__gte=limite, anonimizada=False).exists()


def test_anonimizar_purges_personal_data_from_history(consultas_mixtas):
    vieja, reciente = consultas_mixtas
    assert vieja.historia.count() >= 2
    call_command("anonimizar", stdout=StringIO())
    for registro in vieja.historia.all():
        assert all(getattr(registro, campo) == "" for campo in PERSONALES)
    assert reciente.historia.filter(nombre="Ana Quispe").exists()


def test_anonimizar_with_fewer_months_reaches_more(consultas_mixtas):
    vieja, reciente = consultas_mixtas
    call_command("anonimizar", "--meses", "1", stdout=StringIO())
    reciente.refresh_from_db()
    assert reciente.anonimizada and reciente.email == ""


def test_anonimizar_rejects_bad_months():
    with pytest.raises(CommandError, match="--meses"):
        call_command("anonimizar", "--meses", "0")


def test_months_back_clamps_to_month_end():
    ahora = dt.datetime(2026, 3, 31, 10, 0, tzinfo=LIMA)
    assert privacidad.hace_meses(1, ahora) == dt.datetime(2026, 2, 28, 10, 0, tzinfo=LIMA)
    assert privacidad.hace_meses(24, ahora) == dt.datetime(2024, 3, 31, 10, 0, tzinfo=LIMA)
    assert privacidad.hace_meses(3, ahora).date() == dt.date(2025, 12, 31)


def test_personal_data_page_is_for_responsable_only(client, cliente_de, asesor_a):
    assert client.get("/gestion/datos-personales/").status_code == 302
    assert cliente_de(asesor_a).get("/gestion/datos-personales/").status_code == 403


def test_find_person_by_email_case_insensitive_and_logged(cliente_de, responsable, sede_b):
    ahora = timezone.now()
    una = crear(ahora - dt.timedelta(days=3))
    otra = crear(ahora - dt.timedelta(days=2), email="ANA.Quispe@Example.com", sede=sede_b)
    crear(ahora, email="otra@example.com")
    cliente = cliente_de(responsable)
    respuesta = cliente.post(
        "/gestion/datos-personales/", {"email": " ana.quispe@example.COM ", "accion": "buscar"}
    )
    contenido = respuesta.content.decode()
    assert una.codigo in contenido and otra.codigo in contenido
    assert "2 consultas con este correo" in contenido
    assert "otra@example.com" not in contenido
    assert RegistroAcceso.objects.filter(accion="buscar", usuario=responsable).count() == 1
    vistos = set(RegistroAcceso.objects.filter(accion="ver").values_list("objeto", flat=True))
    assert vistos == {una.codigo, otra.codigo}
    assert not RegistroAcceso.objects.filter(detalle__icontains="example").exists()


def test_invalid_email_is_named_in_spanish(cliente_de, responsable):
    respuesta = cliente_de(responsable).post("/gestion/datos-personales/", {"email": "ana@"})
    assert "Escriba un correo electrónico válido" in respuesta.content.decode()
    assert not RegistroAcceso.objects.exists()


def test_export_person_data_as_json_logged(cliente_de, responsable):
    consulta = crear(timezone.now())
    respuesta = cliente_de(responsable).post(
        "/gestion/datos-personales/", {"email": "ana.quispe@example.com", "accion": "exportar"}
    )
    assert respuesta["Content-Type"] == "application/json"
    assert "attachment" in respuesta["Content-Disposition"]
    datos = json.loads(respuesta.content)
    [exportada] = datos["consultas"]
    assert exportada["codigo"] == consulta.codigo
    assert exportada["nombre"] == "Ana Quispe"
    assert exportada["telefono"] == "+51 987 654 321"
    assert sorted(exportada["temas"]) == ["empleo-exterior", "tramites-visas"]
    assert RegistroAcceso.objects.get(accion="exportar").objeto == consulta.codigo


def test_delete_person_data_needs_confirmation_then_anonymises(cliente_de, responsable):
    consulta = crear(timezone.now())
    cliente = cliente_de(responsable)
    datos = {"email": "ana.quispe@example.com", "accion": "eliminar"}
    sin_confirmar = cliente.post("/gestion/datos-personales/", datos)
    assert "Marque la confirmación" in sin_confirmar.content.decode()
    consulta.refresh_from_db()
    assert consulta.email == "ana.quispe@example.com"

    respuesta = cliente.post(
        "/gestion/datos-personales/", {**datos, "confirmar": "on"}, follow=True
    )
    assert "Se eliminaron los datos personales de 1 consultas" in respuesta.content.decode()
    consulta.refresh_from_db()
    assert consulta.anonimizada and consulta.nombre == "" and consulta.resumen == ""
    assert consulta.tipo_migrante == "potencial" and consulta.pais == "ES"
    assert not consulta.historia.exclude(email="").exists()
    assert RegistroAcceso.objects.get(accion="eliminar").objeto == consulta.codigo
    otra = cliente.post("/gestion/datos-personales/", {"email": "ana.quispe@example.com"})
    assert "No hay consultas con este correo electrónico" in otra.content.decode()


def test_message_model_is_optional():
    # Until consultas.Mensaje exists, anonymisation and export work without it.
    try:
        from consultas.models import Mensaje  # noqa: F401
    except ImportError:
        assert privacidad.modelo_mensaje() is None
    else:
        assert privacidad.modelo_mensaje() is not None
