from django import forms
from django.utils.translation import gettext_lazy as _

from consultas.models import Sede
from consultas.socios.models import Socio
from infomigra.acceso import es_responsable


class SocioForm(forms.ModelForm):
    sitio_web = forms.URLField(label=_("sitio web"), required=False, assume_scheme="https")

    class Meta:
        model = Socio
        fields = [
            "codigo",
            "nombre",
            "tipo",
            "pais",
            "sede",
            "sitio_web",
            "contacto_nombre",
            "contacto_email",
            "activo",
        ]

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sede"].queryset = Sede.objects.filter(activa=True)
        self.sede_fija = None
        if usuario is not None and not es_responsable(usuario):
            del self.fields["sede"]
            self.sede_fija = usuario.perfil.sede

    def clean_codigo(self):
        return self.cleaned_data["codigo"].strip().upper()

    def _post_clean(self):
        if self.sede_fija is not None:
            self.instance.sede = self.sede_fija
        super()._post_clean()
