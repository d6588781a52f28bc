from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from consultas.models import Consulta, PerfilUsuario, Sede
from consultas.models.remotas import CorreoLeido
from consultas.privacidad.auditoria import Accion, registrar_acceso
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

    # Each page showing a consultation's contact data is written to the access log.
    def _registrar(self, request, respuesta, object_id, detalle):
        if respuesta.status_code == 200:
            consulta = Consulta.objects.filter(pk=object_id).only("codigo").first()
            if consulta is not None:
                registrar_acceso(request, Accion.VER, consulta, detalle)
        return respuesta

    def change_view(self, request, object_id, form_url="", extra_context=None):
        respuesta = super().change_view(request, object_id, form_url, extra_context)
        return self._registrar(request, respuesta, object_id, "admin: ficha")

    def history_view(self, request, object_id, extra_context=None):
        respuesta = super().history_view(request, object_id, extra_context)
        return self._registrar(request, respuesta, object_id, "admin: historial")

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        respuesta = super().history_form_view(request, object_id, version_id, extra_context)
        return self._registrar(request, respuesta, object_id, "admin: versión del historial")


# Users: the escalation-proof admin; TOTP devices leave the admin (infomigra/cuentas).
admin_usuarios.registrar(admin.site)


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
