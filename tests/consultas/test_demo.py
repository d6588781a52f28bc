"""cargar_demo: offices, one user per role, content and consultations; idempotent, refused on
a production configuration, random passwords shown once, existing accounts untouched."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from consultas.models import Consulta, Sede
from contenidos.models import Guia
from faq.models import Pregunta

pytestmark = pytest.mark.django_db


def _claves(texto):
    claves = {}
    for linea in texto.splitlines():
        partes = linea.strip("| ").split()
        if len(partes) >= 4 and partes[1] in ("Asesor", "Responsable", "Editor"):
            claves[partes[0]] = partes[-1]
    return claves


def test_demo_data_loads_once_and_prints_working_logins():
    salida, segunda = StringIO(), StringIO()
    call_command("cargar_demo", demo=True, consultas=60, stdout=salida)
    call_command("cargar_demo", demo=True, consultas=60, stdout=segunda)
    texto = salida.getvalue()
    assert Consulta.objects.count() == 60
    assert set(Sede.objects.values_list("codigo", flat=True)) >= {"LIMA", "MIGRACIONES", "AREQUIPA"}
    assert Guia.objects.filter(publicado=True).count() >= 6
    assert Pregunta.objects.filter(publicada=True).count() >= 60
    claves = _claves(texto)
    for usuario, rol in (
        ("asesora", "Asesor"),
        ("responsable", "Responsable"),
        ("editora", "Editor"),
    ):
        linea = next(f for f in texto.splitlines() if f.strip("| ").split()[:1] == [usuario])
        assert rol in linea
        assert authenticate(username=usuario, password=claves[usuario]) is not None
        # Shown once: the second run neither prints nor changes it.
        assert claves[usuario] not in segunda.getvalue()
        assert authenticate(username=usuario, password=claves[usuario]) is not None
    assert len(set(claves.values())) == len(claves)
    assert not any(clave.endswith(".Demo.2026") for clave in claves.values())


def test_refused_without_debug_or_the_demo_flag(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--demo"):
        call_command("cargar_demo", consultas=0, stdout=StringIO())
    assert not get_user_model().objects.exists()


def test_existing_accounts_are_never_changed():
    usuario = get_user_model().objects.create_user("responsable", password="Mi.Clave.Propia.77")
    salida = StringIO()
    call_command("cargar_demo", demo=True, consultas=0, stdout=salida)
    usuario.refresh_from_db()
    assert usuario.check_password("Mi.Clave.Propia.77")
    assert not usuario.groups.exists() and not usuario.is_staff
    assert "responsable" not in _claves(salida.getvalue())


def test_logins_come_last_in_a_box_with_the_demo_mail_folder(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "correo-demo")
    salida = StringIO()
    call_command("cargar_demo", demo=True, consultas=0, stdout=salida)
    lineas = salida.getvalue().strip().splitlines()
    assert lineas[0].startswith("+-") and lineas[-1] == lineas[0]
    caja = lineas[lineas.index(lineas[0], 0) :]
    assert all(linea.startswith("| ") and linea.endswith(" |") for linea in caja[1:-1])
    assert len({len(linea) for linea in caja}) == 1
    texto = "\n".join(caja)
    assert "asesora" in texto and str(tmp_path / "correo-demo") in texto


def test_demo_accounts_get_an_enrolment_link_for_their_first_device(client):
    salida = StringIO()
    call_command("cargar_demo", demo=True, consultas=0, stdout=salida)
    texto = salida.getvalue()
    claves = _claves(texto)
    enlace = re.search(r"asesora: http://\S+?(/cuentas/doble-factor/alta/\S+?/)", texto).group(1)
    client.post("/cuentas/login/", {"username": "asesora", "password": claves["asesora"]})
    assert client.get(enlace)["Location"] == "/cuentas/doble-factor/"
    assert "otpauth://" in client.get("/cuentas/doble-factor/").content.decode()
