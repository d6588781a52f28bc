from django.urls import path

from consultas import views, views_bandeja

app_name = "gestion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("bandeja/", views_bandeja.bandeja, name="bandeja"),
    path("bandeja/<str:codigo>/", views_bandeja.hilo, name="bandeja_hilo"),
    path("bandeja/<str:codigo>/asignarme/", views_bandeja.asignarme, name="bandeja_asignarme"),
]
