"""Date fields typed as text in one fixed format (dd/mm/aaaa), whatever the browser's locale.

``<input type="date">`` shows mm/dd/yyyy in an English browser and yyyy-mm-dd in others: staff
typing dates from paper forms get them wrong. These fields always show and read day/month/year;
ISO dates (links, bookmarks, the command line) are still accepted.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

FORMATO_FECHA = "%d/%m/%Y"
FORMATO_FECHA_HORA = "%d/%m/%Y %H:%M"
FORMATOS_FECHA = [FORMATO_FECHA, "%Y-%m-%d"]
ERROR_FECHA = _("Escriba la fecha como dd/mm/aaaa, por ejemplo 05/03/2026.")
ERROR_FECHA_HORA = _("Escriba la fecha y hora como dd/mm/aaaa hh:mm, por ejemplo 05/03/2026 09:30.")
FORMATOS_FECHA_HORA = [
    FORMATO_FECHA_HORA,
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
]


class FechaTexto(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None):
        base = {"placeholder": _("dd/mm/aaaa"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format=FORMATO_FECHA)


class FechaHoraTexto(forms.DateTimeInput):
    input_type = "text"

    def __init__(self, attrs=None):
        base = {"placeholder": _("dd/mm/aaaa hh:mm"), "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format=FORMATO_FECHA_HORA)


def campo_fecha(etiqueta, required=False, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=etiqueta,
        required=required,
        input_formats=FORMATOS_FECHA,
        widget=FechaTexto(),
        error_messages={"invalid": ERROR_FECHA},
        **kwargs,
    )
