"""List filters shared by the list page, the CSV download and ``exportar_consultas``."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from consultas.models import Consulta, Sede
from contenidos.models import Tema
from faq.motor.palabras import filtrar_palabras
from infomigra.acceso import es_responsable
from infomigra.fechas import campo_fecha
from infomigra.vocabulario import SIN_DATO, Canal, Estado, Sexo, TipoMigrante

CODIGO_RE = re.compile(r"^C-\d{4}-\d{6}$", re.IGNORECASE)


TODOS = _("Todos")


def _con_todas(opciones):
    return [("", TODOS), *opciones]


class FiltroConsultasForm(forms.Form):
    """GET form of the list; every field optional. ``filtrar`` applies the valid values."""

    q = forms.CharField(label=_("Buscar"), required=False, max_length=200)
    desde = campo_fecha(_("Desde"))
    hasta = campo_fecha(_("Hasta"))
    canal = forms.ChoiceField(label=_("Canal"), required=False, choices=_con_todas(Canal.choices))
    sede = forms.ModelChoiceField(
        label=_("Sede"),
        required=False,
        queryset=Sede.objects.all(),
        to_field_name="codigo",
        empty_label=_("Todas"),
    )
    tipo_migrante = forms.ChoiceField(
        label=_("Perfil"), required=False, choices=_con_todas(TipoMigrante.choices)
    )
    sexo = forms.ChoiceField(
        label=_("Sexo"),
        required=False,
        choices=_con_todas([(c, e) for c, e in Sexo.choices if c] + [(SIN_DATO, _("Sin dato"))]),
    )
    tema = forms.ModelChoiceField(
        label=_("Tema"),
        required=False,
        queryset=Tema.objects.all(),
        to_field_name="codigo",
        empty_label=_("Todos"),
    )
    estado = forms.ChoiceField(
        label=_("Estado"), required=False, choices=_con_todas(Estado.choices)
    )
    asesor = forms.ModelChoiceField(
        label=_("Asesor"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("Todos"),
    )

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        asesores = get_user_model().objects.filter(perfil__isnull=False, is_active=True)
        if usuario is not None and not es_responsable(usuario):
            perfil = getattr(usuario, "perfil", None)
            sede_id = perfil.sede_id if perfil else None
            asesores = asesores.filter(perfil__sede_id=sede_id)
            self.fields["sede"].queryset = Sede.objects.filter(id=sede_id)
        self.fields["asesor"].queryset = asesores.order_by("first_name", "last_name", "username")
        self.fields["asesor"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and desde > hasta:
            self.add_error("hasta", _("«Hasta» debe ser igual o posterior a «Desde»."))
        return datos

    def filtros(self):
        """The valid, non-empty filter values (empty when the form is invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


def filtrar(qs, filtros):
    """Apply a dict of filter values (as from ``FiltroConsultasForm.filtros``) to ``qs``."""
    if filtros.get("desde"):
        qs = qs.filter(fecha__gte=filtros["desde"])
    if filtros.get("hasta"):
        qs = qs.filter(fecha__lte=filtros["hasta"])
    for campo in ("canal", "sede", "tipo_migrante", "estado", "asesor"):
        if filtros.get(campo):
            qs = qs.filter(**{campo: filtros[campo]})
    sexo = filtros.get("sexo")
    if sexo:
        qs = qs.filter(sexo="" if sexo == SIN_DATO else sexo)
    if filtros.get("tema"):
        qs = qs.filter(temas=filtros["tema"])
    texto = (filtros.get("q") or "").strip()
    if texto:
        if CODIGO_RE.match(texto):
            qs = qs.filter(codigo=texto.upper())
        else:
            qs = filtrar_palabras(qs, texto, ("resumen", "respuesta", "codigo"))
    return qs


def consultas_filtradas(usuario, filtros):
    """What ``usuario`` may see, filtered; newest first."""
    return filtrar(Consulta.objects.visibles_para(usuario), filtros).order_by("-recibida", "-id")
