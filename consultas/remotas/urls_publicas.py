from django.urls import path

from consultas.remotas import views as views_publicas

app_name = "portal_consulta"

urlpatterns = [
    path("consulta/", views_publicas.formulario, name="formulario"),
    path("consulta/enviada/", views_publicas.enviada, name="enviada"),
    path("consulta/seguimiento/<str:token>/", views_publicas.seguimiento, name="seguimiento"),
]
