from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def salud(request):
    """Health check: 200 after a real database query, 503 when the database is down."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"estado": "error", "base_de_datos": "sin conexión"}, status=503)
    return JsonResponse({"estado": "ok", "base_de_datos": "ok"})


def error_servidor(request):
    """500 page: no database, no context processors; only the service's name from settings.

    A database that is down or restarting (connection refused, connection lost) is not a fault
    of the request: it answers 503 with Retry-After and a page saying to try again shortly.
    """
    import sys

    from django.conf import settings
    from django.db import InterfaceError, OperationalError
    from django.http import HttpResponse, HttpResponseServerError
    from django.template.loader import render_to_string

    contexto = {"SERVICIO_NOMBRE": settings.SERVICIO_NOMBRE}
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        respuesta = HttpResponse(render_to_string("503.html", contexto), status=503)
        respuesta["Retry-After"] = str(settings.REINTENTAR_TRAS_SEGUNDOS)
        respuesta["Cache-Control"] = "no-store"
        return respuesta
    return HttpResponseServerError(render_to_string("500.html", contexto))
