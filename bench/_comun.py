"""Pieces shared by the bench scripts: HTTP probes, database preparation, percentiles, the
consultation form as a browser fills it in, and the check that acknowledged consultations are
stored. Imported by the scripts (``bench/`` is on ``sys.path`` when they run); no Django import
at module level, so scripts that set up Django themselves may use it too.
"""

import http.client
import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import psycopg

RAIZ = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only
AGENTE = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0"
PERFILES = ["potencial", "emigrante", "retornado", "extranjero", "andino", "publico"]
CODIGO = re.compile(r"C-\d{4}-\d{6}")


class Registro:
    """Every request: (start, end, kind, status or None, error text)."""

    def __init__(self, origen):
        self.origen = origen
        self.filas = []
        self.acuses = []  # (code shown on the confirmation page, email)
        self.redirigidas = []  # emails whose POST was answered 302 → /consulta/enviada/
        self.enviadas = []  # emails of every POST attempted
        self.cerrojo = threading.Lock()

    def ahora(self):
        return time.monotonic() - self.origen


def percentil(valores, p):
    if not valores:
        return float("nan")
    ordenados = sorted(valores)
    return ordenados[max(0, min(len(ordenados) - 1, round(p / 100 * len(ordenados) + 0.5) - 1))]


def es_error(fila):
    return fila[3] is None or fila[3] >= 500


def hijos(pid):
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def salud(puerto):
    try:
        conexion = http.client.HTTPConnection(HOST, puerto, timeout=5)
        conexion.request("GET", "/salud/", headers={"Host": f"{HOST}:{puerto}"})
        estado = conexion.getresponse().status
        conexion.close()
        return estado
    except OSError:
        return None


def preparar(entorno, base):
    """(Re)create ``base``, migrate it and load the demo with 2,000 consultations."""
    url_admin = entorno["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(url_admin, autocommit=True) as conexion:
        conexion.execute(f'DROP DATABASE IF EXISTS "{base}" WITH (FORCE)')
        conexion.execute(f'CREATE DATABASE "{base}"')
    for orden in (
        ["migrate", "--noinput", "-v0"],
        ["cargar_demo", "--demo", "--consultas", "2000"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *orden],
            cwd=RAIZ,
            env=entorno,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def preparar_y_recoger(entorno, args):
    """The base (unless ``--sin-preparar``) and the static files, as the load scripts need."""
    if not args.sin_preparar:
        inicio = time.monotonic()
        preparar(entorno, args.base)
        print(f"Base {args.base} preparada en {time.monotonic() - inicio:.0f} s")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=RAIZ,
        env=entorno,
        check=True,
    )


def campos_formulario(html):
    """(CSRF token, signed timestamp, topic ids) of /consulta/'s form, or None if incomplete."""
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    marca = re.search(r'name="marca" value="([^"]+)"', html)
    select = html[html.find('name="tema"') :]
    temas = re.findall(r'<option value="(\d+)"', select[: select.find("</select>")])
    if not (token and marca and temas):
        return None
    return token.group(1), marca.group(1), temas


def datos_consulta(campos, email, pregunta, nombre):
    """The POST body of a consultation filled in at random, as a visitor would."""
    token, marca, temas = campos
    return {
        "csrfmiddlewaretoken": token,
        "marca": marca,
        "tipo_migrante": random.choice(PERFILES),
        "pais": random.choice(["ES", "US", "IT", "JP", "CL", "AR"]),
        "tema": random.choice(temas),
        "pregunta": pregunta,
        "email": email,
        "nombre": nombre,
        "telefono": "",
        "edad": str(random.randint(18, 70)),
        "sexo": random.choice(["F", "M", ""]),
        "consentimiento": "on",
        "sitio_web": "",
    }


def tabla_codigos(grupo):
    """Codes counted, e.g. "200: 5, 502: 1", for request rows (status, else the error)."""
    return ", ".join(
        f"{k}: {v}" for k, v in sorted(Counter(f[3] or f[4] for f in grupo).items(), key=str)
    )


def comprobar(entorno, registro):
    """Every acknowledged consultation is stored (by code and by its unique email)."""
    codigos = dict(registro.acuses)
    with psycopg.connect(entorno["DATABASE_URL"]) as conexion:
        guardadas = dict(
            conexion.execute(
                "SELECT codigo, email FROM consultas_consulta WHERE codigo = ANY(%s)",
                [list(codigos)],
            ).fetchall()
        )
        por_correo = {
            e
            for (e,) in conexion.execute(
                "SELECT email FROM consultas_consulta WHERE email = ANY(%s)",
                [registro.enviadas],
            ).fetchall()
        }
    perdidas_codigo = [c for c, e in codigos.items() if guardadas.get(c) != e]
    perdidas_302 = [e for e in registro.redirigidas if e not in por_correo]
    print(
        f"\nEnvíos: {len(registro.enviadas)} POST; {len(registro.redirigidas)} respondidos 302 → "
        f"/consulta/enviada/; {len(codigos)} códigos mostrados en la página de confirmación."
    )
    print(
        f"Códigos confirmados encontrados en la base (mismo código y correo): "
        f"{len(codigos) - len(perdidas_codigo)} de {len(codigos)}; perdidos: {perdidas_codigo}"
    )
    print(
        f"Envíos respondidos 302 encontrados por correo: "
        f"{len(registro.redirigidas) - len(perdidas_302)} de {len(registro.redirigidas)}; "
        f"perdidos: {perdidas_302}"
    )
    sin_acuse = len(por_correo) - len(set(registro.redirigidas) & por_correo)
    print(f"Guardados sin acuse (el cliente vio un error): {sin_acuse}")
    return not perdidas_codigo and not perdidas_302


def cliente_verificado(usuario):
    """A logged-in Django test client whose session passed 2FA (as django_otp.login marks it):
    the back office asks for 2FA, so the session gets a confirmed TOTP device, created once."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    c = Client()
    c.force_login(usuario)
    dispositivo, _ = TOTPDevice.objects.get_or_create(
        user=usuario, name="bench", defaults={"confirmed": True}
    )
    sesion = c.session
    sesion[DEVICE_ID_SESSION_KEY] = dispositivo.persistent_id
    sesion.save()
    return c


@contextmanager
def base_de_prueba(sufijo, conservar=False):
    """A throw-away test database for an in-process bench (PostgreSQL ``<NAME>_bench_<sufijo>``,
    else a SQLite file in /tmp), destroyed at the end unless ``conservar``."""
    import os

    from django.db import connection

    base = connection.settings_dict
    if connection.vendor == "postgresql":
        base["TEST"]["NAME"] = f"{base['NAME']}_bench_{sufijo}"
    else:
        base["TEST"]["NAME"] = f"/tmp/infomigra_bench_{sufijo}_{os.getpid()}.sqlite3"
    nombre_original = base["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        if not conservar:
            connection.creation.destroy_test_db(nombre_original, verbosity=0)
