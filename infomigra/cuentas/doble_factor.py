"""Two-factor authentication (TOTP, django-otp): setup, verification and its enforcement.

Every staff member must (Asesors handle personal data too): a user with a role, or staff, without
a confirmed device is sent to the setup page before any back-office page. A user with a
confirmed device verifies a code after each login.
"""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from infomigra.acceso import tiene_algun_permiso
from infomigra.cuentas import alta, codigos_respaldo

NOMBRE_DISPOSITIVO = "app"
CODIGO_INCORRECTO = gettext_lazy("El código no es correcto o ya venció. Pruebe con el siguiente.")
# django-otp doubles the wait after each wrong code (1 s, 2 s, 4 s…).
DEMASIADOS_INTENTOS = gettext_lazy(
    "Hubo códigos incorrectos: espere unos segundos antes de volver a intentarlo."
)


def requiere_doble_factor(usuario) -> bool:
    return usuario.is_staff or usuario.is_superuser or tiene_algun_permiso(usuario)


class DobleFactorMiddleware:
    """Send unverified staff to verification (or to setup, when 2FA is required of them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usuario = getattr(request, "user", None)
        if (
            usuario is not None
            and request.path.startswith(tuple(settings.DOBLE_FACTOR_PREFIJOS))
            and usuario.is_authenticated
            and not usuario.is_verified()
        ):
            if user_has_device(usuario):
                return _a(request, "doble_factor_verificar")
            if requiere_doble_factor(usuario):
                return _a(request, "doble_factor_configurar")
        return self.get_response(request)


def _a(request, nombre):
    return redirect(f"{reverse(nombre)}?{_parametro_next(request.get_full_path())}")


def _parametro_next(ruta):
    return urlencode({"next": ruta})


def _destino(request):
    siguiente = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        siguiente, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return siguiente
    return reverse("gestion:inicio")


class CodigoForm(forms.Form):
    codigo = forms.CharField(
        label=gettext_lazy("Código de 6 dígitos"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
        error_messages={
            "required": gettext_lazy("Escriba el código que muestra su aplicación."),
            "min_length": gettext_lazy("El código tiene 6 dígitos."),
            "max_length": gettext_lazy("El código tiene 6 dígitos."),
        },
    )

    def clean_codigo(self):
        codigo = self.cleaned_data["codigo"].strip()
        if not codigo.isdigit():
            raise forms.ValidationError(_("El código tiene solo dígitos."))
        return codigo


class VerificacionForm(CodigoForm):
    """The app's 6-digit code, or one of the backup codes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campo = self.fields["codigo"]
        campo.label = gettext_lazy("Código de 6 dígitos o código de respaldo")
        campo.max_length = 20
        campo.validators = []
        for atributo in ("pattern", "inputmode", "minlength"):
            campo.widget.attrs.pop(atributo, None)
        campo.widget.attrs.update(
            {"maxlength": "20", "spellcheck": "false", "autocapitalize": "off"}
        )

    def clean_codigo(self):
        codigo = self.cleaned_data["codigo"].strip()
        if codigos_respaldo.parece_codigo(codigo):
            return codigos_respaldo.normalizar(codigo)
        if len(codigo) != 6:
            raise forms.ValidationError(
                _("El código tiene 6 dígitos; un código de respaldo, 8 letras y números.")
            )
        return super().clean_codigo()


@login_required
@require_http_methods(["GET", "POST"])
def configurar(request):
    """Show the QR code and secret of a new TOTP device; confirm it with a first code."""
    usuario = request.user
    if user_has_device(usuario):
        return render(
            request,
            "registration/doble_factor_configurar.html",
            {
                "activado": True,
                "verificado": usuario.is_verified(),
                "restantes": codigos_respaldo.restantes(usuario),
            },
        )
    if not alta.autorizada(request):
        # The password alone never enrols the first device: it needs the one-time link.
        return alta.pagina_sin_enlace(request)
    dispositivo = TOTPDevice.objects.filter(user=usuario, confirmed=False).first()
    if dispositivo is None:
        dispositivo = TOTPDevice.objects.create(
            user=usuario, name=NOMBRE_DISPOSITIVO, confirmed=False
        )
    form = CodigoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not dispositivo.verify_is_allowed()[0]:
            form.add_error("codigo", DEMASIADOS_INTENTOS)
        elif dispositivo.verify_token(form.cleaned_data["codigo"]):
            dispositivo.confirmed = True
            dispositivo.save(update_fields=["confirmed"])
            otp_login(request, dispositivo)
            alta.terminar(request)
            codigos_respaldo.generar_para_mostrar(request)
            return redirect(
                f"{reverse('doble_factor_respaldo')}?{_parametro_next(_destino(request))}"
            )
        else:
            form.add_error("codigo", CODIGO_INCORRECTO)
    qr = segno.make(dispositivo.config_url, error="m")
    contexto = {
        "form": form,
        "qr_svg": qr.svg_inline(
            scale=5, border=4, light="#fff", title=_("Código QR para su aplicación")
        ),
        "secreto": b32encode(dispositivo.bin_key).decode(),
        "uri": dispositivo.config_url,
        "next": _destino(request),
        "obligatorio": requiere_doble_factor(usuario),
    }
    return render(request, "registration/doble_factor_configurar.html", contexto)


@login_required
@require_http_methods(["GET", "POST"])
def verificar(request):
    """Ask for the current code of a confirmed device and mark the session as verified."""
    if not user_has_device(request.user):
        destino = _parametro_next(_destino(request))
        return redirect(f"{reverse('doble_factor_configurar')}?{destino}")
    form = VerificacionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dispositivos = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        if codigos_respaldo.parece_codigo(form.cleaned_data["codigo"]):
            dispositivos = codigos_respaldo.dispositivos(request.user)
        if dispositivos and not any(d.verify_is_allowed()[0] for d in dispositivos):
            form.add_error("codigo", DEMASIADOS_INTENTOS)
        else:
            for dispositivo in dispositivos:
                if dispositivo.verify_token(form.cleaned_data["codigo"]):
                    otp_login(request, dispositivo)
                    return redirect(_destino(request))
            form.add_error("codigo", CODIGO_INCORRECTO)
    contexto = {"form": form, "next": _destino(request)}
    return render(request, "registration/doble_factor_verificar.html", contexto)
