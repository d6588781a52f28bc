"""INFOMIGRA settings: one file, read from the environment (see README for every variable).

Grouped by topic, each section under a one-line header: core, the service's identity, database,
cache and page cache, mail, internationalisation, static and media files, forms, security,
accounts (sessions, login throttling, 2FA), logging, remote consultations and the mailbox,
portal visits, privacy and backups.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django_countries.data import COUNTRIES

from infomigra.entorno import env_bool, env_int, env_list, env_str

# --- Core: debug, secret key, hosts, apps, middleware, templates -------------------------------
BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "La variable de entorno SECRET_KEY es obligatoria cuando DEBUG está desactivado."
        )
    SECRET_KEY = "solo-desarrollo-no-usar-en-produccion"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "infomigra.cuentas",
    "infomigra.correo",
    "contenidos",
    "faq",
    "consultas",
]

MIDDLEWARE = [
    "infomigra.registros.RegistroDePeticionesMiddleware",
    # Answers repeat anonymous requests for public pages before everything below (see
    # contenidos/cache.py); a cache hit runs no session, auth, CSRF or locale code and no query.
    "contenidos.cache.CachePortalMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Compresses HTML and JSON (with Django's BREACH mitigation: the CSRF token is masked per
    # response and GZipMiddleware pads with random bytes); static files come pre-compressed.
    "django.middleware.gzip.GZipMiddleware",
    "infomigra.seguridad.CabecerasDeSeguridadMiddleware",
    "infomigra.seguridad.RechazarNulosMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "infomigra.idioma.IdiomaDeGestionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "infomigra.seguridad.DuracionDeSesionMiddleware",
    "infomigra.cuentas.doble_factor.DobleFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Anonymous portal visit counting (contenidos.visitas): no cookies, no stored IP addresses.
    "contenidos.visitas.ContadorVisitasMiddleware",
    # Partner attribution without cookies: reads ?socio=, counts arrivals, carries the code along.
    "consultas.socios.atribucion.AtribucionSocioMiddleware",
]

ROOT_URLCONF = "infomigra.urls"
WSGI_APPLICATION = "infomigra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "infomigra.contexto.servicio",
                "infomigra.contexto.idiomas",
                "consultas.contexto.sedes",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering report indexes (INCLUDE) exist on PostgreSQL only; SQLite builds them without it.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
# While the database is unreachable pages answer 503 with this Retry-After (seconds).
REINTENTAR_TRAS_SEGUNDOS = 30

# --- The service's identity (white label: see README) ------------------------------------------
SERVICIO_NOMBRE = env_str("SERVICIO_NOMBRE", "INFOMIGRA")
SERVICIO_ENTIDAD = env_str("SERVICIO_ENTIDAD", "Ministerio de Trabajo y Promoción del Empleo")
SERVICIO_PAIS = env_str("SERVICIO_PAIS", "PE")
SERVICIO_CORREO = env_str("SERVICIO_CORREO", "infomigra@localhost")
# A site served beyond loopback (its SITE_URL) must name its real mailbox: mails and pages show it.
if (
    not DEBUG
    and urlsplit(SITE_URL).hostname not in {"127.0.0.1", "localhost", "::1"}
    and SERVICIO_CORREO.endswith("@localhost")
):
    raise ImproperlyConfigured(
        "La variable de entorno SERVICIO_CORREO es obligatoria cuando DEBUG está desactivado: "
        "el correo público del servicio (por ejemplo infomigra@trabajo.gob.pe)."
    )
SERVICIO_LOGO = env_str("SERVICIO_LOGO", "")  # a static path, e.g. img/logo.svg
# Countries whose workers are treated as nationals (for Peru, the other Andean Community members).
SERVICIO_PAISES_SOCIOS = env_list("SERVICIO_PAISES_SOCIOS", ["BO", "CO", "EC"])
SERVICIO_LINEA_TRATA = env_str("SERVICIO_LINEA_TRATA", "1818")  # free anti-trafficking line
# The desk at the migration authority (channel and "how they heard" label).
SERVICIO_MESA_MIGRACIONES = env_str("SERVICIO_MESA_MIGRACIONES", "Mesa en Migraciones (DIGEMIN)")
# Country pickers list the home country and its partners first, then the usual destinations.
COUNTRIES_FIRST = list(
    dict.fromkeys(
        [SERVICIO_PAIS, *SERVICIO_PAISES_SOCIOS]
        + env_list("PAISES_FRECUENTES", ["VE", "ES", "US", "CL", "AR", "IT", "JP"])
    )
)
COUNTRIES_FIRST_REPEAT = True
for _variable, _codigos in (
    ("SERVICIO_PAIS", [SERVICIO_PAIS]),
    ("SERVICIO_PAISES_SOCIOS", SERVICIO_PAISES_SOCIOS),
    ("PAISES_FRECUENTES", COUNTRIES_FIRST),
):
    for _codigo in _codigos:
        if _codigo not in COUNTRIES:
            raise ImproperlyConfigured(
                f"La variable de entorno {_variable} tiene un código de país no válido "
                f"{_codigo!r}: use ISO 3166-1 alfa-2 (PE, BO, CO…)."
            )

# --- Database: SQLite file by default; DATABASE_URL=postgres://… uses psycopg 3 ----------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
except ValueError as exc:
    raise ImproperlyConfigured(f"La variable de entorno DATABASE_URL no es válida: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
# On by default on PostgreSQL: a new connection per request costs most of the throughput. Per
# process; a sync gunicorn worker serves one request at a time, so the default (the worker's
# threads, GUNICORN_THREADS, plus one spare) is 2; DATABASE_POOL=0 turns it off (the tests do).
DATABASE_POOL = env_int("DATABASE_POOL", env_int("GUNICORN_THREADS", 1) + 1)
if DATABASE_POOL < 0:
    raise ImproperlyConfigured("La variable de entorno DATABASE_POOL no puede ser negativa.")
if DATABASE_POOL and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Per process; gunicorn must not --preload so each worker opens its own pool.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Check a pooled connection before lending it: after a PostgreSQL restart the pool would
    # otherwise hand out dead connections and fail requests (found by bench/carga.py).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DATABASE_POOL,
        "timeout": 10,
    }
# An optional read replica for reports.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    try:
        DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=0)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"La variable de entorno DATABASE_REPLICA_URL no es válida: {exc}"
        ) from None
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["infomigra.routers.RouterReplica"]

# --- Cache: shared by several app nodes (Redis when REDIS_URL is set, else the database) -------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "infomigra",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "infomigra_cache",
        }
    }
# Public portal pages (contenidos.cache): what browsers (max-age) and shared caches — the nginx
# edge cache, a CDN — (s-maxage) may keep, and how long a stale copy may be served while a fresh
# one is fetched or the origin is down (stale-while-revalidate).
CACHE_PORTAL_MAX_AGE = env_int("CACHE_PORTAL_MAX_AGE", 60)
CACHE_PORTAL_S_MAXAGE = env_int("CACHE_PORTAL_S_MAXAGE", 300)
CACHE_PORTAL_STALE = env_int("CACHE_PORTAL_STALE", 600)
CACHE_PORTAL_CONTROL = (
    f"public, max-age={CACHE_PORTAL_MAX_AGE}, s-maxage={CACHE_PORTAL_S_MAXAGE}, "
    f"stale-while-revalidate={CACHE_PORTAL_STALE}"
)
# Search results revalidate on every visit: an edit (a synonym) changes them at once.
CACHE_PORTAL_CONTROL_BUSQUEDA = "public, no-cache"
CACHE_PORTAL_ENTRADAS = env_int("CACHE_PORTAL_ENTRADAS", 1000)  # pages kept per process
CACHE_PORTAL_VERIFICAR = 1.0  # seconds between reads of the content generation per process
# Cookies that change a public page: the session (staff, messages), messages, FAQ votes.
CACHE_PORTAL_COOKIES = ("sessionid", "messages", "faq_votos")
# Never through the page cache: staff, accounts, the admin, the health check (it must reach the
# database), the CSP report endpoint.
SIN_CACHE_PREFIJOS = ("/gestion/", "/cuentas/", "/admin/", "/salud/", "/csp-informe/")

# --- Mail: outgoing SMTP ----------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS y EMAIL_USE_SSL no pueden estar activas a la vez.")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "INFOMIGRA <infomigra@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if DEFAULT_FROM_EMAIL.endswith("@localhost>") and not SERVICIO_CORREO.endswith("@localhost"):
    DEFAULT_FROM_EMAIL = SERVER_EMAIL = f"{SERVICIO_NOMBRE} <{SERVICIO_CORREO}>"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# With the file backend (`make run`), each mail is written to a .log file in this folder.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "correo-demo"))

# --- Internationalisation: Spanish first, English available -----------------------------------
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Español")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Named date formats per language (FECHA_HORA_LARGA); the rest are Django's own.
FORMAT_MODULE_PATH = ["infomigra.formatos"]
TIME_ZONE = "America/Lima"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    # Uploaded files (boletín PDFs). With several nodes, MEDIA_ROOT is a shared volume or this
    # backend is a shared object store installed by the deployment (e.g. django-storages).
    "default": {
        "BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Static files are ours alone: no "Access-Control-Allow-Origin: *" on them.
WHITENOISE_ALLOW_ALL_ORIGINS = False

# --- Forms: every form rendered by crispy-bootstrap5 ------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security: HTTPS, cookies, headers, Content Security Policy -------------------------------
# HTTPS is on by default whenever DEBUG is off; `make run` serves plain HTTP on loopback with
# HTTPS=0. Behind a TLS-terminating proxy set PROXY_SSL_HEADER=1: the proxy must then set
# X-Forwarded-Proto and append the client address to X-Forwarded-For.
HTTPS = env_bool("HTTPS", not DEBUG)
PROXY_SSL_HEADER = env_bool("PROXY_SSL_HEADER", False)
if PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^salud/$"]  # the health check answers plain HTTP probes
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preload lists are hard to leave: opt in only once every subdomain serves HTTPS for good.
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")  # preload left out on purpose
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Set by infomigra.seguridad.CabecerasDeSeguridadMiddleware.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        # Violations are stored (infomigra/cuentas/csp.py), rate-limited per address.
        "report-uri": ["/csp-informe/"],
    }
}
CSP_INFORMES_POR_HORA = 60

# --- Accounts: passwords, staff sessions, login throttling (django-axes), 2FA -----------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "infomigra.cuentas.claves.PalabrasDelServicioValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "gestion:inicio"
LOGOUT_REDIRECT_URL = "portal:inicio"

# Staff sessions: idle timeout refreshed on activity, and an absolute lifetime from login.
SESION_INACTIVIDAD = timedelta(minutes=env_int("SESION_INACTIVIDAD_MINUTOS", 30))
SESION_MAXIMA = timedelta(hours=env_int("SESION_MAXIMA_HORAS", 10))
SESSION_COOKIE_AGE = int(SESION_MAXIMA.total_seconds())
# The session cookie ends with the browser (the server-side lifetime above still applies).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes): 5 failures per user + address, 15-minute cool-off.
AUTHENTICATION_BACKENDS = [
    # django-axes' AxesBackend (a ModelBackend, so force_login keeps working) that also lets
    # request-less authenticate() calls through; see infomigra/seguridad.py.
    "infomigra.seguridad.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=15)  # the lockout page says 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/bloqueado.html"
AXES_CLIENT_IP_CALLABLE = "infomigra.red.direccion_cliente"
AXES_USERNAME_CALLABLE = "infomigra.seguridad.usuario_para_axes"
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # one row per failure: the per-username throttle reads it
# Guessing one account from many addresses: past this many failures in the cool-off window
# (all addresses together), each new try waits 2, 4, 8… seconds, at most the cap. The real
# user is slowed, never locked out (see infomigra/seguridad.py).
LOGIN_FALLOS_POR_USUARIO = env_int("LOGIN_FALLOS_POR_USUARIO", 10)
LOGIN_ESPERA_MAXIMA = env_int("LOGIN_ESPERA_MAXIMA", 60)  # seconds
# Login records (addresses, usernames, browsers) are kept this long; `depurar_accesos` (a
# daily timer, see docs/despliegue.md) deletes older ones.
ACCESOS_RETENCION_DIAS = env_int("ACCESOS_RETENCION_DIAS", 30)

# Two-factor authentication (TOTP): required of every staff member (every role).
OTP_TOTP_ISSUER = SERVICIO_NOMBRE
# Changing the password needs the second factor too (a stolen password alone can't take over).
# Hours an enrolment link for a first 2FA device stays valid (infomigra/cuentas/alta.py).
DOBLE_FACTOR_ENLACE_HORAS = env_int("DOBLE_FACTOR_ENLACE_HORAS", 24)
DOBLE_FACTOR_PREFIJOS = ("/gestion/", "/admin/", "/cuentas/password_change/")

# --- Logging: structured, one JSON object per line (see infomigra/registros.py) ---------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "infomigra.registros.FormateadorJSON"}},
    # A refused request (403, 404…) is logged as one line, without a traceback.
    "filters": {"sin_traza_4xx": {"()": "infomigra.registros.SinTrazaEn4xx"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes logs every successful login at INFO; lockouts and failures stay at WARNING.
        "axes": {"level": "WARNING"},
        "django.request": {"filters": ["sin_traza_4xx"]},
    },
}

# --- Remote consultations: public form, anti-abuse, mailbox (see README) ----------------------
CONSULTA_TIEMPO_MINIMO = env_int("CONSULTA_TIEMPO_MINIMO", 3)  # seconds to fill the form, at least
CONSULTA_TIEMPO_MAXIMO = env_int("CONSULTA_TIEMPO_MAXIMO", 7200)  # seconds, at most
CONSULTA_LIMITE_POR_HORA = env_int("CONSULTA_LIMITE_POR_HORA", 5)  # submissions per address
ACUSE_LIMITE_POR_DIA = env_int("ACUSE_LIMITE_POR_DIA", 3)  # acknowledgements per email address
BOLETIN_CONFIRMACIONES_POR_DIA = env_int("BOLETIN_CONFIRMACIONES_POR_DIA", 2)  # per address
CORREO_MAX_INTENTOS = env_int("CORREO_MAX_INTENTOS", 10)
CORREO_MAX_TEXTO = env_int("CORREO_MAX_TEXTO", 50_000)  # characters stored per email body
CORREO_LIMITE_POR_REMITENTE = env_int("CORREO_LIMITE_POR_REMITENTE", 5)  # new per hour
# The private follow-up link works until this many days after the thread's last message.
SEGUIMIENTO_VIGENCIA_DIAS = env_int("SEGUIMIENTO_VIGENCIA_DIAS", 180)
IMAP_TIMEOUT = env_int("IMAP_TIMEOUT", 30)  # seconds a mailbox read may wait
IMAP_HOST = env_str("IMAP_HOST", "")
IMAP_PORT = env_int("IMAP_PORT", 993)
IMAP_USER = env_str("IMAP_USER", "")
IMAP_PASSWORD = env_str("IMAP_PASSWORD", "")
IMAP_FOLDER = env_str("IMAP_FOLDER", "INBOX")
IMAP_SSL = env_bool("IMAP_SSL", True)  # True: implicit TLS (993); False: STARTTLS (143)
IMAP_CAFILE = env_str("IMAP_CAFILE", "")  # optional CA bundle to verify the IMAP server

# --- Portal visits (contenidos.visitas): counted without cookies or stored addresses ----------
VISITAS_ACTIVAS = env_bool("VISITAS_ACTIVAS", True)
VISITAS_CABECERA_PAIS = env_str("VISITAS_CABECERA_PAIS", "")  # e.g. HTTP_CF_IPCOUNTRY
VISITAS_INTERVALO = env_int("VISITAS_INTERVALO", 60)  # seconds between flushes
VISITAS_LOTE = env_int("VISITAS_LOTE", 500)  # page views between flushes

# --- Privacy and backups ----------------------------------------------------------------------
AVISO_PRIVACIDAD_VERSION = env_str("AVISO_PRIVACIDAD_VERSION", "2026-11")
# The privacy notice's facts (Ley N° 29733 and DS 016-2024-JUS), set by each deployment: the
# data bank's name and its code in the Registro Nacional de Protección de Datos Personales, the
# entity's address, the processors. Empty until known: the notice then says they are pending
# and `check --deploy` warns (cuentas/comprobaciones.py). Never a made-up value.
PRIVACIDAD_BANCO_NOMBRE = env_str("PRIVACIDAD_BANCO_NOMBRE", "")
PRIVACIDAD_BANCO_REGISTRO = env_str("PRIVACIDAD_BANCO_REGISTRO", "")
PRIVACIDAD_DIRECCION = env_str("PRIVACIDAD_DIRECCION", "")
PRIVACIDAD_ENCARGADOS = env_str("PRIVACIDAD_ENCARGADOS", "")
PRIVACIDAD_OFICIAL_CONTACTO = env_str("PRIVACIDAD_OFICIAL_CONTACTO", SERVICIO_CORREO)
# Backups: `respaldo` writes here and keeps the newest RESPALDOS_CONSERVAR files, deleting older.
RESPALDOS_DIR = Path(env_str("RESPALDOS_DIR", str(BASE_DIR / "respaldos")))
RESPALDOS_CONSERVAR = env_int("RESPALDOS_CONSERVAR", 14)
