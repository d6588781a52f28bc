import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from faq.models import Pregunta
from infomigra.vocabulario import TEMAS, TipoMigrante

pytestmark = pytest.mark.django_db


def cargar(*args):
    salida = StringIO()
    call_command("cargar_preguntas", *args, stdout=salida)
    return salida.getvalue()


def test_seed_loads_published_entries_for_every_profile_and_topic():
    salida = cargar()
    publicadas = Pregunta.objects.publicadas()
    assert publicadas.count() >= 60
    assert f"{publicadas.count()} creadas" in salida
    perfiles = set(publicadas.values_list("perfiles__codigo", flat=True))
    assert perfiles == set(TipoMigrante.values)
    assert set(publicadas.values_list("tema__codigo", flat=True)) == {c for c, _ in TEMAS}
    assert not publicadas.filter(fuente="").exists()
    assert all("<script" not in p.respuesta_html for p in publicadas)


def test_seed_is_searchable_in_spanish():
    from faq.motor.preguntas import buscar

    cargar()
    assert buscar("carne de extranjeria").exists()
    assert buscar("TRAMITES").exists()


def test_loading_twice_does_not_duplicate_or_overwrite():
    cargar()
    total = Pregunta.objects.count()
    editada = Pregunta.objects.order_by("pk").first()
    editada.respuesta = "Texto revisado por el equipo editor."
    editada.save()
    salida = cargar()
    assert Pregunta.objects.count() == total
    assert "0 creadas" in salida and f"{total} ya existían" in salida
    editada.refresh_from_db()
    assert editada.respuesta == "Texto revisado por el equipo editor."
    assert "1 actualizadas" not in cargar("--actualizar")
    editada.refresh_from_db()
    assert editada.respuesta != "Texto revisado por el equipo editor."
    assert Pregunta.objects.count() == total


def test_invalid_file_loads_nothing_and_names_line_and_field(tmp_path):
    entrada_valida = {
        "pregunta": "¿Pregunta válida?",
        "respuesta": "Sí.",
        "perfiles": ["potencial"],
        "tema": "remesas",
        "fuente": "MTPE",
        "revisado_el": "2026-01-10",
        "idioma": "es",
    }
    entrada_mala = {**entrada_valida, "pregunta": "¿Otra?", "perfiles": ["marciano"]}
    entrada_mala["revisado_el"] = "10/01/2026"
    archivo = tmp_path / "preguntas.json"
    archivo.write_text(json.dumps([entrada_valida, entrada_mala], indent=2, ensure_ascii=False))
    with pytest.raises(CommandError) as error:
        cargar("--archivo", str(archivo))
    mensaje = str(error.value)
    assert "No se cargó ninguna pregunta" in mensaje
    assert "línea 16, columna 5 (entrada 2, campo «perfiles»): perfil desconocido marciano" in (
        mensaje
    )
    assert "(entrada 2, campo «revisado_el»): fecha de revisión no válida" in mensaje
    assert not Pregunta.objects.exists()


def test_broken_json_reports_line_and_column(tmp_path):
    archivo = tmp_path / "preguntas.json"
    archivo.write_text('[\n  {"pregunta": "x",\n  }\n]')
    with pytest.raises(CommandError, match=r"línea 3, columna 3: JSON no válido"):
        cargar("--archivo", str(archivo))


def test_demo_command_loads_the_faq():
    call_command("cargar_demo", demo=True, consultas=0, stdout=StringIO())
    assert Pregunta.objects.publicadas().count() >= 60
