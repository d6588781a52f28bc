from django.urls import path

from contenidos import views

app_name = "portal"

urlpatterns = [
    path("", views.inicio, name="inicio"),
]
