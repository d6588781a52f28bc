"""Back office of workshops: list, create/edit, registrations, attendance, CSV, statistics."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consultas import tablas
from consultas.privacidad.auditoria import Accion, registrar_acceso
from consultas.talleres import estadisticas, servicios
from consultas.talleres.forms import TallerForm
from consultas.talleres.models import EstadoInscripcion, Taller
from infomigra.acceso import permiso_requerido


def taller_visible_o_404(request, pk):
    return get_object_or_404(
        Taller.objects.visibles_para(request.user).select_related("sede"), pk=pk
    )


@require_safe
@permiso_requerido("consultas.view_taller")
def lista(request):
    talleres = (
        Taller.objects.visibles_para(request.user)
        .select_related("sede")
        .annotate(
            confirmadas=Count("inscripciones", filter=Q(inscripciones__estado="confirmada")),
            en_espera=Count("inscripciones", filter=Q(inscripciones__estado="espera")),
            asistentes=Count("inscripciones", filter=Q(inscripciones__asistio=True)),
        )
        .order_by("-inicio")
    )
    return render(request, "gestion/talleres/lista.html", {"talleres": talleres[:200]})


@require_http_methods(["GET", "POST"])
@permiso_requerido("consultas.add_taller", "consultas.change_taller")
def editar(request, pk=None):
    taller = taller_visible_o_404(request, pk) if pk else None
    form = TallerForm(request.POST or None, instance=taller, usuario=request.user)
    if request.method == "POST" and form.is_valid():
        nuevo = taller is None
        taller = form.save(commit=False)
        if nuevo:
            taller.creado_por = request.user
        taller.save()
        servicios.enviar_ahora(servicios.cambiar_capacidad(taller))
        messages.success(request, _("Taller «%(titulo)s» guardado.") % {"titulo": taller.titulo})
        return redirect("gestion:taller", pk=taller.pk)
    titulo = _("Editar taller") if taller else _("Nuevo taller")
    return render(
        request,
        "gestion/talleres/formulario.html",
        {"form": form, "titulo": titulo, "taller": taller},
    )


@require_safe
@permiso_requerido("consultas.view_taller")
def detalle(request, pk):
    taller = taller_visible_o_404(request, pk)
    inscripciones = taller.inscripciones.exclude(estado=EstadoInscripcion.PENDIENTE).order_by(
        "estado", "nombre", "id"
    )
    pendientes = taller.inscripciones.filter(estado=EstadoInscripcion.PENDIENTE).count()
    registrar_acceso(request, Accion.VER, f"T-{taller.pk}", detalle=_("inscripciones del taller"))
    contexto = {
        "taller": taller,
        "inscripciones": inscripciones,
        "pendientes": pendientes,
        "ocupados": servicios.ocupados(taller),
    }
    return render(request, "gestion/talleres/detalle.html", contexto)


@require_POST
@permiso_requerido("consultas.change_inscripcion")
def asistencia(request, pk, inscripcion):
    """Toggle one person's attendance (one tap at the door; works without JS)."""
    taller = taller_visible_o_404(request, pk)
    fila = get_object_or_404(
        taller.inscripciones.filter(estado=EstadoInscripcion.CONFIRMADA), pk=inscripcion
    )
    servicios.marcar_asistencia(fila, request.POST.get("asistio") == "1")
    return redirect(f"{request.path.rsplit('/asistencia/', 1)[0]}/#inscripcion-{fila.pk}")


@require_safe
@permiso_requerido("consultas.view_inscripcion")
def asistencia_csv(request, pk):
    taller = taller_visible_o_404(request, pk)
    encabezado, filas = estadisticas.lista_asistencia(taller)
    registrar_acceso(request, Accion.EXPORTAR, f"T-{taller.pk}", detalle=_("lista de asistencia"))
    return tablas.descarga(tablas.tabla_csv(encabezado, filas), f"asistencia-taller-{pk}", "csv")


@require_safe
@permiso_requerido("consultas.ver_reportes")
def estadisticas_vista(request, formato=None):
    form, desde, hasta, sede = tablas.filtros_periodo(request)
    contexto = {"form": form, "sede": sede}
    if desde is not None:
        encabezado, filas = estadisticas.tabla(desde, hasta, sede)
        if formato == "csv":
            return tablas.descarga(tablas.tabla_csv(encabezado, filas), "talleres", "csv")
        if formato == "xlsx":
            return tablas.descarga(
                tablas.tabla_xlsx(encabezado, filas, "talleres"), "talleres", "xlsx"
            )
        contexto.update(
            encabezado=encabezado,
            filas=filas,
            resumen=estadisticas.resumen(desde, hasta, sede),
            parametros=request.GET.urlencode(),
        )
    return render(request, "gestion/talleres/estadisticas.html", contexto)
