from django.urls import path

from consultas import views_publicas

app_name = "portal_consulta"

urlpatterns = [
    path("consulta/", views_publicas.formulario, name="formulario"),
    path("consulta/enviada/", views_publicas.enviada, name="enviada"),
    path("consulta/seguimiento/<str:token>/", views_publicas.seguimiento, name="seguimiento"),
]
