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
        # Workshops, partners and returnee follow-up of their own office.
        "consultas.view_taller",
        "consultas.add_taller",
        "consultas.change_taller",
        "consultas.view_inscripcion",
        "consultas.change_inscripcion",
        "consultas.view_socio",
        "consultas.add_socio",
        "consultas.change_socio",
        "consultas.view_retornado",
        "consultas.add_retornado",
        "consultas.change_retornado",
        "consultas.add_derivacion",
        "consultas.change_derivacion",
        "consultas.change_control",
    ],
    ROL_RESPONSABLE: [
        "consultas.*",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        # Oversight of the portal: the editor workspace's lists and review dates, read-only.
        "contenidos.view_guia",
        "contenidos.view_paisguia",
        "contenidos.view_alerta",
        "contenidos.view_video",
        "faq.view_pregunta",
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
