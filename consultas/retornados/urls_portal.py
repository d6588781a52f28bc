from django.urls import path

from consultas.retornados import views_publicas

app_name = "portal_retornados"

urlpatterns = [
    path("retorno/control/<str:token>/", views_publicas.control, name="control"),
]
