from django import forms
from django.utils.translation import gettext_lazy as _

from contenidos.cache import almacen
from contenidos.models import Tema
from faq import origenes
from faq.redaccion import redactar
from infomigra.vocabulario import TipoMigrante


def _leer_temas(faltan):
    return {"activos": tuple(Tema.objects.activos().values_list("codigo", "nombre"))}


def _opciones_temas(generacion=None):
    """The active topics; with ``generacion`` (a public page's content generation) read once
    per generation and process, not on every search."""
    if generacion is None:
        temas = _leer_temas(None)["activos"]
    else:
        temas = almacen.objetos("faq-temas", ["activos"], generacion, _leer_temas)["activos"]
    return [("", _("Todos los temas")), *temas]


class FiltroForm(forms.Form):
    """Public browse/search filters (GET). Unknown codes are reported, never a 500."""

    q = forms.CharField(
        label=_("Buscar una pregunta"),
        required=False,
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    perfil = forms.ChoiceField(label=_("Perfil"), required=False)
    tema = forms.ChoiceField(label=_("Tema"), required=False)

    def __init__(self, *args, generacion=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perfil"].choices = [("", _("Todos los perfiles")), *TipoMigrante.choices]
        self.fields["tema"].choices = _opciones_temas(generacion)
        for nombre in ("perfil", "tema"):
            campo = self.fields[nombre]
            mensaje = _("%(campo)s: elija una opción de la lista.") % {"campo": campo.label}
            campo.error_messages = {**campo.error_messages, "invalid_choice": mensaje}

    def filtros(self):
        """(q, perfil, tema) with invalid values dropped (their errors show next to the field)."""
        self.is_valid()
        datos = self.cleaned_data
        return datos.get("q", ""), datos.get("perfil") or None, datos.get("tema") or None


class PropuestaForm(forms.Form):
    """A consultation proposed as an FAQ draft: the redacted texts, confirmed by the advisor.

    ``codigo`` must name a consultation the user may see (``faq.origenes``): no draft is tagged
    with another office's or a made-up code.
    """

    codigo = forms.CharField(label=_("Código de la consulta"), max_length=20)
    resumen = forms.CharField(label=_("Pregunta (resumen de la consulta)"), widget=forms.Textarea)
    respuesta = forms.CharField(label=_("Respuesta"), widget=forms.Textarea)
    tema = forms.ChoiceField(label=_("Tema"))
    perfil = forms.ChoiceField(label=_("Perfil"), required=False)

    def __init__(self, *args, usuario=None, **kwargs):
        self.usuario = usuario
        self.origen = None
        # Ids of its own (id_propuesta_…), apart from other forms' fields named alike.
        kwargs.setdefault("auto_id", "id_propuesta_%s")
        super().__init__(*args, **kwargs)
        self.fields["tema"].choices = [("", "—")] + list(
            Tema.objects.activos().values_list("codigo", "nombre")
        )
        self.fields["perfil"].choices = [("", "—"), *TipoMigrante.choices]

    def clean_codigo(self):
        codigo = self.cleaned_data["codigo"].strip()
        self.origen = origenes.origen(self.usuario, codigo)
        if self.origen is None:
            raise forms.ValidationError(
                _(
                    "No encontramos una consulta respondida con ese código "
                    "entre las que usted puede ver."
                )
            )
        return codigo

    def clean(self):
        datos = super().clean()
        nombres = self.origen["nombres"] if self.origen else ()
        for campo in ("resumen", "respuesta"):
            if datos.get(campo):
                datos[campo] = redactar(datos[campo], nombres)
        return datos
