from django.contrib.auth import views as auth_views
from django.urls import path

from infomigra.cuentas import doble_factor
from infomigra.seguridad import FormularioIngreso

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=FormularioIngreso),
        name="login",
    ),
    path("doble-factor/", doble_factor.configurar, name="doble_factor_configurar"),
    path("doble-factor/verificar/", doble_factor.verificar, name="doble_factor_verificar"),
]
