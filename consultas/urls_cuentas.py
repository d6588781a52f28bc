from django.urls import path

from consultas import doble_factor

urlpatterns = [
    path("doble-factor/", doble_factor.configurar, name="doble_factor_configurar"),
    path("doble-factor/verificar/", doble_factor.verificar, name="doble_factor_verificar"),
]
