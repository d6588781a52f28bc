from django.urls import path

from faq import views_gestion

app_name = "faq_gestion"

urlpatterns = [
    path("proponer/", views_gestion.proponer, name="proponer"),
    path("cobertura/", views_gestion.informe_cobertura, name="cobertura"),
    path("busquedas/", views_gestion.busquedas_sin_respuesta, name="busquedas"),
    path("<int:pk>/usar/", views_gestion.usar, name="usar"),
]
