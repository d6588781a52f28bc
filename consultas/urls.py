from django.urls import path

from consultas import views

app_name = "gestion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
]
