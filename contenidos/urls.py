from django.urls import path

from contenidos import views, views_boletin, views_impresion

app_name = "portal"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("buscar/", views.buscar, name="buscar"),
    path("perfil/<slug:codigo>/", views.perfil, name="perfil"),
    path("perfil/<slug:codigo>/hoja/", views_impresion.hoja, name="hoja"),
    path("perfil/<slug:codigo>/hoja.pdf", views_impresion.hoja_pdf, name="hoja_pdf"),
    path("guia-basica/", views_impresion.guia_basica, name="guia_basica"),
    path("guia-basica.pdf", views_impresion.guia_basica_pdf, name="guia_basica_pdf"),
    path("paises/", views.paises, name="paises"),
    path("paises/<str:iso>/", views.pais, name="pais"),
    path("videos/", views.videos, name="videos"),
    path("videos/<slug:slug>/", views.video, name="video"),
    path("boletin/", views.boletines, name="boletines"),
    path("boletin/suscribirse/", views_boletin.suscribir, name="boletin_suscribir"),
    path("boletin/revise-su-correo/", views_boletin.revise_correo, name="boletin_revise_correo"),
    path("boletin/confirmar/<str:token>/", views_boletin.confirmar, name="boletin_confirmar"),
    path("boletin/baja/<str:token>/", views_boletin.baja, name="boletin_baja"),
    path("boletin/<int:numero>/", views.boletin, name="boletin"),
    path("instituciones/", views.instituciones, name="instituciones"),
    path("instituciones/convenios/", views.convenios, name="convenios"),
    path("acerca/", views.acerca, name="acerca"),
    path("paginas/<slug:slug>/", views.pagina, name="pagina"),
    path("privacidad/", views.privacidad, name="privacidad"),
]
