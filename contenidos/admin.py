from django.contrib import admin

from contenidos.models import Tema


@admin.register(Tema)
class TemaAdmin(admin.ModelAdmin):
    list_display = ("codigo", "nombre", "orden", "activo")
    list_editable = ("orden", "activo")
