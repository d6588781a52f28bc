"""Back office of returnee follow-up: enrolment, plan, referrals, check-ins and the report."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from consultas import tablas
from consultas.acceso import consulta_visible_o_404
from consultas.privacidad.auditoria import Accion, registrar_acceso
from consultas.retornados import servicios
from consultas.retornados.forms import (
    DerivacionForm,
    EstadoDerivacionForm,
    ResultadoForm,
    RetornadoForm,
)
from consultas.retornados.models import Derivacion, Retornado
from infomigra.acceso import permiso_requerido


def retornado_visible_o_404(request, pk):
    return get_object_or_404(
        Retornado.objects.visibles_para(request.user).select_related("sede", "asesor", "consulta"),
        pk=pk,
    )


@require_safe
@permiso_requerido("consultas.view_retornado")
def lista(request):
    retornados = (
        Retornado.objects.visibles_para(request.user)
        .select_related("sede", "asesor")
        .annotate(hechos=Count("controles", filter=Q(controles__realizado_el__isnull=False)))
    )
    contexto = {
        "retornados": retornados[:300],
        "vencidos": servicios.controles_vencidos(request.user)[:100],
    }
    return render(request, "gestion/retornados/lista.html", contexto)


@require_http_methods(["GET", "POST"])
@permiso_requerido("consultas.add_retornado", "consultas.change_retornado")
def editar(request, pk=None):
    retornado = retornado_visible_o_404(request, pk) if pk else None
    form = RetornadoForm(request.POST or None, instance=retornado, usuario=request.user)
    if request.method == "POST" and form.is_valid():
        nuevo = retornado is None
        retornado = form.save(commit=False)
        if nuevo and hasattr(request.user, "perfil"):
            retornado.asesor = request.user
        retornado.save()
        messages.success(request, _("Seguimiento guardado."))
        return redirect("gestion:retornado", pk=retornado.pk)
    titulo = _("Editar seguimiento") if retornado else _("Inscribir a una persona retornada")
    contexto = {"form": form, "titulo": titulo, "retornado": retornado}
    return render(request, "gestion/retornados/formulario.html", contexto)


@require_POST
@permiso_requerido("consultas.add_retornado")
def desde_consulta(request, codigo):
    consulta = consulta_visible_o_404(request, codigo)
    retornado = servicios.inscribir_desde_consulta(consulta, request.user)
    messages.success(request, _("Persona inscrita en el seguimiento de retornados."))
    return redirect("gestion:retornado", pk=retornado.pk)


@require_safe
@permiso_requerido("consultas.view_retornado")
def detalle(request, pk):
    retornado = retornado_visible_o_404(request, pk)
    registrar_acceso(request, Accion.VER, f"R-{retornado.pk}", detalle=_("seguimiento de retorno"))
    # One form per row, each with ids of its own.
    derivaciones = list(retornado.derivaciones.select_related("institucion"))
    for d in derivaciones:
        d.form_estado = EstadoDerivacionForm(
            initial={"estado": d.estado}, auto_id=f"estado-{d.pk}-%s"
        )
    controles = list(retornado.controles.all())
    for c in controles:
        c.form_resultado = ResultadoForm(auto_id=f"control-{c.meses}-%s")
    contexto = {
        "retornado": retornado,
        "derivaciones": derivaciones,
        "controles": controles,
        "form_derivacion": DerivacionForm(),
    }
    return render(request, "gestion/retornados/detalle.html", contexto)


@require_POST
@permiso_requerido("consultas.add_derivacion")
def derivacion_nueva(request, pk):
    retornado = retornado_visible_o_404(request, pk)
    form = DerivacionForm(request.POST)
    if form.is_valid():
        derivacion = form.save(commit=False)
        derivacion.retornado = retornado
        derivacion.save()
        messages.success(request, _("Derivación registrada."))
    else:
        messages.error(request, " ".join(e for errores in form.errors.values() for e in errores))
    return redirect("gestion:retornado", pk=retornado.pk)


@require_POST
@permiso_requerido("consultas.change_derivacion")
def derivacion_estado(request, pk, derivacion):
    retornado = retornado_visible_o_404(request, pk)
    fila = get_object_or_404(Derivacion, pk=derivacion, retornado=retornado)
    form = EstadoDerivacionForm(request.POST)
    if form.is_valid():
        fila.estado = form.cleaned_data["estado"]
        fila.save()
        messages.success(request, _("Estado de la derivación actualizado."))
    else:
        messages.error(request, _("Elija un estado de la lista."))
    return redirect("gestion:retornado", pk=retornado.pk)


@require_POST
@permiso_requerido("consultas.change_control")
def control(request, pk, meses):
    """The advisor records a check-in's outcome (by phone, in person)."""
    retornado = retornado_visible_o_404(request, pk)
    fila = get_object_or_404(retornado.controles, meses=meses)
    form = ResultadoForm(request.POST)
    if form.is_valid():
        servicios.registrar_resultado(
            fila, form.cleaned_data["resultado"], form.cleaned_data["comentario"]
        )
        messages.success(request, _("Control registrado."))
    else:
        messages.error(request, _("Elija el resultado del control."))
    return redirect("gestion:retornado", pk=retornado.pk)


@require_POST
@permiso_requerido("consultas.change_control")
def control_enviar(request, pk, meses):
    """Mail the returnee the private link to answer this check-in themselves."""
    from infomigra.correo.cola import enviar

    retornado = retornado_visible_o_404(request, pk)
    fila = get_object_or_404(retornado.controles, meses=meses)
    mensaje = servicios.encolar_enlace(fila)
    if mensaje is None:
        messages.error(request, _("No se envió: la persona no tiene correo o ya se le envió."))
    elif enviar(mensaje.pk):
        messages.success(request, _("Enviamos a la persona el enlace para responder el control."))
    else:
        messages.warning(request, _("El correo quedó en cola; se reintentará."))
    return redirect("gestion:retornado", pk=retornado.pk)


@require_safe
@permiso_requerido("consultas.ver_reportes")
def reporte(request, formato=None):
    form, desde, hasta, sede = tablas.filtros_periodo(request)
    contexto = {"form": form, "sede": sede}
    if desde is not None:
        encabezado, filas = servicios.tabla_resultados(desde, hasta, sede)
        if formato == "csv":
            return tablas.descarga(tablas.tabla_csv(encabezado, filas), "retornados", "csv")
        if formato == "xlsx":
            contenido = tablas.tabla_xlsx(encabezado, filas, "retornados")
            return tablas.descarga(contenido, "retornados", "xlsx")
        contexto.update(
            filas=filas,
            resumen=servicios.resumen_resultados(filas),
            parametros=request.GET.urlencode(),
        )
    return render(request, "gestion/retornados/reporte.html", contexto)
