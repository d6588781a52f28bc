from django.urls import path

from contenidos import views_gestion

app_name = "contenidos_gestion"

urlpatterns = [
    path("revision/", views_gestion.revision, name="revision"),
]
