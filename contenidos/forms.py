from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from contenidos.models import Institucion
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
    perfiles = forms.MultipleChoiceField(
        label=_("Ediciones para su situación"),
        help_text=_("Si no marca ninguna, recibirá todas las ediciones."),
        choices=perfiles_publicos,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Honeypot: hidden from people by CSS (class oculto-humanos); bots fill it.
    sitio_web = forms.CharField(label=_("No llene este campo"), required=False)


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
