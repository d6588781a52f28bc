from django.urls import path

from faq import views_gestion, views_sinonimos

app_name = "faq_gestion"

urlpatterns = [
    path("proponer/", views_gestion.proponer, name="proponer"),
    path("cobertura/", views_gestion.informe_cobertura, name="cobertura"),
    path("busquedas/", views_gestion.busquedas_sin_respuesta, name="busquedas"),
    path("sinonimos/", views_sinonimos.lista, name="sinonimos"),
    path("sinonimos/nuevo/", views_sinonimos.nuevo, name="sinonimo_nuevo"),
    path("sinonimos/<int:pk>/", views_sinonimos.editar, name="sinonimo_editar"),
    path("sinonimos/<int:pk>/borrar/", views_sinonimos.borrar, name="sinonimo_borrar"),
    path("<int:pk>/usar/", views_gestion.usar, name="usar"),
]
