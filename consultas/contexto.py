from infomigra.acceso import roles_de
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


CLAVE_SEDES = "sedes_publicas"


def sedes_publicas():
    """Active offices (name, address, hours) for the portal's "where we attend"; cached."""
    from django.core.cache import cache

    from consultas.models import Sede

    return cache.get_or_set(
        CLAVE_SEDES,
        lambda: list(Sede.objects.filter(activa=True).values("nombre", "direccion", "horario")),
        300,
    )


def sedes(request):
    return {"sedes_publicas": sedes_publicas}
