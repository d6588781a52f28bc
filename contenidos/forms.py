from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from contenidos.models import Institucion, Tema
from infomigra.limpieza import SinControlesMixin
from infomigra.vocabulario import perfiles_publicos


class SuscripcionForm(SinControlesMixin, forms.Form):
    email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        error_messages={
            "required": _("Correo electrónico: escriba su correo."),
            "invalid": _("Correo electrónico: escriba un correo válido, como nombre@ejemplo.pe."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Codes checked against the list in memory (no query with what was posted), then the rows.
    temas = forms.MultipleChoiceField(
        label=_("Temas"),
        help_text=_("Si no marca ninguno, recibirá todas las ediciones."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Temas: elija temas de la lista.")},
    )
    # Honeypot: hidden from people by CSS (class oculto-humanos); bots fill it.
    sitio_web = forms.CharField(label=_("No llene este campo"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["temas"].choices = [(t.codigo, t.etiqueta) for t in Tema.objects.activos()]

    def clean_temas(self):
        return list(Tema.objects.filter(codigo__in=self.cleaned_data["temas"]))


class BorrarSuscripcionForm(forms.Form):
    """The subscriber's own deletion of the subscription with its data: confirmed by a tick."""

    confirmar = forms.BooleanField(
        label=_("Confirmo que se borren mi suscripción y mis datos"),
        error_messages={"required": _("Marque la confirmación para borrar sus datos.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s-borrado")
        super().__init__(*args, **kwargs)


class FiltroBoletinesForm(forms.Form):
    """The editions list filtered by topic (GET); an unknown code is reported, never a 500."""

    tema = forms.ChoiceField(
        label=_("Tema"),
        required=False,
        error_messages={"invalid_choice": _("Tema: elija un tema de la lista.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        temas = [(t.codigo, t.etiqueta) for t in Tema.objects.activos()]
        self.fields["tema"].choices = [("", _("Todos los temas"))] + temas


class FiltroInstitucionesForm(forms.Form):
    pais = forms.ChoiceField(label=_("País"), required=False)
    perfil = forms.ChoiceField(
        label=_("Su situación"),
        required=False,
        choices=lambda: [("", _("Todas"))] + perfiles_publicos(),
        error_messages={"invalid_choice": _("Su situación: elija una opción de la lista.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codigos = Institucion.objects.publicados().values_list("pais", flat=True).distinct()
        opciones = sorted(((c, countries.name(c)) for c in set(codigos)), key=lambda x: x[1])
        self.fields["pais"].choices = [("", _("Todos"))] + opciones
        self.fields["pais"].error_messages["invalid_choice"] = _("País: elija un país de la lista.")
