"""Roles are Django groups; this module keeps their permissions in sync and answers role checks."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from infomigra.vocabulario import ROL_ASESOR, ROL_EDITOR, ROL_RESPONSABLE, ROLES

# Permissions per role as "app_label.codename"; "app_label.*" means every permission of the app.
PERMISOS = {
    ROL_ASESOR: [
        "consultas.view_consulta",
        "consultas.add_consulta",
        "consultas.change_consulta",
        "consultas.view_sede",
        "consultas.ver_reportes",
        "consultas.view_mensaje",
        "consultas.add_mensaje",
    ],
    ROL_RESPONSABLE: [
        "consultas.*",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
    ],
    ROL_EDITOR: ["contenidos.*", "faq.*"],
}


def sincronizar_roles(sender=None, **kwargs):
    """Create the role groups and give them their permissions (runs after every migrate)."""
    from django.contrib.auth.models import Group, Permission

    for rol, permisos in PERMISOS.items():
        grupo, _ = Group.objects.get_or_create(name=rol)
        encontrados = []
        for permiso in permisos:
            app_label, codename = permiso.split(".", 1)
            qs = Permission.objects.filter(content_type__app_label=app_label)
            if codename != "*":
                qs = qs.filter(codename=codename)
            encontrados.extend(qs)
        grupo.permissions.set(encontrados)


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
