from django.conf import settings


def servicio(request):
    """The service's identity for every template."""
    return {
        "SERVICIO_NOMBRE": settings.SERVICIO_NOMBRE,
        "SERVICIO_ENTIDAD": settings.SERVICIO_ENTIDAD,
        "SERVICIO_CORREO": settings.SERVICIO_CORREO,
    }
