"""Offices and staff, managed by a Responsable."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from consultas.equipo.forms import SedeForm, UsuarioForm
from consultas.models import Sede
from infomigra.acceso import permiso_requerido
from infomigra.vocabulario import ROLES


@require_safe
@permiso_requerido("consultas.change_sede")
def equipo(request):
    sedes = Sede.objects.annotate(
        n_personal=Count("personal", filter=Q(personal__usuario__is_active=True))
    )
    personal = (
        get_user_model()
        .objects.filter(Q(perfil__isnull=False) | Q(groups__name__in=ROLES))
        .select_related("perfil__sede")
        .prefetch_related("groups")
        .distinct()
        .order_by("perfil__sede__nombre", "last_name", "username")
    )
    return render(request, "gestion/equipo/lista.html", {"sedes": sedes, "personal": personal})


@require_http_methods(["GET", "POST"])
@permiso_requerido("consultas.change_sede")
def sede_editar(request, codigo=None):
    sede = get_object_or_404(Sede, codigo=codigo) if codigo else None
    form = SedeForm(request.POST or None, instance=sede)
    if request.method == "POST" and form.is_valid():
        sede = form.save()
        messages.success(request, _("Sede «%(nombre)s» guardada.") % {"nombre": sede.nombre})
        return redirect("gestion:equipo")
    titulo = _("Editar sede") if sede else _("Nueva sede")
    return render(request, "gestion/equipo/formulario.html", {"form": form, "titulo": titulo})


@require_http_methods(["GET", "POST"])
@permiso_requerido("consultas.change_sede")
def usuario_editar(request, pk=None):
    usuario = get_object_or_404(get_user_model(), pk=pk) if pk else None
    form = UsuarioForm(request.POST or None, usuario=usuario)
    if request.method == "POST" and form.is_valid():
        usuario = form.save()
        messages.success(
            request, _("Usuario «%(usuario)s» guardado.") % {"usuario": usuario.username}
        )
        return redirect("gestion:equipo")
    titulo = _("Editar usuario") if usuario else _("Nuevo usuario")
    return render(request, "gestion/equipo/formulario.html", {"form": form, "titulo": titulo})
