"""importar_consultas and the upload page: all-or-nothing validation, errors, idempotency."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from consultas.intercambio.importacion import importar
from consultas.models import Consulta

pytestmark = pytest.mark.django_db

CABECERA = (
    "ref,fecha,hora,canal,sede,tipo_migrante,sexo,edad,nacionalidad,pais,temas,medio,"
    "resumen,respuesta,recibida,respondida"
)
FILA = (
    "{ref},2026-03-02,10:15,presencial,LIMA,potencial,F,30,PE,ES,empleo-exterior;remesas,"
    "digemin,Pregunta por trabajo,Se orientó,2026-03-02T10:15:00,2026-03-02T10:30:00"
)


def archivo(tmp_path, *filas, cabecera=CABECERA, codificacion="utf-8"):
    ruta = tmp_path / "consultas.csv"
    ruta.write_bytes(("\n".join([cabecera, *filas]) + "\n").encode(codificacion))
    return ruta


def ejecutar(ruta, *args):
    salida, errores = io.StringIO(), io.StringIO()
    try:
        call_command("importar_consultas", str(ruta), *args, stdout=salida, stderr=errores)
    except CommandError as exc:
        return False, salida.getvalue(), errores.getvalue() + str(exc)
    return True, salida.getvalue(), errores.getvalue()


def test_imports_valid_rows_with_all_values(tmp_path, sede_a):
    ok, salida, _ = ejecutar(archivo(tmp_path, FILA.format(ref="X1"), FILA.format(ref="")))
    assert ok, salida
    assert "2 consultas importadas" in salida
    c = Consulta.objects.get(ref="X1")
    assert c.codigo.startswith("C-2026-")
    assert (c.sede, c.canal, c.tipo_migrante, c.sexo, c.edad) == (
        sede_a,
        "presencial",
        "potencial",
        "F",
        30,
    )
    assert c.nacionalidad.code == "PE" and c.pais.code == "ES"
    assert sorted(t.codigo for t in c.temas.all()) == ["empleo-exterior", "remesas"]
    assert c.estado == "cerrada" and c.banda_edad == "26-35"
    assert c.fecha.isoformat() == "2026-03-02"


def test_empty_office_means_main_office_and_time_from_columns(tmp_path, sede_a):
    fila = "R9,2026-03-02,09:05,correo,,publico,,,,,,,Hola,,,"
    ok, salida, _ = ejecutar(archivo(tmp_path, fila))
    assert ok, salida
    c = Consulta.objects.get()
    assert c.sede == sede_a and c.estado == "pendiente" and c.edad is None
    assert c.recibida.astimezone(c.recibida.tzinfo).isoformat().startswith("2026-03-02T14:05")


@pytest.mark.parametrize(
    ("fila", "esperado"),
    [
        (
            FILA.replace("presencial", "visita"),
            "línea 3, columna canal: código desconocido «visita»",
        ),
        (FILA.replace(",potencial,", ",turista,"), "línea 3, columna tipo_migrante: código"),
        (FILA.replace(",F,", ",X,"), "línea 3, columna sexo: código desconocido «X»"),
        (FILA.replace(",digemin,", ",tele,"), "línea 3, columna medio: código desconocido"),
        (FILA.replace("2026-03-02,10:15", "02/03/2026,10:15"), "línea 3, columna fecha: fecha no"),
        (FILA.replace(",10:15,", ",25:99,"), "línea 3, columna hora: hora no válida «25:99»"),
        (FILA.replace("T10:15:00", "T99"), "línea 3, columna recibida: fecha y hora no válida"),
        (FILA.replace("T10:30:00", "X"), "línea 3, columna respondida: fecha y hora no válida"),
        (FILA.replace(",LIMA,", ",CUSCO,"), "línea 3, columna sede: sede desconocida «CUSCO»"),
        (FILA.replace(";remesas", ";magia"), "línea 3, columna temas: tema desconocido «magia»"),
        (FILA.replace(",30,", ",130,"), "línea 3, columna edad: edad fuera de rango (130)"),
        (FILA.replace(",30,", ",treinta,"), "línea 3, columna edad: la edad «treinta» no es"),
        (FILA.replace(",ES,", ",XX,"), "línea 3, columna pais: código de país no válido «XX»"),
        (FILA.replace(",PE,", ",PER,"), "línea 3, columna nacionalidad: código de país no"),
        (FILA.replace("2026-03-02,10:15", ",10:15"), "línea 3, columna fecha: la fecha es"),
        (FILA.replace(",presencial,", ",,"), "línea 3, columna canal: el valor es obligatorio"),
        (FILA.replace("T10:30:00", "T09:00:00"), "línea 3, columna respondida: es anterior"),
        (FILA.replace("2026-03-02T10:15", "2026-03-05T10:15"), "línea 3, columna recibida: no"),
        (FILA.replace(",Se orientó", ""), "línea 3, columna respondida: la fila tiene 15"),
    ],
)
def test_every_error_kind_is_reported_and_nothing_imported(tmp_path, sede_a, fila, esperado):
    ok, _, errores = ejecutar(archivo(tmp_path, FILA.format(ref="BIEN"), fila.format(ref="MAL")))
    assert not ok
    assert esperado in errores
    assert "no se importó ninguna consulta" in errores
    assert Consulta.objects.count() == 0


def test_lists_every_error_with_line_and_column(tmp_path, sede_a):
    ruta = archivo(
        tmp_path,
        FILA.format(ref="A").replace(",30,", ",200,"),
        FILA.format(ref="B"),
        FILA.format(ref="C").replace(",LIMA,", ",NADA,").replace(";remesas", ";x"),
    )
    ok, _, errores = ejecutar(ruta)
    assert not ok
    assert "línea 2, columna edad:" in errores
    assert "línea 4, columna sede:" in errores
    assert "línea 4, columna temas:" in errores
    assert "3 errores" in errores


def test_wrong_header(tmp_path, sede_a):
    cabecera = CABECERA.replace("hora", "horas").replace(",respondida", "")
    ok, _, errores = ejecutar(archivo(tmp_path, FILA.format(ref="A"), cabecera=cabecera))
    assert not ok
    assert (
        "línea 1, columna hora: cabecera incorrecta: se esperaba «hora» y se encontró «horas»"
        in (errores)
    )
    assert "línea 1, columna respondida: cabecera incorrecta" in errores


def test_empty_file(tmp_path, sede_a):
    ruta = tmp_path / "vacio.csv"
    ruta.write_bytes(b"")
    ok, _, errores = ejecutar(ruta)
    assert not ok and "línea 1, columna ref: el archivo está vacío." in errores


def test_non_utf8_file(tmp_path, sede_a):
    fila = FILA.format(ref="A").replace("Pregunta por trabajo", "Pregunta por España")
    ok, _, errores = ejecutar(archivo(tmp_path, fila, codificacion="latin-1"))
    assert not ok
    assert "línea 2, columna resumen: el texto no está codificado en UTF-8" in errores
    assert Consulta.objects.count() == 0


def test_utf8_with_bom_is_accepted(tmp_path, sede_a):
    ruta = tmp_path / "bom.csv"
    ruta.write_bytes(("\ufeff" + CABECERA + "\n" + FILA.format(ref="A") + "\n").encode())
    assert ejecutar(ruta)[0]


def test_repeated_ref_inside_the_file(tmp_path, sede_a):
    ok, _, errores = ejecutar(archivo(tmp_path, FILA.format(ref="A"), FILA.format(ref="A")))
    assert not ok and "línea 3, columna ref: referencia «A» repetida" in errores


def test_reimport_skips_known_refs(tmp_path, sede_a):
    ruta = archivo(tmp_path, FILA.format(ref="A"), FILA.format(ref="B"))
    assert ejecutar(ruta)[0]
    ruta = archivo(tmp_path, FILA.format(ref="A"), FILA.format(ref="B"), FILA.format(ref="C"))
    ok, salida, _ = ejecutar(ruta)
    assert ok
    assert "1 consultas importadas; 2 omitidas" in salida
    assert Consulta.objects.count() == 3


def test_dry_run_imports_nothing(tmp_path, sede_a):
    ok, salida, _ = ejecutar(archivo(tmp_path, FILA.format(ref="A")), "--dry-run")
    assert ok
    assert "Archivo válido: 1 filas" in salida and "no se importó nada" in salida
    assert Consulta.objects.count() == 0


def test_missing_file_is_a_clear_error(tmp_path):
    ok, _, errores = ejecutar(tmp_path / "no-existe.csv")
    assert not ok and "No se encuentra el archivo" in errores


def test_apostrophe_guard_is_stripped(tmp_path, sede_a):
    fila = FILA.format(ref="A").replace("Pregunta por trabajo", "'=1+1")
    assert ejecutar(archivo(tmp_path, fila))[0]
    assert Consulta.objects.get().resumen == "=1+1"


def test_quoted_multiline_cells_keep_line_numbers(tmp_path, sede_a):
    multilinea = FILA.format(ref="A").replace("Pregunta por trabajo", '"Línea uno\nLínea dos"')
    mala = FILA.format(ref="B").replace(",30,", ",999,")
    ok, _, errores = ejecutar(archivo(tmp_path, multilinea, mala))
    assert not ok and "línea 4, columna edad" in errores


def test_service_reads_a_binary_stream(sede_a):
    contenido = (CABECERA + "\n" + FILA.format(ref="S") + "\n").encode()
    resultado = importar(io.BytesIO(contenido))
    assert resultado.valido and resultado.importadas == 1


def test_upload_page_is_for_responsable_only(cliente_de, asesor_a):
    assert cliente_de(asesor_a).get("/gestion/consultas/importar/").status_code == 403


def test_upload_page_imports_and_lists_errors(cliente_de, responsable, sede_a):
    cliente = cliente_de(responsable)
    assert cliente.get("/gestion/consultas/importar/").status_code == 200
    malo = SimpleUploadedFile(
        "c.csv", (CABECERA + "\n" + FILA.format(ref="A").replace(",30,", ",-4,") + "\n").encode()
    )
    html = cliente.post("/gestion/consultas/importar/", {"archivo": malo}).content.decode()
    assert "línea 2, columna edad: edad fuera de rango (-4)" in html
    assert "no se importó nada" in html
    bueno = (CABECERA + "\n" + FILA.format(ref="A") + "\n").encode()
    html = cliente.post(
        "/gestion/consultas/importar/",
        {"archivo": SimpleUploadedFile("c.csv", bueno), "simulacro": "on"},
    ).content.decode()
    assert "Archivo válido: 1 filas" in html and Consulta.objects.count() == 0
    html = cliente.post(
        "/gestion/consultas/importar/", {"archivo": SimpleUploadedFile("c.csv", bueno)}
    ).content.decode()
    assert "Se importaron 1 consultas; 0 omitidas" in html
    assert Consulta.objects.get().registrada_por == responsable


def test_nul_character_in_a_cell_is_reported_and_nothing_imported(tmp_path, sede_a):
    fila = FILA.format(ref="N1").replace("Pregunta por trabajo", "Pregunta\x00rara")
    ok, _, errores = ejecutar(archivo(tmp_path, fila))
    assert not ok
    assert "línea 2, columna resumen: contiene un carácter nulo" in errores
    assert not Consulta.objects.exists()
