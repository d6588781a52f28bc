"""Shared fixtures: users per role, offices A and B, seeded content, a headless Chromium."""

import importlib
import os
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from contenidos.carga import cargar_todo
from infomigra.vocabulario import ROL_ASESOR, ROL_EDITOR, ROL_RESPONSABLE, Canal

# The psycopg pool is on by default on PostgreSQL; tests (and the servers they start) run
# without it, except where a test sets DATABASE_POOL itself. `make test` sets it before
# Django loads its settings; this covers a bare `pytest` for the servers tests start.
os.environ.setdefault("DATABASE_POOL", "0")
# Playwright's sync API runs an event loop in the test thread; the ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CLAVE = "Clave.De.Prueba.2026"


# Fixtures that start a process or a server: a test that uses one is marked ``sistema`` (left
# out by ``make test-rapido``), as are whole modules that declare ``pytestmark``.
FIXTURES_DE_SISTEMA = {
    "navegador",
    "pagina",
    "live_server",
    "servidor_smtp",
    "servidor_imap",
    "_dovecot",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if FIXTURES_DE_SISTEMA.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.sistema)


def falta_programa(motivo):
    """A system program the test needs is missing: skip with the reason locally, fail in CI
    (``.ci/run`` installs every one of them)."""
    if os.environ.get("CI"):
        pytest.fail(motivo)
    pytest.skip(motivo)


