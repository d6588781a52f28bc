"""Generic role checks (roles are Django groups named in ``infomigra.vocabulario``).

They live here, in the lowest layer, so every app (``faq``, ``contenidos``, ``consultas``) can
gate its back-office views without importing a higher app.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from infomigra.vocabulario import ROL_RESPONSABLE, ROLES


def roles_de(usuario) -> set[str]:
    if not usuario.is_authenticated:
        return set()
    cache = getattr(usuario, "_roles_cache", None)
    if cache is None:
        cache = set(usuario.groups.filter(name__in=ROLES).values_list("name", flat=True))
        if usuario.is_superuser:
            cache.add(ROL_RESPONSABLE)
        usuario._roles_cache = cache
    return cache


def es_responsable(usuario) -> bool:
    return ROL_RESPONSABLE in roles_de(usuario)


def tiene_rol(usuario, *roles) -> bool:
    return bool(roles_de(usuario) & set(roles or ROLES))


def rol_requerido(*roles):
    """Login required, then one of ``roles`` (any role when none given), else 403."""

    def decorador(vista):
        @login_required
        @wraps(vista)
        def envuelta(request, *args, **kwargs):
            if not tiene_rol(request.user, *roles):
                raise PermissionDenied
            return vista(request, *args, **kwargs)

        return envuelta

    return decorador
