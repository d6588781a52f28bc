"""The synonym form Editors use in the back office: every error names its field, in Spanish."""

import re

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from faq.models import Sinonimo
from faq.motor.texto import es_vacia, palabras

# Letters (any accent), digits, spaces, hyphens, apostrophes and full stops ("EE. UU.").
_PERMITIDOS = re.compile(r"[^\W_]|[\s'’.\-]")
MAX_PALABRAS_EXPRESION = 4  # the engine looks for terms of at most this many words in a query


def _caracteres_no_permitidos(texto: str, extra: str = "") -> str:
    malos = {c for c in texto if not (_PERMITIDOS.fullmatch(c) or c in extra)}
    return " ".join(sorted(malos))


def _forma(texto: str) -> tuple[str, ...]:
    """How the engine sees an expression: unaccented, casefolded words."""
    return tuple(palabras(texto))


class SinonimoForm(forms.ModelForm):
    class Meta:
        model = Sinonimo
        fields = ["termino", "equivalentes", "en_ambos_sentidos", "activo"]
        error_messages = {
            "termino": {
                "required": _("Término: escriba la palabra o expresión que usa la gente."),
                "max_length": _(
                    "Término: admite como máximo %(limit_value)d caracteres (tiene %(show_value)d)."
                ),
            },
            "equivalentes": {
                "required": _("Equivalentes: escriba al menos una palabra equivalente."),
                "max_length": _(
                    "Equivalentes: admite como máximo %(limit_value)d caracteres "
                    "(tiene %(show_value)d)."
                ),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # Server-side checks only: the browser's own bubbles would hide the named messages.
        for nombre in ("termino", "equivalentes"):
            self.fields[nombre].widget.attrs.pop("maxlength", None)
            self.fields[nombre].widget.attrs["autocomplete"] = "off"

    def _comprobar_expresion(self, campo, texto, extra=""):
        malos = _caracteres_no_permitidos(texto, extra)
        if malos:
            raise forms.ValidationError(
                _(
                    "%(campo)s: solo se admiten letras, números, espacios, guiones y "
                    "apóstrofos; quite «%(malos)s»."
                ),
                code="caracteres",
                params={"campo": campo, "malos": malos},
            )

    def clean_termino(self):
        termino = " ".join(self.cleaned_data["termino"].split())
        self._comprobar_expresion(_("Término"), termino)
        forma = _forma(termino)
        if not any(not es_vacia(p) for p in forma):
            raise forms.ValidationError(
                _(
                    "Término: «%(termino)s» no tiene ninguna palabra que la búsqueda use "
                    "(solo palabras como «de», «la» o «para»)."
                ),
                code="vacio",
                params={"termino": termino},
            )
        if len(forma) > MAX_PALABRAS_EXPRESION:
            raise forms.ValidationError(
                _("Término: use como máximo %(n)d palabras."),
                code="largo",
                params={"n": MAX_PALABRAS_EXPRESION},
            )
        otros = Sinonimo.objects.exclude(pk=self.instance.pk).values_list("termino", flat=True)
        if any(_forma(otro) == forma for otro in otros):
            raise forms.ValidationError(
                _(
                    "Término: ya existe un sinónimo para «%(termino)s»; búsquelo en la lista y "
                    "edítelo en lugar de crear otro."
                ),
                code="duplicado",
                params={"termino": termino},
            )
        return termino

    def clean_equivalentes(self):
        texto = self.cleaned_data["equivalentes"]
        self._comprobar_expresion(_("Equivalentes"), texto, extra=",")
        partes = [" ".join(p.split()) for p in texto.strip().strip(",").split(",")]
        if not any(partes):
            raise forms.ValidationError(
                _("Equivalentes: escriba al menos una palabra equivalente."), code="required"
            )
        if not all(partes):
            raise forms.ValidationError(
                _("Equivalentes: no deje una coma sin palabra."), code="coma"
            )
        vistas = set()
        for parte in partes:
            forma = _forma(parte)
            if not any(not es_vacia(p) for p in forma):
                raise forms.ValidationError(
                    _("Equivalentes: «%(parte)s» no tiene ninguna palabra que la búsqueda use."),
                    code="vacio",
                    params={"parte": parte},
                )
            if forma in vistas:
                raise forms.ValidationError(
                    _("Equivalentes: «%(parte)s» está repetido."),
                    code="repetido",
                    params={"parte": parte},
                )
            vistas.add(forma)
        return ", ".join(partes)

    def clean(self):
        datos = super().clean()
        termino, equivalentes = datos.get("termino"), datos.get("equivalentes")
        if termino and equivalentes:
            forma = _forma(termino)
            for parte in equivalentes.split(","):
                if _forma(parte) == forma:
                    self.add_error(
                        "equivalentes",
                        forms.ValidationError(
                            _(
                                "Equivalentes: «%(parte)s» es el mismo término; escriba otras "
                                "formas de decirlo."
                            ),
                            code="igual_al_termino",
                            params={"parte": parte.strip()},
                        ),
                    )
                    break
        return datos


class BuscarSinonimoForm(forms.Form):
    q = forms.CharField(label=_("Buscar"), required=False, max_length=100, strip=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
