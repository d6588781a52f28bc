from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultas.models import Sede
from consultas.talleres.models import Publico, Taller
from infomigra.acceso import es_responsable
from infomigra.limpieza import SinControlesMixin
from infomigra.vocabulario import Region, Sexo, TipoMigrante


class TallerForm(forms.ModelForm):
    enlace_en_linea = forms.URLField(
        label=_("enlace de la sesión en línea"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Taller
        fields = [
            "titulo",
            "descripcion",
            "publico",
            "inicio",
            "duracion",
            "sede",
            "region",
            "en_la_sede",
            "direccion",
            "enlace_en_linea",
            "capacidad",
            "idioma",
            "publicado",
        ]
        widgets = {
            "inicio": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "descripcion": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inicio"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["sede"].queryset = Sede.objects.filter(activa=True)
        if usuario is not None and not es_responsable(usuario):
            # An Asesor organises events of their own office only.
            del self.fields["sede"]
            self.sede_fija = usuario.perfil.sede
        else:
            self.sede_fija = None

    def clean_inicio(self):
        inicio = self.cleaned_data["inicio"]
        if self.instance.pk is None and inicio < timezone.now():
            raise forms.ValidationError(
                _("La fecha de un taller nuevo no puede estar en el pasado.")
            )
        return inicio

    def save(self, commit=True):
        if self.sede_fija is not None:
            self.instance.sede = self.sede_fija
        return super().save(commit)

    def _post_clean(self):
        if self.sede_fija is not None:
            self.instance.sede = self.sede_fija
        super()._post_clean()


class FiltroTalleresForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Región"), required=False, choices=[("", _("Todas"))] + list(Region.choices)
    )
    publico = forms.ChoiceField(
        label=_("Dirigido a"), required=False, choices=[("", _("Todos"))] + list(Publico.choices)
    )


class InscripcionForm(SinControlesMixin, forms.Form):
    nombre = forms.CharField(label=_("Nombre y apellidos"), max_length=150)
    email = forms.EmailField(
        label=_("Correo electrónico"),
        help_text=_("Le enviaremos un enlace para confirmar su inscripción."),
    )
    telefono = forms.CharField(label=_("Teléfono (opcional)"), max_length=40, required=False)
    tipo_migrante = forms.ChoiceField(
        label=_("Su situación (opcional)"),
        choices=[("", _("Prefiero no decirlo"))] + list(TipoMigrante.choices),
        required=False,
    )
    sexo = forms.ChoiceField(
        label=_("Sexo (opcional)"),
        choices=[("", _("Prefiero no decirlo"))]
        + [c for c in Sexo.choices if c[0] != Sexo.SIN_DATO],
        required=False,
    )
    edad = forms.IntegerField(
        label=_("Edad (opcional)"), min_value=0, max_value=120, required=False
    )
    consentimiento = forms.BooleanField(
        label=_("He leído el aviso de privacidad y acepto el tratamiento de mis datos personales."),
        error_messages={"required": _("Para inscribirse debe aceptar el aviso de privacidad.")},
    )
    # Honeypot: hidden from people by a CSS class; robots fill it in.
    sitio_web = forms.CharField(
        label=_("No llene este campo"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
