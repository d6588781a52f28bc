from django import forms
from django.utils.translation import gettext_lazy as _

from consultas.models import Sede


def marcar_campos(form):
    """Bootstrap classes on every widget (errors are tied to fields in full_clean)."""
    for campo in form.fields.values():
        clase = "form-select" if isinstance(campo.widget, forms.Select) else "form-control"
        campo.widget.attrs.setdefault("class", clase)


class CamposAccesibles:
    def full_clean(self):
        super().full_clean()
        for nombre in self.errors:
            if nombre in self.fields:
                attrs = self.fields[nombre].widget.attrs
                attrs["class"] = attrs.get("class", "") + " is-invalid"
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{nombre}-error"


class FiltroReporteForm(CamposAccesibles, forms.Form):
    desde = forms.DateField(
        label=_("Desde"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hasta = forms.DateField(
        label=_("Hasta"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sede = forms.ModelChoiceField(
        label=_("Sede"),
        queryset=Sede.objects.all(),
        to_field_name="codigo",
        required=False,
        empty_label=_("Todas las sedes"),
    )

    def __init__(self, *args, todas_las_sedes=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not todas_las_sedes:
            del self.fields["sede"]
        marcar_campos(self)

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and desde > hasta:
            self.add_error("hasta", _("La fecha final debe ser igual o posterior a la inicial."))
        if desde and hasta and (hasta - desde).days > 366 * 5:
            self.add_error("hasta", _("El periodo no puede superar cinco años."))
        return datos


class MesForm(CamposAccesibles, forms.Form):
    mes = forms.RegexField(
        label=_("Mes"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        error_messages={"invalid": _("Indique el mes como AAAA-MM, por ejemplo 2026-03.")},
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "AAAA-MM"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        marcar_campos(self)
