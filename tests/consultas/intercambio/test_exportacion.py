"""exportar_consultas and the CSV contract: formula guard and export → import round trip."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from consultas.intercambio.exportacion import COLUMNAS
from consultas.models import Consulta, Contador
from contenidos.models import Tema
from infomigra.hojas import proteger
from infomigra.vocabulario import Canal, Estado

pytestmark = pytest.mark.django_db
LIMA = ZoneInfo("America/Lima")


def crear(sede, dia, **extra):
    temas = extra.pop("temas", [])
    campos = {
        "canal": Canal.PRESENCIAL,
        "sede": sede,
        "tipo_migrante": "potencial",
        "recibida": dt.datetime(2026, 3, dia, 10, 15, 30, 123456, tzinfo=LIMA),
        "resumen": "Pregunta por trabajo",
        "estado": Estado.CERRADA,
    }
    campos.update(extra)
    c = Consulta.objects.create(**campos)
    c.temas.set(Tema.objects.filter(codigo__in=temas))
    return c


def exportar(*args):
    salida = io.StringIO()
    call_command("exportar_consultas", *args, stdout=salida)
    return salida.getvalue()


@pytest.mark.parametrize("inicio", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_get_an_apostrophe(inicio):
    assert proteger(inicio + "1+1") == "'" + inicio + "1+1"
    assert proteger("Hola") == "Hola"


def test_export_writes_the_contract(sede_a):
    crear(
        sede_a,
        2,
        sexo="F",
        edad=30,
        nacionalidad="PE",
        pais="ES",
        temas=["remesas", "empleo-exterior"],
        medio="digemin",
        respuesta="Se orientó",
        respondida=dt.datetime(2026, 3, 2, 10, 40, tzinfo=LIMA),
        ref="EXT-1",
    )
    lineas = exportar().splitlines()
    assert lineas[0] == ",".join(COLUMNAS)
    assert lineas[1] == (
        "EXT-1,2026-03-02,10:15,presencial,LIMA,potencial,F,30,PE,ES,"
        "empleo-exterior;remesas,digemin,Pregunta por trabajo,Se orientó,"
        "2026-03-02T10:15:30,2026-03-02T10:40:00"
    )


def test_export_filters_by_period_and_office(sede_a, sede_b, tmp_path):
    crear(sede_a, 2)
    crear(sede_a, 9)
    crear(sede_b, 9)
    salida = tmp_path / "c.csv"
    exportar("--desde", "2026-03-05", "--hasta", "2026-03-31", "--sede", "LIMA", "--salida", salida)
    lineas = salida.read_text(encoding="utf-8").splitlines()
    assert len(lineas) == 2 and "2026-03-09" in lineas[1] and ",LIMA," in lineas[1]


def test_export_guards_formulas_in_text(sede_a):
    crear(sede_a, 2, resumen='=HYPERLINK("http://x")', respuesta="@SUMA(A1)")
    linea = exportar().splitlines()[1]
    assert "'=HYPERLINK" in linea and "'@SUMA(A1)" in linea


def test_export_rejects_bad_arguments():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Sede desconocida"):
        exportar("--sede", "NADA")
    with pytest.raises(CommandError, match="Fecha no válida"):
        exportar("--desde", "ayer")


def test_round_trip_export_import_export_is_identical(sede_a, sede_b, tmp_path):
    crear(
        sede_a,
        2,
        sexo="M",
        edad=45,
        pais="US",
        temas=["tramites-visas"],
        resumen='Texto con "comillas", comas\ny dos líneas',
        respuesta="-5 no es una fórmula",
    )
    crear(sede_b, 3, canal=Canal.CORREO, estado=Estado.PENDIENTE, resumen="+51 999 888 777")
    crear(
        sede_a,
        4,
        ref="EXT-9",
        canal=Canal.WEB,
        respondida=dt.datetime(2026, 3, 5, 8, 0, tzinfo=LIMA),
        estado=Estado.RESPONDIDA,
        nacionalidad="VE",
        temas=["trabajo-en-peru", "derechos-laborales"],
    )
    primera = tmp_path / "primera.csv"
    exportar("--salida", primera)

    Consulta.objects.all().delete()
    Contador.objects.all().delete()
    call_command("importar_consultas", str(primera), stdout=io.StringIO())
    assert Consulta.objects.count() == 3

    segunda = tmp_path / "segunda.csv"
    exportar("--salida", segunda)
    assert segunda.read_text(encoding="utf-8") == primera.read_text(encoding="utf-8")
    importada = Consulta.objects.get(canal=Canal.WEB)
    assert importada.estado == Estado.RESPONDIDA and importada.ref == "EXT-9"
    assert Consulta.objects.get(canal=Canal.CORREO).resumen == "+51 999 888 777"

    # Importing the same export again duplicates nothing (refs are the original codes).
    salida = io.StringIO()
    call_command("importar_consultas", str(segunda), stdout=salida)
    assert "0 consultas importadas; 3 omitidas" in salida.getvalue()
    assert Consulta.objects.count() == 3


def test_export_of_own_codes_is_not_reimported_into_the_same_database(sede_a, tmp_path):
    crear(sede_a, 2)
    ruta = tmp_path / "c.csv"
    exportar("--salida", ruta)
    salida = io.StringIO()
    call_command("importar_consultas", str(ruta), stdout=salida)
    assert "1 omitidas" in salida.getvalue() and Consulta.objects.count() == 1


def test_xlsx_download_has_the_filtered_rows_as_text_cells(cliente_de, responsable, sede_a, sede_b):
    from openpyxl import load_workbook

    crear(sede_a, 2, temas=["remesas"], resumen='=HYPERLINK("http://malo.example")')
    crear(sede_b, 3)
    respuesta = cliente_de(responsable).get(
        "/gestion/consultas/exportar.xlsx", {"sede": sede_a.codigo}
    )
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    libro = load_workbook(io.BytesIO(b"".join(respuesta.streaming_content)))
    filas = list(libro["consultas"].iter_rows())
    assert [c.value for c in filas[0]] == list(COLUMNAS)
    assert len(filas) == 2
    datos = dict(zip(COLUMNAS, filas[1], strict=True))
    assert datos["sede"].value == sede_a.codigo and datos["temas"].value == "remesas"
    assert datos["resumen"].value == '=HYPERLINK("http://malo.example")'
    assert datos["resumen"].data_type == "s"  # text, never a formula


def test_xlsx_download_is_for_responsable_only(cliente_de, asesor_a):
    assert cliente_de(asesor_a).get("/gestion/consultas/exportar.xlsx").status_code == 403
