from django.urls import path

from faq import views

app_name = "faq"

urlpatterns = [
    path("", views.lista, name="lista"),
    path("<slug:slug>/", views.detalle, name="detalle"),
    path("<slug:slug>/votar/", views.votar, name="votar"),
    path("<slug:slug>/desde-busqueda/", views.desde_busqueda, name="desde_busqueda"),
]
