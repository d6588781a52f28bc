from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contenidos import boletin as servicio_boletin
from contenidos.models import (
    Alerta,
    Boletin,
    Convenio,
    Envio,
    Guia,
    Institucion,
    Pagina,
    PaisGuia,
    Suscriptor,
    Tema,
    Video,
)


@admin.register(Tema)
class TemaAdmin(admin.ModelAdmin):
    list_display = ("codigo", "nombre", "orden", "activo")
    list_editable = ("orden", "activo")


class ContenidoAdmin(admin.ModelAdmin):
    """Markdown body, draft/published, source and review date; "Ver en el sitio" previews drafts."""

    list_filter = ("publicado", "idioma")
    search_fields = ("titulo", "resumen", "cuerpo")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ("actualizado", "vista_previa")
    actions = ["publicar", "despublicar"]

    @admin.display(description=_("vista previa"))
    def vista_previa(self, obj):
        if obj.pk and hasattr(obj, "get_absolute_url"):
            return format_html(
                '<a href="{}">{}</a>', obj.get_absolute_url(), _("Ver la página (también borrador)")
            )
        return "—"

    @admin.action(description=_("Publicar los seleccionados"))
    def publicar(self, request, queryset):
        for obj in queryset:
            obj.publicado = True
            obj.save()

    @admin.action(description=_("Pasar a borrador los seleccionados"))
    def despublicar(self, request, queryset):
        for obj in queryset:
            obj.publicado = False
            obj.save()


@admin.register(Guia)
class GuiaAdmin(ContenidoAdmin):
    list_display = ("titulo", "perfil", "idioma", "publicado", "revisado_el", "revisar_antes_de")
    list_filter = ("perfil", "publicado", "idioma")
    filter_horizontal = ("temas",)


@admin.register(PaisGuia)
class PaisGuiaAdmin(ContenidoAdmin):
    list_display = (
        "nombre",
        "iso",
        "tipo",
        "idioma",
        "publicado",
        "revisado_el",
        "revisar_antes_de",
    )
    list_filter = ("tipo", "publicado", "idioma")


@admin.register(Video)
class VideoAdmin(ContenidoAdmin):
    list_display = ("titulo", "categoria", "archivo", "duracion", "publicado")
    list_filter = ("categoria", "publicado")
    prepopulated_fields = {"slug": ("titulo",)}


@admin.register(Boletin)
class BoletinAdmin(ContenidoAdmin):
    list_display = ("numero", "titulo", "fecha", "publicado", "enviados")
    list_filter = ("temas", "publicado")
    filter_horizontal = ("temas",)
    actions = ["publicar", "despublicar", "enviar"]

    @admin.display(description=_("enviados"))
    def enviados(self, obj):
        return obj.envios.filter(estado=Envio.Estado.ENVIADO).count()

    @admin.action(description=_("Enviar a los suscriptores confirmados"))
    def enviar(self, request, queryset):
        for boletin in queryset:
            if not boletin.publicado:
                self.message_user(
                    request,
                    _("El boletín n.º %(numero)s es un borrador: publíquelo antes de enviarlo.")
                    % {"numero": boletin.numero},
                    messages.ERROR,
                )
                continue
            resultado = servicio_boletin.enviar_edicion(boletin)
            self.message_user(
                request,
                ngettext(
                    "Boletín n.º %(numero)s: %(n)d correo enviado, %(f)d fallidos.",
                    "Boletín n.º %(numero)s: %(n)d correos enviados, %(f)d fallidos.",
                    resultado.enviados,
                )
                % {"numero": boletin.numero, "n": resultado.enviados, "f": resultado.fallidos},
                messages.SUCCESS if not resultado.fallidos else messages.WARNING,
            )


@admin.register(Institucion)
class InstitucionAdmin(ContenidoAdmin):
    list_display = ("titulo", "tipo", "pais", "publicado")
    list_filter = ("tipo", "pais", "publicado")


@admin.register(Convenio)
class ConvenioAdmin(ContenidoAdmin):
    list_display = ("titulo", "tipo", "publicado")
    list_filter = ("tipo", "publicado")


@admin.register(Pagina)
class PaginaAdmin(ContenidoAdmin):
    list_display = ("titulo", "slug", "idioma", "publicado")


@admin.register(Alerta)
class AlertaAdmin(ContenidoAdmin):
    list_display = ("titulo", "nivel", "orden", "vigente_hasta", "publicado")
    list_filter = ("nivel", "publicado", "idioma")


class EnvioInline(admin.TabularInline):
    model = Envio
    extra = 0
    readonly_fields = ("boletin", "estado", "reclamado_el", "enviado_el", "error")
    can_delete = False


@admin.register(Suscriptor)
class SuscriptorAdmin(admin.ModelAdmin):
    list_display = ("email", "confirmado_el", "baja_el", "idioma")
    list_filter = ("idioma", "temas")
    filter_horizontal = ("temas",)
    search_fields = ("email",)
    readonly_fields = ("creado", "confirmado_el", "baja_el")
    inlines = [EnvioInline]
