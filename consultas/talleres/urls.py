from django.urls import path

from consultas.talleres import views

# Included in consultas/urls.py under the "gestion" namespace.
urlpatterns = [
    path("talleres/", views.lista, name="talleres"),
    path("talleres/nuevo/", views.editar, name="taller_nuevo"),
    path("talleres/estadisticas/", views.estadisticas_vista, name="talleres_estadisticas"),
    path(
        "talleres/estadisticas.csv",
        views.estadisticas_vista,
        {"formato": "csv"},
        name="talleres_estadisticas_csv",
    ),
    path(
        "talleres/estadisticas.xlsx",
        views.estadisticas_vista,
        {"formato": "xlsx"},
        name="talleres_estadisticas_xlsx",
    ),
    path("talleres/<int:pk>/", views.detalle, name="taller"),
    path("talleres/<int:pk>/editar/", views.editar, name="taller_editar"),
    path("talleres/<int:pk>/asistencia.csv", views.asistencia_csv, name="taller_asistencia_csv"),
    path(
        "talleres/<int:pk>/asistencia/<int:inscripcion>/",
        views.asistencia,
        name="taller_asistencia",
    ),
]