@pytest.fixture(autouse=True)
def _ajustes_de_prueba(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.VISITAS_ACTIVAS = False  # tests/contenidos/test_visitas.py turns it on
    from contenidos.cache import almacen

    almacen.olvidar()  # each test starts with an empty page cache (its database is new too)
    # A request to /en/ leaves English active in this thread: each test starts in Spanish.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _http_sin_tls():
    """The test client and the live server speak plain HTTP; tests/infomigra/test_seguridad.py
    checks the HTTPS defaults. Session-wide, so the live server's middleware is built with it."""
    from django.test import override_settings

    with override_settings(
        SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False
    ):
        yield


# The data migrations that seed rows, and their seeding functions, in migration order.
SIEMBRAS = (
    ("consultas.migrations.0002_sede_principal_y_roles", ("crear_sede_y_roles",)),
    ("contenidos.migrations.0002_temas_iniciales", ("sembrar_temas",)),
    ("faq.migrations.0006_sembrar_sinonimos_reindexar", ("sembrar", "reindexar")),
    ("faq.migrations.0007_sinonimos_sin_duplicados_editores", ("fusionar",)),
)


def resembrar():
    """Run the data migrations' seeds again (main office, role groups and their permissions,
    topics, synonyms and the typo vocabulary); each seed leaves existing rows alone."""
    from django.apps import apps

    from infomigra.cuentas.roles import sincronizar_roles

    for modulo, funciones in SIEMBRAS:
        migracion = importlib.import_module(modulo)
        for funcion in funciones:
            getattr(migracion, funcion)(apps, None)
    sincronizar_roles()


@pytest.fixture
def semillas(transactional_db):
    """For transactional tests (browser, live server, real transactions): an earlier one
    flushed the database, and with it the rows the data migrations seeded; seed them again."""
    resembrar()


@pytest.fixture
def sede_a(db):
    from consultas.models import Sede

    # get_or_create: a transactional (browser) test earlier in the run flushes migration data.
    return Sede.objects.get_or_create(codigo="LIMA", defaults={"nombre": "Sede central — Lima"})[0]


@pytest.fixture
def sede_b(db):
    from consultas.models import Sede

    return Sede.objects.get_or_create(codigo="AREQUIPA", defaults={"nombre": "Sede Arequipa"})[0]


def crear_usuario(username, rol=None, sede=None, canal=Canal.PRESENCIAL):
    from consultas.models import PerfilUsuario

    usuario = get_user_model().objects.create_user(
        username=username, password=CLAVE, first_name=username.capitalize()
    )
    if rol:
        usuario.groups.add(Group.objects.get(name=rol))
    if sede:
        PerfilUsuario.objects.create(usuario=usuario, sede=sede, canal=canal)
    return usuario


@pytest.fixture
def asesor_a(sede_a):
    usuario = crear_usuario("asesor_a", ROL_ASESOR, sede_a)
    dar_doble_factor(usuario)  # 2FA is required of every role
    return usuario


@pytest.fixture
def asesor_b(sede_b):
    usuario = crear_usuario("asesor_b", ROL_ASESOR, sede_b)
    dar_doble_factor(usuario)
    return usuario


def dar_doble_factor(usuario):
    """Give ``usuario`` a confirmed TOTP device (2FA is required of Responsable)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=usuario, name="app", confirmed=True)


@pytest.fixture
def responsable(sede_a):
    usuario = crear_usuario("responsable", ROL_RESPONSABLE, sede_a)
    dar_doble_factor(usuario)
    return usuario


@pytest.fixture
def editor(sede_a):
    usuario = crear_usuario("editor", ROL_EDITOR, sede_a)
    usuario.is_staff = True  # Editors work in the Django admin
    usuario.save(update_fields=["is_staff"])
    dar_doble_factor(usuario)
    return usuario


@pytest.fixture
def sin_rol(db):
    return crear_usuario("sin_rol")


@pytest.fixture
def contenido(db):
    """The seeded portal content (guides, countries, videos, directory…); returns the summary."""
    return cargar_todo()


@pytest.fixture
def contenido_y_preguntas(contenido):
    """The seeded content plus the seeded FAQ."""
    call_command("cargar_preguntas", verbosity=0)


@pytest.fixture
def cliente_de(client):
    """Return a logged-in test client for a user: ``cliente_de(asesor_a)``."""

    def _cliente(usuario):
        return sesion_verificada(client, usuario)

    return _cliente


def sesion_verificada(cliente, usuario):
    """``cliente`` logged in as ``usuario``, past 2FA when the user has a device."""
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    cliente.force_login(usuario)
    # Like django_otp.login(): a user with a confirmed device has passed 2FA in this session.
    dispositivo = next(iter(devices_for_user(usuario)), None)
    if dispositivo is not None:
        sesion = cliente.session
        sesion[DEVICE_ID_SESSION_KEY] = dispositivo.persistent_id
        sesion.save()
    return cliente


@pytest.fixture(scope="session")
def navegador():
    """A real headless Chromium. Skipped with a reason locally when missing; CI must have it."""
    if not os.path.exists(CHROMIUM):
        falta_programa(f"Chromium no está instalado en {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def pagina(navegador):
    contexto = navegador.new_context(locale="es-PE")
    page = contexto.new_page()
    page.set_default_timeout(10_000)
    yield page
    contexto.close()


@pytest.fixture
def servidor_smtp(settings):
    """A real SMTP server (aiosmtpd) on loopback; Django sends to it. ``.recibidos`` lists mails."""
    from tests.servidores_correo import ServidorSMTP

    servidor = ServidorSMTP()
    servidor.iniciar()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = servidor.puerto
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield servidor
    servidor.detener()


@pytest.fixture(scope="session")
def _dovecot():
    from tests.servidores_correo import DOVECOT, ServidorIMAP

    if not os.path.exists(DOVECOT) or not shutil.which("openssl"):
        falta_programa(
            f"dovecot ({DOVECOT}) u openssl no están instalados (apt-get install dovecot-imapd)"
        )
    servidor = ServidorIMAP()
    servidor.iniciar()
    yield servidor
    servidor.detener()


@pytest.fixture
def servidor_imap(_dovecot, settings):
    """A real IMAP server (private dovecot, TLS) with a fresh mailbox configured in settings."""
    _dovecot.usuario = _dovecot.nuevo_usuario()
    _dovecot.configurar(settings, _dovecot.usuario)
    return _dovecot


# One object of each kind, of office A, for the URL matrices (tests/test_permisos*.py).
@pytest.fixture
def objetos(sede_a, asesor_a):
    import datetime as dt

    from django.utils import timezone

    from consultas.models import Consulta, Derivacion, Inscripcion, Retornado, Socio, Taller
    from contenidos.models import Tema
    from faq.models import Pregunta, Sinonimo

    consulta = Consulta.objects.create(
        canal="web", sede=sede_a, tipo_migrante="potencial", resumen="Consulta de prueba"
    )
    pregunta = Pregunta.objects.create(
        pregunta="¿Necesito visa para trabajar?",
        respuesta="Depende del país.",
        tema=Tema.objects.get(codigo="tramites-visas"),
        publicada=True,
    )
    taller = Taller.objects.create(
        titulo="Taller",
        descripcion="Charla",
        publico="jovenes",
        inicio=timezone.now() + dt.timedelta(days=3),
        sede=sede_a,
        region="lima-metropolitana",
        en_la_sede=True,
        capacidad=10,
    )
    inscripcion = Inscripcion.objects.create(
        taller=taller, nombre="Ana", email="ana@example.org", estado="confirmada"
    )
    socio = Socio.objects.create(codigo="CONS-MADRID", nombre="Consulado", tipo="consulado",
                                 sede=sede_a)  # fmt: skip
    retornado = Retornado.objects.create(sede=sede_a, nombre="Luis", email="luis@example.org")
    derivacion = Derivacion.objects.create(
        retornado=retornado, necesidad="empleo", otra_institucion="SNE"
    )
    return {
        "retornado": retornado.pk,
        "derivacion": derivacion.pk,
        "taller": taller.pk,
        "inscripcion": inscripcion.pk,
        "socio": socio.codigo,
        "consulta": consulta.codigo,
        "usuario": asesor_a.pk,
        "pregunta": pregunta.slug,
        "pregunta_id": pregunta.pk,
        "sinonimo": Sinonimo.objects.create(termino="chambita", equivalentes="trabajo").pk,
    }
