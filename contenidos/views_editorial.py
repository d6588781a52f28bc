"""The editor workspace under /gestion/contenidos/: lists with review dates, a large Markdown
box with a server-rendered preview (a submit button: no JavaScript), draft or publish.

Viewing needs the model's ``view`` permission (Editor; Responsable reads), editing its
``change`` permission (Editor). Every save goes through the model, so the rendered HTML, the
page cache and the audit history (simple_history) stay right.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from contenidos.editorial import tipo_o_404, tipos
from infomigra.acceso import permiso_requerido

HISTORIAL = 10


def _exigir(usuario, tipo, accion):
    if not usuario.has_perm(tipo.permiso(accion)):
        raise PermissionDenied


@require_safe
@permiso_requerido()
def inicio(request):
    visibles = [t for t in tipos() if request.user.has_perm(t.permiso("view"))]
    if not visibles:
        raise PermissionDenied
    resumen = []
    for tipo in visibles:
        qs = tipo.modelo.objects.all()
        resumen.append(
            {
                "tipo": tipo,
                "total": qs.count(),
                "borradores": qs.filter(**{tipo.campo_publicado: False}).count(),
            }
        )
    return render(request, "gestion/contenidos/inicio.html", {"resumen": resumen})


@require_safe
@permiso_requerido()
def lista(request, clave):
    tipo = tipo_o_404(clave)
    _exigir(request.user, tipo, "view")
    revision = tipo.campos_revision()
    filas = [
        {
            "objeto": objeto,
            "titulo": getattr(objeto, tipo.campo_titulo),
            "publicado": getattr(objeto, tipo.campo_publicado),
            "fechas": [getattr(objeto, c) for c in revision],
        }
        for objeto in tipo.modelo.objects.all()
    ]
    columnas = [tipo.modelo._meta.get_field(c).verbose_name for c in revision]
    return render(
        request,
        "gestion/contenidos/lista.html",
        {
            "tipo": tipo,
            "filas": filas,
            "columnas_revision": columnas,
            "puede_editar": request.user.has_perm(tipo.permiso("change")),
        },
    )


ACCIONES = {"vista_previa", "borrador", "publicar"}


@require_http_methods(["GET", "POST"])
@permiso_requerido()
def editar(request, clave, pk):
    tipo = tipo_o_404(clave)
    _exigir(request.user, tipo, "change")
    objeto = get_object_or_404(tipo.modelo, pk=pk)
    Formulario = tipo.formulario()
    accion = request.POST.get("accion", "")
    form = Formulario(request.POST or None, instance=objeto)
    vista_previa = None
    if request.method == "POST" and accion in ACCIONES and form.is_valid():
        if accion == "vista_previa":
            texto = form.cleaned_data.get(tipo.campo_markdown, "")
            vista_previa = mark_safe(tipo.a_html(texto))  # noqa: S308 (sanitised by nh3)
        else:
            guardado = form.save(commit=False)
            setattr(guardado, tipo.campo_publicado, accion == "publicar")
            guardado.save()
            form.save_m2m()
            if accion == "publicar":
                messages.success(request, _("Publicado: ya se ve en el portal."))
            else:
                messages.success(request, _("Guardado como borrador: solo lo ven los editores."))
            return redirect("contenidos_gestion:editar", clave=tipo.clave, pk=objeto.pk)
    elif request.method == "POST" and accion not in ACCIONES:
        form.add_error(None, _("Elija «Vista previa», «Guardar borrador» o «Publicar»."))
    return render(
        request,
        "gestion/contenidos/editar.html",
        {
            "tipo": tipo,
            "objeto": objeto,
            "form": form,
            "campo_markdown": tipo.campo_markdown,
            "vista_previa": vista_previa,
            "publicado": getattr(objeto, tipo.campo_publicado),
            "historial": _historial(objeto),
        },
    )


def _historial(objeto):
    historia = getattr(objeto, "historia", None)
    if historia is None:
        return []
    return list(historia.select_related("history_user").order_by("-history_date")[:HISTORIAL])
