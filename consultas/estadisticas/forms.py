from django import forms
from django.utils.translation import gettext_lazy as _

from consultas.models import Sede
from infomigra.fechas import campo_fecha


class FiltroReporteForm(forms.Form):
    desde = campo_fecha(_("Desde"), required=True)
    hasta = campo_fecha(_("Hasta"), required=True)
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

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and desde > hasta:
            self.add_error("hasta", _("La fecha final debe ser igual o posterior a la inicial."))
        if desde and hasta and (hasta - desde).days > 366 * 5:
            self.add_error("hasta", _("El periodo no puede superar cinco años."))
        return datos


class MesForm(forms.Form):
    mes = forms.RegexField(
        label=_("Mes"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        error_messages={"invalid": _("Indique el mes como AAAA-MM, por ejemplo 2026-03.")},
        # Plain text, not type="month": the same AAAA-MM in every browser and locale.
        widget=forms.TextInput(
            attrs={"placeholder": "AAAA-MM", "inputmode": "numeric", "autocomplete": "off"}
        ),
    )
