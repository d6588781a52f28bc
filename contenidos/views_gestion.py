"""Back-office content views (under /gestion/contenidos/): what is due for review."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from contenidos.revision import DIAS_AVISO, pendientes
from infomigra.acceso import permiso_requerido


@require_safe
@permiso_requerido("contenidos.change_guia", "consultas.ver_todas_las_sedes")
def revision(request):
    filas = pendientes()
    return render(
        request,
        "gestion/contenidos/revision.html",
        {
            "vencidas": [f for f in filas if f.vencida],
            "proximas": [f for f in filas if not f.vencida],
            "dias": DIAS_AVISO,
        },
    )
