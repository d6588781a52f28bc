from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from consultas.models import Consulta, PerfilUsuario, Sede
from consultas.models.remotas import CorreoLeido


@admin.register(Sede)
class SedeAdmin(admin.ModelAdmin):
    list_display = ("codigo", "nombre", "activa")


@admin.register(PerfilUsuario)
class PerfilUsuarioAdmin(admin.ModelAdmin):
    list_display = ("usuario", "sede", "canal")
    list_select_related = ("usuario", "sede")


@admin.register(Consulta)
class ConsultaAdmin(SimpleHistoryAdmin):
    list_display = ("codigo", "recibida", "canal", "sede", "tipo_migrante", "estado")
    list_filter = ("canal", "sede", "tipo_migrante", "estado")
    search_fields = ("codigo", "ref")
    readonly_fields = ("codigo", "fecha", "banda_edad")
    raw_id_fields = ("registrada_por", "asesor")


@admin.register(CorreoLeido)
class CorreoLeidoAdmin(admin.ModelAdmin):
    """What leer_correo did with each message of the mailbox; set-aside ones need a human."""

    list_display = ("creado", "carpeta", "uid", "message_id", "resultado", "intentos", "motivo")
    list_filter = ("resultado", "carpeta")
    search_fields = ("message_id", "motivo")
    readonly_fields = [f.name for f in CorreoLeido._meta.fields if f.name != "crudo"]
    exclude = ("crudo",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
