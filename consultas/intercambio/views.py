"""Import and CSV download of consultations (Responsable only)."""

import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from consultas.filtros import FiltroConsultasForm, consultas_filtradas
from consultas.forms import ImportarForm
from consultas.intercambio.exportacion import escribir_xlsx, filas_consultas, lineas_csv
from consultas.intercambio.importacion import importar
from infomigra.acceso import permiso_requerido

ERRORES_EN_PAGINA = 500


@require_http_methods(["GET", "POST"])
@permiso_requerido("consultas.importar_consultas")
def importar_consultas(request):
    resultado = None
    if request.method == "POST":
        form = ImportarForm(request.POST, request.FILES)
        if form.is_valid():
            # The raw file object: iterating it splits lines on b"\n" only, as csv expects.
            resultado = importar(
                form.cleaned_data["archivo"].file,
                simulacro=form.cleaned_data["simulacro"],
                usuario=request.user,
            )
    else:
        form = ImportarForm()
    return render(
        request,
        "gestion/consultas/importar.html",
        {
            "form": form,
            "resultado": resultado,
            "errores": resultado.errores[:ERRORES_EN_PAGINA] if resultado else [],
            "errores_mas": (
                len(resultado.errores) - ERRORES_EN_PAGINA + resultado.errores_omitidos
                if resultado
                else 0
            ),
        },
    )


@require_safe
@permiso_requerido("consultas.exportar_consultas")
def consultas_csv(request):
    filtro = FiltroConsultasForm(request.GET or None, usuario=request.user)
    filas = filas_consultas(consultas_filtradas(request.user, filtro.filtros()))
    respuesta = StreamingHttpResponse(lineas_csv(filas), content_type="text/csv; charset=utf-8")
    nombre = f"consultas-{timezone.localdate():%Y%m%d}.csv"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


@require_safe
@permiso_requerido("consultas.exportar_consultas")
def consultas_xlsx(request):
    filtro = FiltroConsultasForm(request.GET or None, usuario=request.user)
    filas = filas_consultas(consultas_filtradas(request.user, filtro.filtros()))
    # Built in a temporary file (memory stays bounded), then streamed in chunks.
    archivo = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    escribir_xlsx(filas, archivo)
    archivo.seek(0)
    nombre = f"consultas-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(
        archivo,
        as_attachment=True,
        filename=nombre,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
