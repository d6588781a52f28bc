"""The Django admin's user pages, closed to privilege escalation.

Only a superuser sees or changes ``is_superuser``, ``is_staff`` and per-user permissions, or
assigns the Responsable role; nobody but a superuser edits (or sets the password of) a superuser
or another Responsable. TOTP devices are not in the admin at all: their secrets would let an
administrator impersonate anyone. A device is reset through one audited action instead.
"""

import logging

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

registro = logging.getLogger("infomigra.cuentas")
CAMPOS_PRIVILEGIADOS = ("is_superuser", "is_staff", "user_permissions")


# Permissions that make an account privileged: managing accounts, or the nationwide scope.
PERMISOS_PRIVILEGIADOS = ("add_user", "change_user", "delete_user", "ver_todas_las_sedes")


def es_privilegiado(usuario) -> bool:
    """A superuser or a Responsable (whoever may manage accounts or see every office), active
    or not: only a superuser may change such an account."""
    if usuario.is_superuser:
        return True
    return Permission.objects.filter(
        Q(user=usuario) | Q(group__user=usuario), codename__in=PERMISOS_PRIVILEGIADOS
    ).exists()


def puede_editar(actor, usuario) -> bool:
    """May ``actor`` change ``usuario`` (its data, role or password)?"""
    if actor.is_superuser:
        return True
    if usuario is None:
        return True
    return usuario.pk == actor.pk or not es_privilegiado(usuario)


def grupos_asignables(actor):
    """Groups ``actor`` may hand out: every group for a superuser, else those that grant no
    privileged permission."""
    if actor.is_superuser:
        return Group.objects.all()
    return Group.objects.exclude(permissions__codename__in=PERMISOS_PRIVILEGIADOS)


def _sin_campos(fieldsets, quitar):
    limpios = []
    for titulo, opciones in fieldsets:
        campos = [c for c in opciones.get("fields", ()) if c not in quitar]
        if campos:
            limpios.append((titulo, {**opciones, "fields": campos}))
    return limpios


class UsuarioAdmin(UserAdmin):
    actions = ["restablecer_doble_factor"]

    def _quitar(self, request, obj):
        if request.user.is_superuser:
            return set()
        quitar = set(CAMPOS_PRIVILEGIADOS)
        if obj is not None and obj.pk == request.user.pk:
            quitar.add("groups")  # a Responsable does not change their own role here
        return quitar

    def get_fieldsets(self, request, obj=None):
        return _sin_campos(super().get_fieldsets(request, obj), self._quitar(request, obj))

    def get_list_filter(self, request):
        filtros = super().get_list_filter(request)
        if request.user.is_superuser:
            return filtros
        return [f for f in filtros if f not in CAMPOS_PRIVILEGIADOS]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = grupos_asignables(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        permitido = super().has_change_permission(request, obj)
        return permitido and puede_editar(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        permitido = super().has_delete_permission(request, obj)
        return permitido and puede_editar(request.user, obj)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            # Belt and braces: whatever the form carried, the flags keep their stored values.
            previo = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
            obj.is_superuser = previo.is_superuser if previo else False
            obj.is_staff = previo.is_staff if previo else False
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.action(
        description=gettext_lazy("Restablecer la verificación en dos pasos"),
        permissions=["change"],
    )
    def restablecer_doble_factor(self, request, queryset):
        """Delete the TOTP devices and backup codes of the chosen accounts: they enrol again at
        next login."""
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        hechos = 0
        for usuario in queryset:
            if not puede_editar(request.user, usuario):
                messages.error(
                    request,
                    _("No puede restablecer la verificación de %(usuario)s.")
                    % {"usuario": usuario.get_username()},
                )
                continue
            borrados, _detalle = TOTPDevice.objects.filter(user=usuario).delete()
            StaticDevice.objects.filter(user=usuario).delete()
            self.log_change(request, usuario, _("Verificación en dos pasos restablecida."))
            registro.warning(
                "2FA reset",
                extra={"actor_id": request.user.pk, "user_id": usuario.pk, "devices": borrados},
            )
            hechos += 1
        if hechos:
            messages.success(
                request,
                ngettext(
                    "Se restableció la verificación en dos pasos de %(n)d cuenta.",
                    "Se restableció la verificación en dos pasos de %(n)d cuentas.",
                    hechos,
                )
                % {"n": hechos},
            )


def registrar(sitio=admin.site):
    """Replace the stock user admin and take the second-factor devices (TOTP secrets, backup
    codes) out of ``sitio``."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    Usuario = get_user_model()
    for modelo in (Usuario, TOTPDevice, StaticDevice):
        if sitio.is_registered(modelo):
            sitio.unregister(modelo)
    sitio.register(Usuario, UsuarioAdmin)
