from django.urls import path

from consultas.socios import views

# Included in consultas/urls.py under the "gestion" namespace.
urlpatterns = [
    path("socios/", views.lista, name="socios"),
    path("socios/ranking.csv", views.lista, {"formato": "csv"}, name="socios_csv"),
    path("socios/ranking.xlsx", views.lista, {"formato": "xlsx"}, name="socios_xlsx"),
    path("socios/nuevo/", views.editar, name="socio_nuevo"),
    path("socios/<str:codigo>/", views.detalle, name="socio"),
    path("socios/<str:codigo>/editar/", views.editar, name="socio_editar"),
    path("socios/<str:codigo>/volante.pdf", views.volante, name="socio_volante"),
    path(
        "socios/<str:codigo>/en/volante.pdf",
        views.volante,
        {"idioma": "en"},
        name="socio_volante_en",
    ),
]
