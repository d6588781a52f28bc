"""Access checks, said one way: Django permissions.

Roles are groups that grant permissions (``infomigra.cuentas.roles``); views, the menu and the
templates ask for permissions, never for role names. They live here, in the lowest layer, so
every app can gate its back-office views without importing a higher app.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

# The nationwide scope: sees and reports on every office (a Responsable).
TODAS_LAS_SEDES = "consultas.ver_todas_las_sedes"


def es_responsable(usuario) -> bool:
    """True for staff with the nationwide scope (every office)."""
    return usuario.is_authenticated and usuario.has_perm(TODAS_LAS_SEDES)


def tiene_algun_permiso(usuario, *permisos) -> bool:
    """Any of ``permisos``; with none given, any permission at all (any staff role)."""
    if not usuario.is_authenticated or not usuario.is_active:
        return False
    if permisos:
        return any(usuario.has_perm(permiso) for permiso in permisos)
    return usuario.is_superuser or bool(usuario.get_all_permissions())


def permiso_requerido(*permisos):
    """Login required, then any of ``permisos`` ("app_label.codename"; with none, any staff
    permission), else 403."""

    def decorador(vista):
        @login_required
        @wraps(vista)
        def envuelta(request, *args, **kwargs):
            if not tiene_algun_permiso(request.user, *permisos):
                raise PermissionDenied
            return vista(request, *args, **kwargs)

        return envuelta

    return decorador
