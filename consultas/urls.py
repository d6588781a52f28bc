from django.urls import path

from consultas import views
from consultas.equipo import views as views_equipo
from consultas.estadisticas import views as views_reportes
from consultas.intercambio import views as views_datos
from consultas.privacidad import views as vistas_seguridad
from consultas.remotas import bandeja as views_bandeja
from consultas.retornados import urls as urls_retornados
from consultas.socios import urls as urls_socios
from consultas.talleres import urls as urls_talleres

app_name = "gestion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("equipo/", views_equipo.equipo, name="equipo"),
    path("equipo/sedes/nueva/", views_equipo.sede_editar, name="sede_nueva"),
    path("equipo/sedes/<slug:codigo>/", views_equipo.sede_editar, name="sede_editar"),
    path("equipo/usuarios/nuevo/", views_equipo.usuario_editar, name="usuario_nuevo"),
    path("equipo/usuarios/<int:pk>/", views_equipo.usuario_editar, name="usuario_editar"),
    path(
        "equipo/usuarios/<int:pk>/enlace-doble-factor/",
        views_equipo.enlace_doble_factor,
        name="usuario_enlace_doble_factor",
    ),
    path("reportes/mensual/", views_reportes.reporte_mensual, name="reporte_mensual"),
    path("reportes/mensual/reporte.csv", views_reportes.reporte_csv_descarga, name="reporte_csv"),
    path(
        "reportes/mensual/reporte.xlsx", views_reportes.reporte_xlsx_descarga, name="reporte_xlsx"
    ),
    path("reportes/diario/", views_reportes.reporte_diario, name="reporte_diario"),
    path("reportes/diario/<str:dia>/", views_reportes.reporte_dia, name="reporte_dia"),
    path("auditoria/", vistas_seguridad.auditoria, name="auditoria"),
    path("datos-personales/", vistas_seguridad.datos_personales, name="datos_personales"),
    path("consultas/", views.consultas, name="consultas"),
    path("consultas/nueva/", views.consulta_nueva, name="consulta_nueva"),
    path("consultas/importar/", views_datos.importar_consultas, name="consultas_importar"),
    path("consultas/exportar/", views_datos.consultas_csv, name="consultas_csv"),
    path("consultas/exportar.xlsx", views_datos.consultas_xlsx, name="consultas_xlsx"),
    path("consultas/<str:codigo>/", views.consulta_detalle, name="consulta"),
    path("consultas/<str:codigo>/editar/", views.consulta_editar, name="consulta_editar"),
    path("bandeja/", views_bandeja.bandeja, name="bandeja"),
    path("bandeja/descartar/", views_bandeja.descartar, name="bandeja_descartar"),
    path("bandeja/<str:codigo>/", views_bandeja.hilo, name="bandeja_hilo"),
    path("bandeja/<str:codigo>/asignarme/", views_bandeja.asignarme, name="bandeja_asignarme"),
    path("bandeja/<str:codigo>/restaurar/", views_bandeja.restaurar, name="bandeja_restaurar"),
]
urlpatterns += urls_talleres.urlpatterns + urls_socios.urlpatterns + urls_retornados.urlpatterns
