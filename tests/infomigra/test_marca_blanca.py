"""White label: another country's ministry runs its own copy with configuration only.

The portal is started in a separate process with a Bolivian configuration and an empty
database (content is per deployment). No Peru-specific text may appear where configuration
should be used.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.sistema

CONFIGURACION_BOLIVIA = {
    "SERVICIO_NOMBRE": "ORIENTA MIGRANTE",
    "SERVICIO_ENTIDAD": "Ministerio de Trabajo, Empleo y Previsión Social",
    "SERVICIO_PAIS": "BO",
    "SERVICIO_PAISES_SOCIOS": "PE,CO,EC",
    "SERVICIO_CORREO": "orienta@mintrabajo.example",
    "SERVICIO_LINEA_TRATA": "800-14-0348",
    "SERVICIO_MESA_MIGRACIONES": "Mesa en Migración (DIGEMIG)",
}
PAGINAS = [
    "/",
    "/consulta/",
    "/preguntas-frecuentes/",
    "/paises/",
    "/videos/",
    "/boletin/",
    "/instituciones/",
    "/instituciones/convenios/",
    "/buscar/?q=visa",
    "/cuentas/login/",
    "/no-existe/",
]
PROHIBIDAS = [
    "Perú",
    "Peru",
    "peruan",
    "MTPE",
    "Ministerio de Trabajo y Promoción del Empleo",
    "DIGEMIN",
    "INFOMIGRA",
    "1818",
    "Lima",
    "Bolivia, Colombia o Ecuador",
]

SCRIPT = r"""
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from consultas.models import Sede
from infomigra.vocabulario import Canal
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
Sede.objects.filter(codigo="LIMA").update(nombre="Oficina central — La Paz", horario="8:30 a 16:30")
cliente = Client()
paginas = {}
for ruta in json.loads(sys.argv[1]):
    r = cliente.get(ruta)
    paginas[ruta] = [r.status_code, r.content.decode()]
print(json.dumps({"paginas": paginas, "canal_digemin": str(Canal.DIGEMIN.label)}))
"""


def test_bolivian_deployment_shows_no_peruvian_text(tmp_path):
    entorno = {
        **os.environ,
        **CONFIGURACION_BOLIVIA,
        "DJANGO_SETTINGS_MODULE": "infomigra.settings",
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": "b" * 50,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bolivia.sqlite3'}",
        "ALLOWED_HOSTS": "testserver",
        "VISITAS_ACTIVAS": "0",
        "STATIC_ROOT": str(tmp_path / "estaticos"),
    }
    resultado = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(PAGINAS)],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert resultado.returncode == 0, resultado.stderr[-3000:]
    datos = json.loads(resultado.stdout.strip().splitlines()[-1])
    assert datos["canal_digemin"] == "Mesa en Migración (DIGEMIG)"
    for ruta, (estado, html) in datos["paginas"].items():
        assert estado == (404 if ruta == "/no-existe/" else 200), ruta
        # Peru is one of Bolivia's partner countries: that mention is configuration, allowed.
        # Country pickers list every country by name: not configuration either.
        sin_socios = re.sub(r"<option[^>]*>[^<]*</option>", "", html)
        sin_socios = sin_socios.replace("Soy de Perú, Colombia o Ecuador", "")
        encontradas = [p for p in PROHIBIDAS if p in sin_socios]
        assert encontradas == [], f"{ruta}: {encontradas}"
        assert "ORIENTA MIGRANTE" in html, ruta
    inicio = datos["paginas"]["/"][1]
    assert "Soy de Perú, Colombia o Ecuador" in inicio
    assert "vuelven a Bolivia" in inicio
    assert "Oficina central — La Paz" in inicio
    assert "800-14-0348" in inicio
    assert "Ministerio de Trabajo, Empleo y Previsión Social" in inicio


def test_bad_country_code_stops_start_up_naming_the_variable():
    entorno = {**os.environ, "DEBUG": "1", "SERVICIO_PAISES_SOCIOS": "PE,XX"}
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultado.returncode != 0
    assert "SERVICIO_PAISES_SOCIOS" in resultado.stderr and "'XX'" in resultado.stderr
