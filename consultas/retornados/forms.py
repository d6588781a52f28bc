from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from consultas.models import Sede
from consultas.retornados.models import Derivacion, EstadoDerivacion, Resultado, Retornado
from contenidos.models import Institucion
from infomigra.acceso import es_responsable
from infomigra.limpieza import SinControlesMixin


class RetornadoForm(forms.ModelForm):
    class Meta:
        model = Retornado
        fields = [
            "nombre",
            "email",
            "telefono",
            "sexo",
            "edad",
            "pais_retorno",
            "idioma",
            "inscrito_el",
            "sede",
            "necesidades",
            "notas",
        ]
        widgets = {
            "inscrito_el": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notas": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sede"].queryset = Sede.objects.filter(activa=True)
        self.fields["edad"].validators.append(self._edad_valida)
        # Without a choice (an older form, a script) the mails stay in the default language.
        self.fields["idioma"].required = False
        self.sede_fija = None
        if self.instance.pk:
            # The check-ins are planned from the enrolment date; it does not change afterwards.
            del self.fields["inscrito_el"]
        if usuario is not None and not es_responsable(usuario):
            del self.fields["sede"]
            self.sede_fija = usuario.perfil.sede

    def clean_idioma(self):
        return self.cleaned_data.get("idioma") or settings.LANGUAGE_CODE

    @staticmethod
    def _edad_valida(valor):
        if valor is not None and valor > 120:
            raise forms.ValidationError(_("Indique una edad entre 0 y 120 años."))

    def _post_clean(self):
        if self.sede_fija is not None:
            self.instance.sede = self.sede_fija
        super()._post_clean()


class DerivacionForm(forms.ModelForm):
    class Meta:
        model = Derivacion
        fields = ["necesidad", "institucion", "otra_institucion", "estado"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institucion"].queryset = Institucion.objects.publicados().order_by(
            "pais", "titulo"
        )

    def clean(self):
        datos = super().clean()
        if not datos.get("institucion") and not datos.get("otra_institucion"):
            raise forms.ValidationError(
                _("Elija una institución del directorio o escriba el nombre de otra.")
            )
        return datos


class EstadoDerivacionForm(forms.Form):
    estado = forms.ChoiceField(label=_("Estado"), choices=EstadoDerivacion.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Inline in each derivation's row: small, its label for screen readers only.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_class = "visually-hidden"
        self.helper.layout = Layout(Field("estado", css_class="form-select-sm"))


class ResultadoForm(SinControlesMixin, forms.Form):
    resultado = forms.ChoiceField(
        label=_("Situación actual"), choices=Resultado.choices, widget=forms.RadioSelect
    )
    comentario = forms.CharField(
        label=_("Comentario (opcional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ControlPublicoForm(SinControlesMixin, forms.Form):
    """What the returnee answers through the private link (no "unreachable" option)."""

    resultado = forms.ChoiceField(
        label=_("¿Cuál es su situación hoy?"),
        choices=[c for c in Resultado.choices if c[0] != Resultado.SIN_CONTACTO],
        widget=forms.RadioSelect,
        error_messages={"required": _("Elija la opción que mejor describe su situación.")},
    )
    comentario = forms.CharField(
        label=_("¿Algo más que quiera contarnos o en lo que podamos ayudarle? (opcional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
