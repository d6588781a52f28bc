from django.urls import path

from contenidos import views_editorial, views_gestion

app_name = "contenidos_gestion"

urlpatterns = [
    path("", views_editorial.inicio, name="inicio"),
    path("revision/", views_gestion.revision, name="revision"),
    path("<slug:clave>/", views_editorial.lista, name="lista"),
    path("<slug:clave>/<int:pk>/", views_editorial.editar, name="editar"),
]
