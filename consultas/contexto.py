from consultas.roles import roles_de
from infomigra.vocabulario import ROL_ASESOR, ROL_EDITOR, ROL_RESPONSABLE


def roles(request):
    """Role flags for the back-office menu."""
    usuario = getattr(request, "user", None)
    actuales = roles_de(usuario) if usuario is not None else set()
    return {
        "es_responsable": ROL_RESPONSABLE in actuales,
        "es_asesor": ROL_ASESOR in actuales,
        "es_editor": ROL_EDITOR in actuales,
    }
