"""Offices and staff, managed by a Responsable."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from consultas.equipo.forms import SedeForm, UsuarioForm
from consultas.models import Sede
from infomigra.acceso import permiso_requerido
from infomigra.cuentas import alta
from infomigra.cuentas.admin_usuarios import puede_editar
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
        .prefetch_related(
            "groups", Prefetch("totpdevice_set", TOTPDevice.objects.filter(confirmed=True))
        )
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
    if usuario is not None and not puede_editar(request.user, usuario):
        raise PermissionDenied  # only a superuser edits a superuser or another Responsable
    form = UsuarioForm(request.POST or None, usuario=usuario)
    if request.method == "POST" and form.is_valid():
        usuario = form.save()
        messages.success(
            request, _("Usuario «%(usuario)s» guardado.") % {"usuario": usuario.username}
        )
        return redirect("gestion:equipo")
    titulo = _("Editar usuario") if usuario else _("Nuevo usuario")
    return render(request, "gestion/equipo/formulario.html", {"form": form, "titulo": titulo})


@require_POST
@permiso_requerido("consultas.change_sede")
def enlace_doble_factor(request, pk):
    """Mail a staff member the one-time link that enrols their first 2FA device (the password
    alone does not)."""
    usuario = get_object_or_404(get_user_model(), pk=pk)
    if not puede_editar(request.user, usuario):
        raise PermissionDenied  # only a superuser acts for a superuser or another Responsable
    if user_has_device(usuario):
        messages.info(
            request,
            _("«%(usuario)s» ya tiene la verificación en dos pasos activada.")
            % {"usuario": usuario.username},
        )
    elif not usuario.email:
        messages.error(
            request,
            _("«%(usuario)s» no tiene correo electrónico: agréguelo antes de enviar el enlace.")
            % {"usuario": usuario.username},
        )
    else:
        alta.enviar_por_correo(usuario)
        messages.success(
            request,
            _("Se envió a %(email)s el enlace para activar la verificación en dos pasos.")
            % {"email": usuario.email},
        )
    return redirect("gestion:equipo")
