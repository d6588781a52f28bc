"""Remote consultations: inbox query, web submissions and mailbox reading, timed.

Run from the repository root (a throw-away SQLite database is used unless DATABASE_URL is set
to an empty database):
    SECRET_KEY=x .venv/bin/python bench/remotas.py [--consultas 100000]
Results go to docs/benchmarks.md by hand (machine: 2 cores, shared).
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infomigra.settings")
os.environ.setdefault("SECRET_KEY", "bench")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-remotas-')}/b.db"
sys.path.append(str(RAIZ / "bench"))  # after RAIZ: bench/consultas.py is not the app
from _comun import cliente_verificado  # noqa: E402  (bench/_comun.py)


def mediana_ms(funcion, veces=5):
    tiempos = []
    for _ in range(veces):
        inicio = time.perf_counter()
        funcion()
        tiempos.append((time.perf_counter() - inicio) * 1000)
    return statistics.median(tiempos)


def ajustes_estaticos():
    """Settings overrides for in-process requests: plain static files storage."""
    from django.conf import settings

    return {
        "ALLOWED_HOSTS": ["testserver"],
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }


def argumentos():
    parser = argparse.ArgumentParser()
    parser.add_argument("--consultas", type=int, default=100_000)
    parser.add_argument("--correos", type=int, default=500)
    parser.add_argument("--envios", type=int, default=100)
    # Only the mailbox reading (after seeding), ``--rondas`` times with new emails each time.
    parser.add_argument("--solo-correo", action="store_true")
    parser.add_argument("--rondas", type=int, default=1)
    return parser.parse_args()


def sembrar(cantidad):
    """``cantidad`` consultations over the last year and a Responsable; returns her."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from consultas.generador import generar
    from consultas.models import PerfilUsuario, Sede

    hoy = timezone.localdate()
    inicio = time.perf_counter()
    generar(cantidad, hoy - dt.timedelta(days=365), hoy, 2026, 5000)
    print(f"generated {cantidad} consultations in {time.perf_counter() - inicio:.0f} s")
    jefa = get_user_model().objects.create_user("bench_responsable")
    jefa.groups.add(Group.objects.get(name="Responsable"))
    PerfilUsuario.objects.create(usuario=jefa, sede=Sede.principal())
    return jefa


def medir_bandeja(jefa):
    """The inbox rows as they are, then with a 5,000 backlog (rows and the page)."""
    from django.test.utils import override_settings

    from consultas.models import Consulta
    from consultas.remotas import servicios as remotas

    pendientes = Consulta.objects.remotas().pendientes().count()
    print(f"pending remote consultations: {pendientes}")
    ms = mediana_ms(lambda: remotas.filas_bandeja(jefa))
    print(f"inbox rows (responsable, all offices, {pendientes} pending): {ms:.0f} ms")
    # A backlog far beyond the real load (30+ emails a day): 5,000 pending.
    ids = list(Consulta.objects.remotas().values_list("pk", flat=True)[:5000])
    Consulta.objects.filter(pk__in=ids).update(estado="pendiente", respondida=None)
    try:
        from consultas.remotas import triaje

        def filas():
            return triaje.pagina(jefa, 1).object_list
    except ImportError:  # before the inbox was paged: every pending row at once

        def filas():
            return remotas.filas_bandeja(jefa)

    ms = mediana_ms(filas)
    print(f"inbox rows with a 5,000 backlog: {ms:.0f} ms")
    with override_settings(**ajustes_estaticos()):
        navegador = cliente_verificado(jefa)

        def vista():
            respuesta = navegador.get("/gestion/bandeja/", secure=True)
            assert respuesta.status_code == 200, respuesta.status_code
            return respuesta

        ms = mediana_ms(vista)
        kb = len(vista().content) / 1024
    print(f"inbox page GET /gestion/bandeja/ with a 5,000 backlog: {ms:.0f} ms ({kb:.0f} KB)")


def medir_envios(envios):
    """Web submissions through the public form: store + acknowledgement."""
    from django.core import signing
    from django.test import Client
    from django.test.utils import override_settings

    from consultas.remotas.forms import SAL_MARCA
    from contenidos.models import Tema

    cliente = Client()
    tema = Tema.objects.first().pk
    with override_settings(
        **ajustes_estaticos(),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        CONSULTA_LIMITE_POR_HORA=10**6,
    ):
        tiempos = []
        for i in range(envios):
            datos = {
                "tipo_migrante": "potencial",
                "pais": "ES",
                "tema": tema,
                "pregunta": f"Pregunta de prueba {i}",
                "email": f"p{i}@example.org",
                "consentimiento": "on",
                "marca": signing.dumps(time.time() - 10, salt=SAL_MARCA),
            }
            t = time.perf_counter()
            respuesta = cliente.post("/consulta/", datos, secure=True)
            tiempos.append((time.perf_counter() - t) * 1000)
            assert respuesta.status_code == 302, respuesta.status_code
        mediana, p95 = statistics.median(tiempos), sorted(tiempos)[int(len(tiempos) * 0.95) - 1]
        print(
            f"web submission (store + acknowledgement): median {mediana:.0f} ms, p95 {p95:.0f} ms"
        )


def leer_buzon(servidor, correos):
    """Deliver ``correos`` emails to a new IMAP user and time reading them all."""
    from django.test.utils import override_settings

    from consultas.models import Mensaje
    from consultas.remotas import buzon

    usuario = servidor.nuevo_usuario()
    for i in range(correos):
        crudo = (
            f"From: Persona {i} <persona{i}.{usuario}@example.org>\r\n"
            f"To: infomigra@example.org\r\nSubject: Consulta {i}\r\n"
            f"Message-ID: <bench-{usuario}-{i}@example.org>\r\n\r\n"
            f"Quiero trabajar en Chile, consulta {i}.\r\n"
        ).encode()
        servidor.entregar(usuario, crudo)

    class Ajustes:
        pass

    ajustes = Ajustes()
    servidor.configurar(ajustes, usuario)
    with override_settings(
        **vars(ajustes), EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        entradas = Mensaje.objects.filter(direccion="entrada")
        antes = entradas.count()
        t = time.perf_counter()
        resumen = buzon.leer_buzon()
        segundos = time.perf_counter() - t
    assert resumen.nuevas == correos and entradas.count() == antes + correos
    print(f"leer_correo: {correos} new emails in {segundos:.2f} s "
          f"({correos / segundos:.0f} emails/s)")  # fmt: skip


def medir_buzon(correos, rondas=1):
    """Mailbox reading against a real dovecot, when it is installed."""
    sys.path.insert(0, str(RAIZ / "tests"))
    from tests.servidores_correo import DOVECOT, ServidorIMAP

    if not os.path.exists(DOVECOT):
        print("dovecot missing: mailbox reading not measured")
        return
    servidor = ServidorIMAP()
    servidor.iniciar()
    try:
        for _ in range(rondas):
            leer_buzon(servidor, correos)
    finally:
        servidor.detener()


def main():
    args = argumentos()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    jefa = sembrar(args.consultas)
    if not args.solo_correo:
        medir_bandeja(jefa)
        medir_envios(args.envios)
    medir_buzon(args.correos, args.rondas)


if __name__ == "__main__":
    main()
