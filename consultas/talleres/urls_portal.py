from django.urls import path

from consultas.talleres import views_publicas

app_name = "portal_talleres"

urlpatterns = [
    path("talleres/", views_publicas.lista, name="lista"),
    path("talleres/revise-su-correo/", views_publicas.revise_correo, name="revise_correo"),
    path("talleres/inscripcion/<str:token>/", views_publicas.inscripcion, name="inscripcion"),
    path("talleres/<int:pk>/", views_publicas.detalle, name="detalle"),
    path("talleres/<int:pk>/calendario.ics", views_publicas.calendario, name="calendario"),
]
