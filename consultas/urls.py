from django.urls import path

from consultas import views, vistas_seguridad

app_name = "gestion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("auditoria/", vistas_seguridad.auditoria, name="auditoria"),
    path("datos-personales/", vistas_seguridad.datos_personales, name="datos_personales"),
]
