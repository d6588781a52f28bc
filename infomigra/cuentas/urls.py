from django.contrib.auth import views as auth_views
from django.urls import path

from infomigra.cuentas import alta, codigos_respaldo, doble_factor
from infomigra.seguridad import FormularioIngreso

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=FormularioIngreso),
        name="login",
    ),
    path("doble-factor/", doble_factor.configurar, name="doble_factor_configurar"),
    path("doble-factor/alta/<str:token>/", alta.alta, name="doble_factor_alta"),
    path("doble-factor/verificar/", doble_factor.verificar, name="doble_factor_verificar"),
    path("doble-factor/respaldo/", codigos_respaldo.codigos, name="doble_factor_respaldo"),
]
