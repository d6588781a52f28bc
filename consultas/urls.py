from django.urls import path

from consultas import views, views_datos

app_name = "gestion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("consultas/", views.consultas, name="consultas"),
    path("consultas/nueva/", views.consulta_nueva, name="consulta_nueva"),
    path("consultas/importar/", views_datos.importar_consultas, name="consultas_importar"),
    path("consultas/exportar/", views_datos.consultas_csv, name="consultas_csv"),
    path("consultas/<str:codigo>/", views.consulta_detalle, name="consulta"),
    path("consultas/<str:codigo>/editar/", views.consulta_editar, name="consulta_editar"),
]
