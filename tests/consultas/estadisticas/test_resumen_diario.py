"""The per-day report summary stays exact on every write path of a consultation.

Each test changes consultations one way, then checks (1) the report against hand counts and
against the naive row-by-row computation, and (2) that the stored summary equals one rebuilt
from scratch — a write path that forgot to update it fails both.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultas.estadisticas import resumen as resumen_diario
from consultas.estadisticas import servicio as estadisticas
from consultas.estadisticas.ingenuo import calcular_ingenuo
from consultas.intercambio.importacion import importar
from consultas.models import Consulta, ResumenDiario
from consultas.privacidad import servicios as privacidad
from contenidos.models import Tema
from tests.consultas.ayudas import datos_validos
from tests.datos_reporte import DESDE, HASTA, LIMA, crear_consultas

pytestmark = pytest.mark.django_db


def _guardado():
    return sorted(
        ResumenDiario.objects.values_list("fecha", "sede_id", "dimension", "valor", "cantidad")
    )


def _cuadra(desde=DESDE, hasta=HASTA, sede=None):
    """The summary equals a rebuild, and the report equals the naive computation."""
    guardado = _guardado()
    resumen_diario.reconstruir()
    assert guardado == _guardado()
    reporte = estadisticas.calcular(desde, hasta, sede)
    ingenuo = calcular_ingenuo(desde, hasta, sede)
    assert list(estadisticas.filas_reporte(reporte)) == list(estadisticas.filas_reporte(ingenuo))
    assert reporte.dimensiones == ingenuo.dimensiones
    return reporte


def _cuentas(reporte, dimension):
    return {f.valor: f.cantidad for f in reporte.dimension(dimension).filas}


def _hora(dia, hora=10):
    return dt.datetime(2026, 7, dia, hora, tzinfo=LIMA)


def test_form_edit_moving_date_office_and_topics_updates_the_report(
    cliente_de, responsable, sede_a, sede_b
):
    crear_consultas(sede_a, sede_b)
    consulta = Consulta.objects.get(recibida=_hora(1))  # LIMA, 1 July, two topics
    datos = datos_validos(
        sede_b,
        tipo_migrante="potencial",
        temas=[Tema.objects.get(codigo="retorno").pk],
        recibida="2026-08-04T09:30",
        canal="presencial",
        medio="digemin",
    )
    respuesta = cliente_de(responsable).post(f"/gestion/consultas/{consulta.codigo}/editar/", datos)
    assert respuesta.status_code == 302
    julio = _cuadra()
    assert julio.total == 5
    assert _cuentas(julio, "sede")["LIMA"] == 4
    assert "tramites-visas" not in _cuentas(julio, "tema")
    assert dict(julio.serie_diaria)[dt.date(2026, 7, 1)] == 0
    agosto = _cuadra(dt.date(2026, 8, 1), dt.date(2026, 8, 31))
    assert agosto.total == 2
    assert _cuentas(agosto, "sede") == {"AREQUIPA": 1, "LIMA": 1}
    assert _cuentas(agosto, "tema") == {"retorno": 1, "sin-dato": 1}
    # The office filter reads the moved consultation's new office only.
    assert _cuadra(dt.date(2026, 8, 1), dt.date(2026, 8, 31), sede_b).total == 1


def test_new_consultation_through_the_form_is_counted(cliente_de, asesor_a, sede_a):
    datos = datos_validos(sede_a, recibida="2026-07-15T11:00")
    assert cliente_de(asesor_a).post("/gestion/consultas/nueva/", datos).status_code == 302
    reporte = _cuadra()
    assert reporte.total == 1
    assert _cuentas(reporte, "tema") == {"empleo-exterior": 1}


def test_csv_import_is_counted(sede_a):
    contenido = (
        "ref,fecha,hora,canal,sede,tipo_migrante,sexo,edad,nacionalidad,pais,temas,medio,"
        "resumen,respuesta,recibida,respondida\n"
        "r1,2026-07-02,10:15,presencial,LIMA,potencial,F,30,PE,ES,empleo-exterior;remesas,"
        "digemin,Pregunta,,,\n"
        "r2,2026-07-02,11:00,telefono,,retornado,M,,PE,,,,Otra,,,\n"
    )
    resultado = importar(io.BytesIO(contenido.encode()))
    assert resultado.importadas == 2
    reporte = _cuadra()
    assert reporte.total == 2
    assert _cuentas(reporte, "tema") == {"empleo-exterior": 1, "remesas": 1, "sin-dato": 1}
    assert _cuentas(reporte, "edad") == {"26-35": 1, "sin-dato": 1}
    # Re-importing the same refs adds nothing.
    assert importar(io.BytesIO(contenido.encode())).importadas == 0
    assert _cuadra().total == 2


def test_generar_datos_is_counted(sede_a, sede_b):
    call_command("generar_datos", consultas=300, desde="2026-07-01", hasta="2026-07-31")
    reporte = _cuadra()
    assert reporte.total == 300
    assert sum(_cuentas(reporte, "sede").values()) == 300


def test_topic_changes_from_either_side_and_topic_deletion(sede_a, sede_b):
    crear_consultas(sede_a, sede_b)
    remesas = Tema.objects.get(codigo="remesas")
    consulta = Consulta.objects.get(recibida=_hora(10, 11))  # topic "otros"
    consulta.temas.add(remesas)
    assert _cuentas(_cuadra(), "tema")["remesas"] == 2
    remesas.consultas.remove(consulta)
    assert _cuentas(_cuadra(), "tema")["remesas"] == 1
    remesas.consultas.add(consulta)
    remesas.consultas.clear()
    assert "remesas" not in _cuentas(_cuadra(), "tema")
    consulta.temas.clear()
    # Without topics now: the VE consultation, the former "remesas" one and this one.
    assert _cuentas(_cuadra(), "tema")["sin-dato"] == 3
    Tema.objects.get(codigo="empleo-exterior").delete()
    temas = _cuentas(_cuadra(), "tema")
    assert "empleo-exterior" not in temas
    assert temas["sin-dato"] == 5  # two had only that topic; 1 July keeps "tramites-visas"


def test_deletion_and_plain_field_edits(sede_a, sede_b):
    crear_consultas(sede_a, sede_b)
    Consulta.objects.get(recibida=_hora(6, 9)).delete()
    consulta = Consulta.objects.get(recibida=_hora(9))
    consulta.edad = 70
    consulta.sexo = ""
    consulta.save()
    reporte = _cuadra()
    assert reporte.total == 5
    assert _cuentas(reporte, "edad")["60+"] == 2
    assert _cuentas(reporte, "sexo")["sin-dato"] == 2


def test_saving_only_unrelated_fields_skips_the_summary(sede_a, sede_b):
    crear_consultas(sede_a, sede_b)
    consulta = Consulta.objects.get(recibida=_hora(1))
    consulta.estado = "cerrada"
    with CaptureQueriesContext(connection) as consultas_sql:
        consulta.save(update_fields=["estado", "actualizada"])
    assert consultas_sql.captured_queries
    tabla = ResumenDiario._meta.db_table
    assert not [q for q in consultas_sql.captured_queries if tabla in q["sql"]]
    _cuadra()


def test_remote_web_form_is_counted(sede_a):
    from consultas.remotas.servicios import registrar_consulta_web

    registrar_consulta_web(
        {
            "tipo_migrante": "extranjero",
            "pais": "VE",
            "pregunta": "¿Cómo regularizo mi situación?",
            "email": "ana@example.org",
            "tema": Tema.objects.get(codigo="tramites-visas"),
        }
    )
    hoy = timezone.localdate()
    reporte = _cuadra(hoy, hoy)
    assert _cuentas(reporte, "canal") == {"web": 1}
    assert _cuentas(reporte, "tema") == {"tramites-visas": 1}


def test_anonymisation_empties_the_referral_in_the_report(sede_a, sede_b):
    crear_consultas(sede_a, sede_b)
    privacidad.anonimizar(Consulta.objects.values_list("id", flat=True))
    reporte = _cuadra()
    assert _cuentas(reporte, "derivada_a") == {"sin-dato": 6}


def test_rebuild_command_repairs_a_damaged_summary(sede_a, sede_b):
    crear_consultas(sede_a, sede_b)
    antes = _guardado()
    ResumenDiario.objects.filter(dimension="canal").update(cantidad=99)
    salida = io.StringIO()
    call_command("reconstruir_resumen", stdout=salida)
    assert _guardado() == antes
    assert "Resumen reconstruido" in salida.getvalue()


def test_form_saves_touch_the_summary_once(cliente_de, asesor_a, sede_a, monkeypatch):
    """A new consultation is added with one upsert; an edit recomputes its day once."""
    llamadas = []
    original = resumen_diario._insertar

    def espia(condicion, params, sumar=False):
        llamadas.append("suma" if sumar else "recalculo")
        return original(condicion, params, sumar)

    monkeypatch.setattr(resumen_diario, "_insertar", espia)
    cliente = cliente_de(asesor_a)
    nueva = datos_validos(sede_a, recibida="2026-07-15T11:00")
    assert cliente.post("/gestion/consultas/nueva/", nueva).status_code == 302
    assert llamadas == ["suma"]
    assert _cuadra().total == 1
    llamadas.clear()
    consulta = Consulta.objects.get()
    datos = {**nueva, "temas": [Tema.objects.get(codigo="remesas").pk], "edad": "61"}
    assert cliente.post(f"/gestion/consultas/{consulta.codigo}/editar/", datos).status_code == 302
    assert llamadas == ["recalculo"]
    reporte = _cuadra()
    assert _cuentas(reporte, "tema") == {"remesas": 1}
    assert _cuentas(reporte, "edad") == {"60+": 1}
