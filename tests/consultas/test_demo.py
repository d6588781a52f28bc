"""cargar_demo: offices, one user per role, content and consultations; idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from consultas.models import Consulta, Sede
from contenidos.models import Guia
from faq.models import Pregunta

pytestmark = pytest.mark.django_db


def test_demo_data_loads_once_and_prints_working_logins():
    salida = StringIO()
    call_command("cargar_demo", consultas=60, stdout=salida)
    call_command("cargar_demo", consultas=60, stdout=StringIO())
    texto = salida.getvalue()
    assert Consulta.objects.count() == 60
    assert set(Sede.objects.values_list("codigo", flat=True)) >= {"LIMA", "MIGRACIONES", "AREQUIPA"}
    assert Guia.objects.filter(publicado=True).count() >= 6
    assert Pregunta.objects.filter(publicada=True).count() >= 60
    for usuario, rol in (
        ("asesora", "Asesor"),
        ("responsable", "Responsable"),
        ("editora", "Editor"),
    ):
        linea = next(linea for linea in texto.splitlines() if linea.split()[1:2] == [usuario])
        assert rol in linea
        clave = linea.split()[-2]
        assert authenticate(username=usuario, password=clave) is not None


def test_logins_come_last_in_a_box_with_the_demo_mail_folder(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "correo-demo")
    salida = StringIO()
    call_command("cargar_demo", consultas=0, stdout=salida)
    lineas = salida.getvalue().strip().splitlines()
    assert lineas[0].startswith("+-") and lineas[-1] == lineas[0]
    caja = lineas[lineas.index(lineas[0], 0) :]
    assert all(linea.startswith("| ") and linea.endswith(" |") for linea in caja[1:-1])
    assert len({len(linea) for linea in caja}) == 1
    texto = "\n".join(caja)
    assert "asesora" in texto and str(tmp_path / "correo-demo") in texto
