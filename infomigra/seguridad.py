"""Security middlewares: extra response headers, no-store back office, staff session lifetime."""

import math
import time

from axes.backends import AxesBackend as _AxesBackend
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Count, Max
from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

CLAVE_INICIO = "sesion_inicio"
CLAVE_ACTIVIDAD = "sesion_actividad"
# Refresh the activity stamp at most once a minute to avoid a session write per request.
REFRESCO_SEGUNDOS = 60


def usuario_para_axes(request, credentials=None) -> str | None:
    """The username django-axes records, cut to its 255-character column (a longer one, which
    the login form lets through to authenticate(), made PostgreSQL refuse the insert: 500)."""
    if credentials:
        usuario = credentials.get("username")
    else:
        usuario = getattr(request, "POST", {}).get("username")
    return usuario[:255] if isinstance(usuario, str) else usuario


class CabecerasDeSeguridadMiddleware:
    """Permissions-Policy, Cross-Origin-Resource-Policy and no-store on private areas."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        respuesta = self.get_response(request)
        politica = getattr(settings, "PERMISSIONS_POLICY", "")
        if politica:
            respuesta.headers.setdefault("Permissions-Policy", politica)
        corp = getattr(settings, "CROSS_ORIGIN_RESOURCE_POLICY", "")
        if corp:
            respuesta.headers.setdefault("Cross-Origin-Resource-Policy", corp)
        if request.path.startswith(tuple(getattr(settings, "SIN_CACHE_PREFIJOS", ()))):
            add_never_cache_headers(respuesta)
        return respuesta


class RechazarNulosMiddleware:
    """Answer 400 to a query string carrying NUL characters.

    No text column can store NUL (PostgreSQL refuses it) and no legitimate link carries one;
    form fields are guarded by Django's own validators.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in clave or any("\x00" in v for v in valores)
            for clave, valores in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                _("La dirección contiene caracteres no válidos."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class DuracionDeSesionMiddleware:
    """Log staff out after an idle period and after an absolute lifetime since login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usuario = getattr(request, "user", None)
        if usuario is not None and usuario.is_authenticated:
            self._controlar(request)
        return self.get_response(request)

    def _controlar(self, request):
        sesion = request.session
        ahora = time.time()
        inicio = sesion.get(CLAVE_INICIO)
        actividad = sesion.get(CLAVE_ACTIVIDAD)
        if inicio is None or actividad is None:
            sesion[CLAVE_INICIO] = inicio or ahora
            sesion[CLAVE_ACTIVIDAD] = ahora
            return
        if ahora - inicio > settings.SESION_MAXIMA.total_seconds():
            self._cerrar(request, _("Su sesión alcanzó su duración máxima. Ingrese de nuevo."))
        elif ahora - actividad > settings.SESION_INACTIVIDAD.total_seconds():
            self._cerrar(request, _("Su sesión se cerró por inactividad. Ingrese de nuevo."))
        elif ahora - actividad > REFRESCO_SEGUNDOS:
            sesion[CLAVE_ACTIVIDAD] = ahora

    @staticmethod
    def _cerrar(request, mensaje):
        logout(request)
        messages.warning(request, mensaje)


def marcar_inicio_de_sesion(sender, request, user, **kwargs):
    """Stamp the login time (connected to ``user_logged_in``)."""
    if request is not None and hasattr(request, "session"):
        ahora = time.time()
        request.session[CLAVE_INICIO] = ahora
        request.session[CLAVE_ACTIVIDAD] = ahora


class AxesBackend(_AxesBackend):
    """django-axes throttling for logins over HTTP.

    ``authenticate()`` without a request (the test client's ``login()``, the shell) cannot come
    from a web client, so there is nothing to throttle: it passes to the next backend instead of
    failing as the stock backend does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class FormularioIngreso(AuthenticationForm):
    """Django's login form, with the username's length actually validated.

    ``AuthenticationForm`` sets ``max_length`` after the field is built, so no validator checks
    it: an over-long name would reach ``authenticate()`` and django-axes' log (a 500 on
    PostgreSQL, whose column is varchar(255)).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campo = self.fields["username"]
        campo.validators.append(MaxLengthValidator(campo.max_length or 150))
        campo.label = _("Usuario")
        self.fields["password"].label = _("Contraseña")

    def clean(self):
        usuario = self.cleaned_data.get("username")
        if usuario:
            espera = espera_por_usuario(usuario[:255])
            if espera:
                raise ValidationError(
                    _(
                        "Hubo muchos intentos fallidos con este usuario. Espere %(s)d segundos "
                        "y vuelva a intentarlo."
                    )
                    % {"s": espera},
                    code="espera",
                )
        return super().clean()


def espera_por_usuario(usuario: str) -> int:
    """Seconds ``usuario`` must still wait before the next try, counting the failures of every
    address in the cool-off window (django-axes' failure log); 0 when it may try now."""
    from axes.models import AccessFailureLog

    ahora = timezone.now()
    fallos = AccessFailureLog.objects.filter(
        username=usuario, attempt_time__gte=ahora - settings.AXES_COOLOFF_TIME
    ).aggregate(total=Count("id"), ultimo=Max("attempt_time"))
    exceso = fallos["total"] - settings.LOGIN_FALLOS_POR_USUARIO
    if exceso <= 0:
        return 0
    espera = min(2**exceso, settings.LOGIN_ESPERA_MAXIMA)
    return max(0, math.ceil(espera - (ahora - fallos["ultimo"]).total_seconds()))
