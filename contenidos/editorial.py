"""What the editor workspace (/gestion/contenidos/) can edit: one entry per kind of content.

Portal content registers itself below; the FAQ app adds its entries from its
``AppConfig.ready`` (``contenidos`` can't import ``faq``). Each entry says which fields the
form shows, which one holds the Markdown (edited in a large box with a server-rendered
preview), which boolean publishes it, and the heading level its Markdown starts at.
"""

from dataclasses import dataclass

from django import forms
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from contenidos.models import Alerta, Guia, PaisGuia, Video
from infomigra.fechas import campo_fecha
from infomigra.texto import markdown_a_html

# Review dates shown in the lists and edited in the form when the model has them.
CAMPOS_REVISION = ("revisado_el", "revisar_antes_de")
FILAS_MARKDOWN = 30


@dataclass
class TipoEditable:
    clave: str  # URL segment: /gestion/contenidos/<clave>/
    modelo: type[models.Model]
    titulo: str
    campos: list[str]
    orden: int = 0
    campo_titulo: str = "titulo"
    campo_markdown: str = "cuerpo"
    campo_publicado: str = "publicado"
    # Highest heading level the Markdown may use on its page (as the model renders it).
    nivel_titulos: int = 2

    def a_html(self, texto: str) -> str:
        return markdown_a_html(texto, nivel=self.nivel_titulos)[0]

    @property
    def etiqueta_app(self) -> str:
        return f"{self.modelo._meta.app_label}.{{}}_{self.modelo._meta.model_name}"

    def permiso(self, accion: str) -> str:
        return self.etiqueta_app.format(accion)

    def campos_revision(self) -> list[str]:
        nombres = {f.name for f in self.modelo._meta.get_fields()}
        return [c for c in CAMPOS_REVISION if c in nombres]

    def formulario(self) -> type[forms.ModelForm]:
        campos = [*self.campos, *(c for c in self.campos_revision() if c not in self.campos)]

        def campo_de(campo_modelo, **kwargs):
            if isinstance(campo_modelo, models.DateField) and not isinstance(
                campo_modelo, models.DateTimeField
            ):
                return campo_fecha(campo_modelo.verbose_name.capitalize(), not campo_modelo.blank)
            return campo_modelo.formfield(**kwargs)

        grande = forms.Textarea(attrs={"rows": FILAS_MARKDOWN, "class": "editor-markdown"})
        return forms.modelform_factory(
            self.modelo,
            fields=campos,
            widgets={self.campo_markdown: grande},
            formfield_callback=campo_de,
        )


TIPOS: dict[str, TipoEditable] = {}


def registrar(tipo: TipoEditable) -> None:
    TIPOS[tipo.clave] = tipo


def tipos() -> list[TipoEditable]:
    return sorted(TIPOS.values(), key=lambda t: t.orden)


def tipo_o_404(clave: str) -> TipoEditable:
    try:
        return TIPOS[clave]
    except KeyError:
        raise Http404 from None


registrar(
    TipoEditable(
        "guias",
        Guia,
        _("Guías por perfil"),
        ["titulo", "resumen", "cuerpo", "fuente"],
        orden=10,
    )
)
registrar(
    TipoEditable(
        "paises",
        PaisGuia,
        _("Guías de país"),
        ["titulo", "resumen", "cuerpo", "convenio", "fuente"],
        orden=20,
    )
)
registrar(
    TipoEditable(
        "alertas",
        Alerta,
        _("Alertas"),
        ["titulo", "nivel", "vigente_hasta", "resumen", "cuerpo", "fuente"],
        orden=40,
    )
)
registrar(
    TipoEditable("videos", Video, _("Videos"), ["titulo", "resumen", "cuerpo", "fuente"], orden=50)
)
