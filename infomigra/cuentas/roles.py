"""Roles are Django groups; this module defines their permissions and keeps them in sync."""

from infomigra.vocabulario import ROL_ASESOR, ROL_EDITOR, ROL_RESPONSABLE

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
