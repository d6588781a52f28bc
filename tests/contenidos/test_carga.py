"""cargar_contenido: loads every seed, is idempotent, keeps newer edits and reports bad files."""

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from contenidos.carga import DIRECTORIO, cargar_todo
from contenidos.models import (
    Alerta,
    Boletin,
    Convenio,
    Guia,
    Institucion,
    Pagina,
    PaisGuia,
    VersionPortal,
    Video,
)

pytestmark = pytest.mark.django_db


def test_loads_every_kind_of_seed():
    call_command("cargar_contenido", stdout=StringIO())
    assert Guia.objects.filter(idioma="es").count() == 6
    assert Guia.objects.filter(idioma="en", perfil="extranjero").exists()
    assert Guia.objects.filter(idioma="en").count() == 6
    assert PaisGuia.objects.filter(idioma="es").count() == 12
    assert PaisGuia.objects.filter(idioma="en").count() == 12
    assert Video.objects.count() == 6 and Boletin.objects.count() == 2
    assert Institucion.objects.count() == 71 and Convenio.objects.count() == 12
    assert Institucion.objects.filter(tipo="ong").count() == 6
    assert Pagina.objects.filter(slug="acerca").exists() and Alerta.objects.count() == 6
    guia = Guia.objects.get(perfil="retornado", idioma="es")
    assert guia.publicado and guia.revisado_el and guia.fuente and guia.cuerpo_html
    assert guia.temas.filter(codigo="retorno").exists()


def test_second_run_changes_nothing():
    call_command("cargar_contenido", stdout=StringIO())
    antes = {g.pk: g.actualizado for g in Guia.objects.all()}
    version = VersionPortal.actual()
    salida = StringIO()
    call_command("cargar_contenido", stdout=salida)
    assert "0 creados, 0 actualizados" in salida.getvalue()
    assert {g.pk: g.actualizado for g in Guia.objects.all()} == antes
    assert VersionPortal.actual() == version


def test_changed_seed_updates_and_newer_edit_is_kept(tmp_path):
    semillas = tmp_path / "semillas"
    shutil.copytree(DIRECTORIO, semillas)
    cargar_todo(semillas)
    ruta = semillas / "paises" / "JP.md"
    ruta.write_text(ruta.read_text().replace("titulo: ", "titulo: (2) ", 1))
    resultado = cargar_todo(semillas)
    assert resultado["actualizados"] == 1
    japon = PaisGuia.objects.get(iso="JP", idioma="es")
    assert japon.titulo.startswith("(2) ")

    japon.titulo = "Editado por el equipo"
    japon.revisado_el = datetime.date(2099, 1, 1)
    japon.publicado = False
    japon.save()
    cargar_todo(semillas)
    japon.refresh_from_db()
    assert japon.titulo == "Editado por el equipo" and not japon.publicado


def test_bad_header_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "perfiles").mkdir()
    (tmp_path / "perfiles" / "andino.md").write_text("titulo: Hola\nsin separador\n\nCuerpo\n")
    with pytest.raises(CommandError, match=r"andino.md, línea 2"):
        call_command("cargar_contenido", "--directorio", str(tmp_path))
    assert not Guia.objects.exists()


def test_bad_json_is_reported_with_line_and_column(tmp_path):
    (tmp_path / "alertas.json").write_text('[\n  {"titulo": "x",\n}\n]')
    with pytest.raises(CommandError, match=r"alertas.json, línea 3, columna 1"):
        call_command("cargar_contenido", "--directorio", str(tmp_path))


def test_bad_date_and_unknown_profile_are_reported(tmp_path):
    (tmp_path / "perfiles").mkdir()
    ruta = tmp_path / "perfiles" / "turista.md"
    ruta.write_text("titulo: x\n\nCuerpo\n")
    with pytest.raises(CommandError, match="no es un perfil conocido"):
        call_command("cargar_contenido", "--directorio", str(tmp_path))
    ruta.unlink()
    (tmp_path / "perfiles" / "andino.md").write_text("titulo: x\nrevisado_el: ayer\n\nCuerpo\n")
    with pytest.raises(CommandError, match="fecha no válida «ayer»"):
        call_command("cargar_contenido", "--directorio", str(tmp_path))


def test_demo_loader_calls_it():
    call_command("cargar_demo", demo=True, consultas=0, stdout=StringIO())
    assert Guia.objects.count() == 12


def test_seed_has_no_placeholder_text():
    for ruta in Path(DIRECTORIO).rglob("*"):
        if ruta.is_file():
            texto = ruta.read_text(encoding="utf-8").lower()
            for marca in ("lorem", "ipsum", "todo:", "xxx", "placeholder"):
                assert marca not in texto, f"{ruta.name}: {marca}"
