"""Plain tables for the services' reports: a period filter and CSV/XLSX writers.

Each report builds a header and rows once; the page, the CSV and the XLSX show the same rows.
"""

import io

from django.http import Http404, HttpResponse
from django.utils import timezone

from consultas.estadisticas.forms import FiltroReporteForm
from infomigra import hojas
from infomigra.acceso import es_responsable

TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filtros_periodo(request):
    """(form, desde, hasta, sede) from the query; an Asesor is held to their own office (404
    for another one), a Responsable may pick any or none (= all)."""
    responsable = es_responsable(request.user)
    sede_fija = None
    if not responsable:
        perfil = getattr(request.user, "perfil", None)
        pedida = request.GET.get("sede", "")
        if perfil is None or (pedida and pedida != perfil.sede.codigo):
            raise Http404
        sede_fija = perfil.sede
    hoy = timezone.localdate()
    inicio = hoy.replace(month=1, day=1)
    datos = {"desde": inicio.isoformat(), "hasta": hoy.isoformat(), "sede": ""}
    datos.update({k: v for k, v in request.GET.items() if k in datos and v})
    form = FiltroReporteForm(datos, todas_las_sedes=responsable)
    if not form.is_valid():
        return form, None, None, sede_fija
    sede = form.cleaned_data.get("sede") if responsable else sede_fija
    return form, form.cleaned_data["desde"], form.cleaned_data["hasta"], sede


def tabla_csv(encabezado, filas) -> str:
    salida = io.StringIO()
    hojas.escribir_csv(encabezado, filas, salida)
    return salida.getvalue()


def tabla_xlsx(encabezado, filas, hoja="datos") -> bytes:
    salida = io.BytesIO()
    hojas.escribir_xlsx([(hoja, encabezado, filas)], salida)
    return salida.getvalue()


def descarga(contenido, nombre: str, formato: str) -> HttpResponse:
    tipo = "text/csv; charset=utf-8" if formato == "csv" else TIPO_XLSX
    respuesta = HttpResponse(contenido, content_type=tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.{formato}"'
    return respuesta
