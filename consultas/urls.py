from django.urls import path

from consultas import views, views_equipo

app_name = "gestion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("equipo/", views_equipo.equipo, name="equipo"),
    path("equipo/sedes/nueva/", views_equipo.sede_editar, name="sede_nueva"),
    path("equipo/sedes/<slug:codigo>/", views_equipo.sede_editar, name="sede_editar"),
    path("equipo/usuarios/nuevo/", views_equipo.usuario_editar, name="usuario_nuevo"),
    path("equipo/usuarios/<int:pk>/", views_equipo.usuario_editar, name="usuario_editar"),
]
