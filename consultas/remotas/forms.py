"""Forms of remote consultations: the public form (with its spam traps), replies, answers."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from consultas.models import Consulta
from contenidos.models import Tema
from infomigra.limpieza import SinControlesMixin
from infomigra.vocabulario import Sexo, perfiles_publicos

SAL_MARCA = "consultas.formulario.marca"
ERROR_TRAMPA = _(
    "No pudimos aceptar el envío porque se llenó un campo que debe quedar vacío. Si usted es "
    "una persona, vuelva a cargar la página y envíe su consulta de nuevo."
)
ERROR_RAPIDO = _(
    "El formulario se envió demasiado rápido. Revise sus datos, espere unos segundos y vuelva "
    "a enviarlo."
)
ERROR_CADUCADO = _(
    "El formulario estuvo abierto demasiado tiempo y caducó. Conservamos lo que escribió: "
    "revíselo y envíelo de nuevo."
)
ERROR_MARCA = _(
    "No pudimos validar el formulario (falta o fue alterado un dato de control). Vuelva a "
    "cargar la página y envíe su consulta de nuevo."
)


def nueva_marca() -> str:
    """A signed timestamp of when the form was shown."""
    return signing.dumps(time.time(), salt=SAL_MARCA)


class ConsultaWebForm(SinControlesMixin, forms.Form):
    tipo_migrante = forms.ChoiceField(
        label=_("¿Cuál es su situación?"),
        choices=lambda: [("", _("Elija una opción"))] + perfiles_publicos(),
    )
    pais = Consulta._meta.get_field("pais").formfield(
        label=_("País de interés"),
        empty_label=_("Elija un país"),
        required=True,
        help_text=_("El país al que quiere ir, donde vive o del que viene."),
    )
    tema = forms.ModelChoiceField(
        label=_("Tema"), queryset=Tema.objects.none(), empty_label=_("Elija un tema")
    )
    pregunta = forms.CharField(
        label=_("Su consulta"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Cuéntenos su caso con el mayor detalle posible (máximo 5000 caracteres)."),
    )
    email = forms.EmailField(
        label=_("Correo electrónico"),
        help_text=_("Le enviaremos la respuesta y un enlace privado para seguir su consulta."),
    )
    nombre = forms.CharField(label=_("Nombre (opcional)"), max_length=150, required=False)
    telefono = forms.CharField(label=_("Teléfono (opcional)"), max_length=40, required=False)
    edad = forms.IntegerField(
        label=_("Edad (opcional)"),
        min_value=0,
        max_value=120,
        required=False,
        help_text=_("Solo para estadísticas del servicio; no cambia la respuesta."),
    )
    sexo = forms.ChoiceField(
        label=_("Sexo (opcional)"),
        choices=[("", _("Prefiero no decirlo"))]
        + [c for c in Sexo.choices if c[0] != Sexo.SIN_DATO],
        required=False,
        help_text=_("Solo para estadísticas del servicio; no cambia la respuesta."),
    )
    consentimiento = forms.BooleanField(
        label=_("He leído el aviso de privacidad y acepto el tratamiento de mis datos personales."),
        error_messages={
            "required": _("Para enviar la consulta debe aceptar el aviso de privacidad.")
        },
    )
    # Honeypot: hidden from people by a CSS class; robots fill it in.
    sitio_web = forms.CharField(
        label=_("No llenes este campo"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    marca = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tema"].queryset = Tema.objects.activos()
        # The label links to the full notice (the error summary shows it without tags).
        texto = _(
            'He leído el <a href="%(url_privacidad)s">aviso de privacidad</a> y acepto el '
            "tratamiento de mis datos personales para atender mi consulta."
        ) % {"url_privacidad": escape(reverse("portal:privacidad"))}
        self.fields["consentimiento"].label = mark_safe(texto)  # noqa: S308 (catalogue text)
        self.motivo_rechazo = ""

    def _rechazar(self, motivo: str, mensaje) -> None:
        self.motivo_rechazo = motivo
        raise forms.ValidationError(mensaje, code=motivo)

    def clean(self):
        datos = super().clean()
        if datos.get("sitio_web"):
            self._rechazar("trampa", ERROR_TRAMPA)
        try:
            mostrado = signing.loads(
                datos.get("marca") or "",
                salt=SAL_MARCA,
                max_age=settings.CONSULTA_TIEMPO_MAXIMO,
            )
            transcurrido = time.time() - float(mostrado)
        except signing.SignatureExpired:
            self._rechazar("caducado", ERROR_CADUCADO)
        except (signing.BadSignature, TypeError, ValueError):
            self._rechazar("marca", ERROR_MARCA)
        if transcurrido > settings.CONSULTA_TIEMPO_MAXIMO:
            self._rechazar("caducado", ERROR_CADUCADO)
        if transcurrido < settings.CONSULTA_TIEMPO_MINIMO:
            self._rechazar("rapido", ERROR_RAPIDO)
        return datos


class SeguimientoForm(SinControlesMixin, forms.Form):
    texto = forms.CharField(
        label=_("Escriba su mensaje"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Su mensaje se suma a esta consulta y lo verá el equipo que le atiende."),
    )


class CorreoForm(SinControlesMixin, forms.Form):
    email = forms.EmailField(
        label=_("Correo electrónico correcto"),
        help_text=_("Le enviaremos allí la respuesta y de nuevo el enlace a esta página."),
    )


class RespuestaForm(SinControlesMixin, forms.Form):
    respuesta = forms.CharField(
        label=_("Respuesta"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Se enviará por correo a la persona y quedará en el hilo de la consulta."),
    )
