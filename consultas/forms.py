"""Back-office forms for consultations (the list filters live in ``consultas.filtros``)."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultas.models import Consulta, Sede
from contenidos.models import Tema
from infomigra.acceso import es_responsable
from infomigra.fechas import ERROR_FECHA_HORA, FORMATOS_FECHA_HORA, FechaHoraTexto
from infomigra.limpieza import SinControlesMixin
from infomigra.vocabulario import CANALES_REMOTOS, Canal, Estado

# Version of the privacy notice shown next to the consent box.
EDAD_MAXIMA = 120


class ConsultaForm(SinControlesMixin, forms.ModelForm):
    """One screen for "Nueva atención" and for editing.

    Field order = tab order = the order of the conversation at the desk: who the person is,
    what they ask about (country, topics), the question and the answer, then the few personal
    details asked at the end. Channel, office, time and advisor come pre-filled from the
    advisor's profile and sit in one line at the top, where a wrong value is seen.
    """

    edad = forms.IntegerField(
        label=_("Edad"),
        required=False,
        validators=[
            MinValueValidator(0, _("La edad no puede ser negativa.")),
            MaxValueValidator(EDAD_MAXIMA, _("La edad debe ser como máximo 120 años.")),
        ],
        widget=forms.NumberInput(attrs={"min": 0, "max": EDAD_MAXIMA, "inputmode": "numeric"}),
    )
    temas = forms.ModelMultipleChoiceField(
        label=_("Temas"),
        required=False,
        queryset=Tema.objects.activos(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Consulta
        fields = [
            "canal",
            "sede",
            "recibida",
            "asesor",
            "tipo_migrante",
            "pais",
            "temas",
            "resumen",
            "respuesta",
            "sexo",
            "edad",
            "nacionalidad",
            "medio",
            "estado",
            "derivada_a",
            "respondida",
            "nombre",
            "email",
            "telefono",
            "consentimiento",
        ]
        widgets = {
            "tipo_migrante": forms.Select(attrs={"autofocus": True}),
            "sexo": forms.RadioSelect,
            "resumen": forms.Textarea(attrs={"rows": 3}),
            "respuesta": forms.Textarea(attrs={"rows": 3}),
            "recibida": FechaHoraTexto(),
            "respondida": FechaHoraTexto(),
        }
        error_messages = {
            "tipo_migrante": {"required": _("Elija el perfil de la persona atendida.")},
            "canal": {"required": _("Elija el canal de atención.")},
            "sede": {"required": _("Elija la sede.")},
            "recibida": {"required": _("Indique cuándo se recibió la consulta.")},
        }

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        self.usuario = usuario
        for nombre in ("recibida", "respondida"):
            self.fields[nombre].input_formats = FORMATOS_FECHA_HORA
            self.fields[nombre].error_messages["invalid"] = ERROR_FECHA_HORA
        self.fields["tipo_migrante"].label = _("Perfil")
        self.fields["tipo_migrante"].choices = [("", "—")] + list(
            self.fields["tipo_migrante"].choices
        )[1:]
        self.fields["sexo"].choices = [(c, e) for c, e in self.fields["sexo"].choices if c] + [
            ("", _("Sin dato"))
        ]
        sedes = Sede.objects.filter(activa=True)
        asesores = get_user_model().objects.filter(perfil__isnull=False, is_active=True)
        if not es_responsable(usuario):
            perfil = getattr(usuario, "perfil", None)
            sede_id = perfil.sede_id if perfil else None
            sedes = sedes.filter(id=sede_id)
            asesores = asesores.filter(perfil__sede_id=sede_id)
        self.fields["sede"].queryset = sedes
        self.fields["sede"].empty_label = None
        self.fields["asesor"].queryset = asesores.order_by("first_name", "last_name", "username")
        self.fields["asesor"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["consentimiento"].label = _(
            "La persona autoriza guardar sus datos de contacto (aviso de privacidad %(v)s)"
        ) % {"v": settings.AVISO_PRIVACIDAD_VERSION}

    def clean_recibida(self):
        recibida = self.cleaned_data["recibida"]
        if recibida and recibida > timezone.now() + dt.timedelta(minutes=5):
            raise forms.ValidationError(_("La fecha de recepción no puede estar en el futuro."))
        return recibida

    def clean(self):
        datos = super().clean()
        recibida, respondida = datos.get("recibida"), datos.get("respondida")
        if recibida and respondida and respondida < recibida:
            self.add_error(
                "respondida", _("La fecha de respuesta no puede ser anterior a la de recepción.")
            )
        contacto = any(datos.get(c) for c in ("nombre", "email", "telefono"))
        if contacto and not datos.get("consentimiento"):
            self.add_error(
                "consentimiento",
                _("Marque el consentimiento para guardar nombre, correo o teléfono."),
            )
        return datos

    def save(self, commit=True):
        consulta = super().save(commit=False)
        if consulta.estado != Estado.PENDIENTE and not consulta.respondida:
            consulta.respondida = max(timezone.now(), consulta.recibida)
        if consulta.consentimiento and not consulta.consentimiento_el:
            consulta.consentimiento_el = timezone.now()
            consulta.aviso_version = settings.AVISO_PRIVACIDAD_VERSION
        if not consulta.consentimiento:
            consulta.consentimiento_el, consulta.aviso_version = None, ""
        if commit:
            consulta.save()
            self.save_m2m()
        return consulta


def valores_iniciales(usuario):
    """Defaults for a new consultation, from the advisor's profile (never from their last
    record: a one-off channel would then stick and misfile the statistics silently)."""
    perfil = getattr(usuario, "perfil", None)
    if perfil:
        canal, sede_id = perfil.canal, perfil.sede_id
    else:
        canal, sede_id = Canal.PRESENCIAL, Sede.objects.filter(activa=True).values("id").first()
        sede_id = sede_id["id"] if sede_id else None
    return {
        "canal": canal,
        "sede": sede_id,
        "nacionalidad": "PE",
        "recibida": timezone.localtime().replace(second=0, microsecond=0),
        "estado": Estado.PENDIENTE if canal in CANALES_REMOTOS else Estado.CERRADA,
        "asesor": usuario.pk if perfil else None,
    }


class ImportarForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo CSV"),
        help_text=_("UTF-8, separado por comas, con la fila de cabecera del formato de consultas."),
    )
    simulacro = forms.BooleanField(
        label=_("Solo validar (no importar nada)"), required=False, initial=False
    )
