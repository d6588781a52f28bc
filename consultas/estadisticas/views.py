"""Monthly/any-period and daily reports, and their CSV/XLSX downloads (Asesor, Responsable)."""

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from consultas.estadisticas import graficos
from consultas.estadisticas import servicio as estadisticas
from consultas.estadisticas.archivos import datos_informe, filas_archivo, reporte_csv, reporte_xlsx
from consultas.estadisticas.forms import FiltroReporteForm, MesForm
from consultas.estadisticas.visitas import visitas_del_periodo
from consultas.models import Sede
from consultas.talleres import estadisticas as talleres_estadisticas
from infomigra.acceso import es_responsable, permiso_requerido
from infomigra.routers import lectura_replica

TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sede_permitida(request):
    """The office a user may report on: any (or none = all) for a Responsable, else their own.

    A ``sede`` parameter naming another office answers 404 for an Asesor.
    """
    pedida = request.GET.get("sede", "")
    if es_responsable(request.user):
        return None
    perfil = getattr(request.user, "perfil", None)
    if perfil is None or (pedida and pedida != perfil.sede.codigo):
        raise Http404
    return perfil.sede


def _filtros(request):
    """(form, desde, hasta, sede); dates default to the current month up to today."""
    responsable = es_responsable(request.user)
    sede_fija = _sede_permitida(request)
    hoy = timezone.localdate()
    datos = {"desde": hoy.replace(day=1).isoformat(), "hasta": hoy.isoformat(), "sede": ""}
    datos.update({k: v for k, v in request.GET.items() if k in datos and v})
    form = FiltroReporteForm(datos, todas_las_sedes=responsable)
    if not form.is_valid():
        return form, None, None, sede_fija
    sede = form.cleaned_data.get("sede") if responsable else sede_fija
    return form, form.cleaned_data["desde"], form.cleaned_data["hasta"], sede


def _parametros(desde, hasta, sede):
    texto = f"desde={desde.isoformat()}&hasta={hasta.isoformat()}"
    return texto + (f"&sede={sede.codigo}" if sede else "")


def _bloques(reporte):
    bloques = []
    for dimension in reporte.dimensiones:
        filas = [(f.etiqueta, f.cantidad) for f in dimension.filas]
        bloques.append(
            {
                "dimension": dimension,
                "grafico": graficos.barras_horizontales(dimension.titulo, filas),
            }
        )
    return bloques


@require_safe
@permiso_requerido("consultas.ver_reportes")
@lectura_replica()
def reporte_mensual(request):
    form, desde, hasta, sede = _filtros(request)
    contexto = {"form": form, "sede": sede}
    if desde is not None:
        reporte = estadisticas.calcular(desde, hasta, sede)
        anterior = estadisticas.periodo_anterior(desde, hasta)
        anio_anterior = estadisticas.mismo_periodo_anio_anterior(desde, hasta)
        total_anterior = estadisticas.total_del_periodo(*anterior, sede)
        total_anio_anterior = estadisticas.total_del_periodo(*anio_anterior, sede)
        visitas = visitas_del_periodo(desde, hasta)
        url_diario = reverse("gestion:reporte_diario")
        contexto.update(
            {
                "reporte": reporte,
                "bloques": _bloques(reporte),
                "comparaciones": [
                    (
                        anterior,
                        total_anterior,
                        estadisticas.variacion(reporte.total, total_anterior),
                    ),
                    (
                        anio_anterior,
                        total_anio_anterior,
                        estadisticas.variacion(reporte.total, total_anio_anterior),
                    ),
                ],
                "grafico_serie": graficos.barras_verticales(
                    _("Consultas por día"),
                    [
                        (str(d.day), date_format(d, "DATE_FORMAT"), n, None)
                        for d, n in reporte.serie_diaria
                    ],
                )
                if len(reporte.serie_diaria) <= 62
                else "",
                "visitas": visitas,
                # Workshops and talks held in the period (consultas/talleres).
                "talleres": talleres_estadisticas.resumen(desde, hasta, sede),
                "parametros_talleres": request.GET.urlencode(),
                "grafico_secciones": graficos.barras_horizontales(
                    _("Visitas por sección"), [(s, u) for s, _v, u in visitas.por_seccion]
                ),
                "grafico_paises": graficos.barras_horizontales(
                    _("Visitas por país"), [(n, u) for _c, n, _v, u in visitas.por_pais[:15]]
                ),
                "parametros": _parametros(desde, hasta, sede),
                "url_diario": url_diario,
            }
        )
    return render(request, "gestion/reportes/mensual.html", contexto)


