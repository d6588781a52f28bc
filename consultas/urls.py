from django.urls import path

from consultas import views, views_reportes

app_name = "gestion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("reportes/mensual/", views_reportes.reporte_mensual, name="reporte_mensual"),
    path("reportes/mensual/reporte.csv", views_reportes.reporte_csv_descarga, name="reporte_csv"),
    path(
        "reportes/mensual/reporte.xlsx", views_reportes.reporte_xlsx_descarga, name="reporte_xlsx"
    ),
    path("reportes/diario/", views_reportes.reporte_diario, name="reporte_diario"),
    path("reportes/diario/<str:dia>/", views_reportes.reporte_dia, name="reporte_dia"),
]
