from django.urls import path

from consultas.retornados import views

# Included in consultas/urls.py under the "gestion" namespace.
urlpatterns = [
    path("retornados/", views.lista, name="retornados"),
    path("retornados/nuevo/", views.editar, name="retornado_nuevo"),
    path("retornados/reporte/", views.reporte, name="retornados_reporte"),
    path("retornados/reporte.csv", views.reporte, {"formato": "csv"}, name="retornados_csv"),
    path("retornados/reporte.xlsx", views.reporte, {"formato": "xlsx"}, name="retornados_xlsx"),
    path(
        "retornados/desde-consulta/<str:codigo>/",
        views.desde_consulta,
        name="retornado_desde_consulta",
    ),
    path("retornados/<int:pk>/", views.detalle, name="retornado"),
    path("retornados/<int:pk>/editar/", views.editar, name="retornado_editar"),
    path(
        "retornados/<int:pk>/derivaciones/",
        views.derivacion_nueva,
        name="retornado_derivacion_nueva",
    ),
    path(
        "retornados/<int:pk>/derivaciones/<int:derivacion>/",
        views.derivacion_estado,
        name="retornado_derivacion_estado",
    ),
    path("retornados/<int:pk>/controles/<int:meses>/", views.control, name="retornado_control"),
    path(
        "retornados/<int:pk>/controles/<int:meses>/enviar/",
        views.control_enviar,
        name="retornado_control_enviar",
    ),
]