def _descarga(request, formato):
    form, desde, hasta, sede = _filtros(request)
    if desde is None:
        return render(request, "gestion/reportes/mensual.html", {"form": form}, status=400)
    reporte = estadisticas.calcular(desde, hasta, sede)
    filas = filas_archivo(reporte)
    nombre = f"reporte-{desde.isoformat()}-{hasta.isoformat()}" + (
        f"-{sede.codigo}" if sede else ""
    )
    if formato == "csv":
        # ?bom=1: a byte-order mark first, so Excel opens the UTF-8 file with its accents.
        contenido = reporte_csv(filas, bom=request.GET.get("bom") == "1")
        respuesta = HttpResponse(contenido, content_type="text/csv; charset=utf-8")
    else:
        informe = datos_informe(reporte)
        respuesta = HttpResponse(reporte_xlsx(filas, informe=informe), content_type=TIPO_XLSX)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.{formato}"'
    return respuesta


@require_safe
@permiso_requerido("consultas.ver_reportes")
@lectura_replica()
def reporte_csv_descarga(request):
    return _descarga(request, "csv")


@require_safe
@permiso_requerido("consultas.ver_reportes")
@lectura_replica()
def reporte_xlsx_descarga(request):
    return _descarga(request, "xlsx")


def _mes(texto):
    anio, mes = (int(p) for p in texto.split("-"))
    desde = dt.date(anio, mes, 1)
    hasta = (desde + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return desde, hasta


def _sede_de_responsable(request):
    codigo = request.GET.get("sede", "")
    if not codigo:
        return None
    sede = Sede.objects.filter(codigo=codigo).first()
    if sede is None:
        raise Http404
    return sede


@require_safe
@permiso_requerido("consultas.ver_reportes")
@lectura_replica()
def reporte_diario(request):
    sede = _sede_permitida(request)
    if es_responsable(request.user):
        sede = _sede_de_responsable(request)
    hoy = timezone.localdate()
    form = MesForm({"mes": request.GET.get("mes") or hoy.strftime("%Y-%m")})
    contexto = {"form": form, "sede": sede, "sedes": Sede.objects.all()}
    if form.is_valid():
        desde, hasta = _mes(form.cleaned_data["mes"])
        sufijo = f"?sede={sede.codigo}" if sede and es_responsable(request.user) else ""
        dias = [
            (
                dia,
                cantidad,
                reverse("gestion:reporte_dia", args=[dia.isoformat()]) + sufijo,
            )
            for dia, cantidad in estadisticas.serie_diaria(desde, hasta, sede)
        ]
        total = sum(n for _d, n, _u in dias)
        contexto.update(
            {
                "desde": desde,
                "dias": dias,
                "total": total,
                "grafico": graficos.barras_verticales(
                    _("Consultas por día"),
                    [(str(d.day), date_format(d, "DATE_FORMAT"), n, url) for d, n, url in dias],
                ),
                "mes_anterior": (desde - dt.timedelta(days=1)).strftime("%Y-%m"),
                "mes_siguiente": (hasta + dt.timedelta(days=1)).strftime("%Y-%m"),
            }
        )
    return render(request, "gestion/reportes/diario.html", contexto)


@require_safe
@permiso_requerido("consultas.ver_reportes")
@lectura_replica()
def reporte_dia(request, dia):
    try:
        fecha = dt.date.fromisoformat(dia)
    except ValueError:
        raise Http404 from None
    sede = _sede_permitida(request)
    if es_responsable(request.user):
        sede = _sede_de_responsable(request)
    detalle = estadisticas.detalle_dia(fecha, sede)
    bloques = [
        {
            "dimension": d,
            "grafico": graficos.barras_horizontales(
                d.titulo, [(f.etiqueta, f.cantidad) for f in d.filas]
            ),
        }
        for d in detalle["dimensiones"]
    ]
    return render(
        request,
        "gestion/reportes/dia.html",
        {"fecha": fecha, "sede": sede, "total": detalle["total"], "bloques": bloques},
    )
