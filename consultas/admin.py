from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from consultas.models import Consulta, PerfilUsuario, Sede
from infomigra.cuentas import admin_usuarios


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


# Users: the escalation-proof admin; TOTP devices leave the admin (infomigra/cuentas).
admin_usuarios.registrar(admin.site)
