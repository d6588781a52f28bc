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
