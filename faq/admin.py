from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contenidos.senales import invalidar
from faq.forms_sinonimos import SinonimoForm
from faq.models import Pregunta, Sinonimo

AVISO_DATOS_PERSONALES = _(
    "Antes de publicar, quite todo dato personal: nombres, documentos, teléfonos, correos, "
    "direcciones, fechas o lugares que identifiquen a una persona. Escriba la pregunta en "
    "términos generales, cite la fuente oficial y ponga la fecha de revisión."
)


class EstadoFilter(admin.SimpleListFilter):
    title = _("estado")
    parameter_name = "estado"

    def lookups(self, request, model_admin):
        return [
            ("publicadas", _("Publicadas")),
            ("borradores", _("Borradores")),
            ("propuestas", _("Propuestas desde consultas (borrador)")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "publicadas":
            return queryset.publicadas()
        if self.value() == "borradores":
            return queryset.borradores()
        if self.value() == "propuestas":
            return queryset.borradores().exclude(consulta_origen="")
        return queryset


@admin.register(Pregunta)
class PreguntaAdmin(admin.ModelAdmin):
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    list_display = (
        "pregunta",
        "tema",
        "idioma",
        "publicada",
        "revisado_el",
        "votos_utiles",
        "votos_no_utiles",
        "usos",
        "consulta_origen",
    )
    list_filter = (EstadoFilter, "publicada", "tema", "idioma", "perfiles")
    search_fields = ("pregunta", "respuesta", "consulta_origen")
    readonly_fields = ("consulta_origen", "votos_utiles", "votos_no_utiles", "usos", "actualizada")
    prepopulated_fields = {"slug": ("pregunta",)}
    list_select_related = ("tema",)
    actions = ("publicar", "retirar")
    fieldsets = (
        (
            _("Contenido"),
            {
                "description": AVISO_DATOS_PERSONALES,
                "fields": ("pregunta", "slug", "respuesta", "perfiles", "tema", "idioma"),
            },
        ),
        (_("Publicación"), {"fields": ("publicada", "orden", "fuente", "revisado_el")}),
        (
            _("Uso y origen"),
            {
                "fields": (
                    "consulta_origen",
                    "votos_utiles",
                    "votos_no_utiles",
                    "usos",
                    "actualizada",
                )
            },
        ),
    )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pregunta = self.get_object(request, object_id)
        borrador_de_consulta = pregunta is not None and pregunta.consulta_origen
        if request.method == "GET" and borrador_de_consulta and not pregunta.publicada:
            messages.warning(request, AVISO_DATOS_PERSONALES)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Publicar las preguntas seleccionadas"))
    def publicar(self, request, queryset):
        n = queryset.update(publicada=True)
        invalidar()  # update() sends no signal: the cached pages must follow at once
        self.message_user(
            request, ngettext("%d pregunta publicada.", "%d preguntas publicadas.", n) % n
        )

    @admin.action(description=_("Retirar de la publicación (volver a borrador)"))
    def retirar(self, request, queryset):
        n = queryset.update(publicada=False)
        invalidar()  # a retired entry must leave the cached list and its own page at once
        self.message_user(
            request, ngettext("%d pregunta retirada.", "%d preguntas retiradas.", n) % n
        )


@admin.register(Sinonimo)
class SinonimoAdmin(admin.ModelAdmin):
    form = SinonimoForm  # the back-office page's checks: no duplicate, no term as its own synonym
    list_display = ("termino", "equivalentes", "en_ambos_sentidos", "activo", "actualizado")
    list_editable = ("equivalentes", "en_ambos_sentidos", "activo")
    list_filter = ("en_ambos_sentidos", "activo")
    search_fields = ("termino", "equivalentes")
    ordering = ("termino",)
