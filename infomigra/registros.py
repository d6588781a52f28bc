"""Structured logs: a JSON formatter and one log line per request.

The request line carries method, path (never the query string), status, duration and the user's
numeric id: no addresses, no names, no form data.
"""

import json
import logging
import time
from datetime import UTC, datetime

registro_peticiones = logging.getLogger("infomigra.peticiones")

# Attributes every LogRecord has; anything else was passed through ``extra`` and is emitted.
_ESTANDAR = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request", "server_time"}


class FormateadorJSON(logging.Formatter):
    """One JSON object per line: time, level, logger, message, extra fields, traceback."""

    def format(self, record):
        datos = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for clave, valor in vars(record).items():
            if clave not in _ESTANDAR and not clave.startswith("_"):
                simple = isinstance(valor, int | float | bool | type(None))
                datos[clave] = valor if simple else str(valor)
        if record.exc_info:
            datos["traceback"] = self.formatException(record.exc_info)
        elif record.stack_info:
            datos["traceback"] = self.formatStack(record.stack_info)
        return json.dumps(datos, ensure_ascii=False)


class RegistroDePeticionesMiddleware:
    """Log one line per request, including requests that end in an exception (status 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        inicio = time.perf_counter()
        estado = 500
        try:
            respuesta = self.get_response(request)
            estado = respuesta.status_code
            return respuesta
        finally:
            usuario = getattr(request, "user", None)
            usuario_id = usuario.pk if usuario is not None and usuario.is_authenticated else None
            registro_peticiones.info(
                "%s %s %s",
                request.method,
                request.path,
                estado,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": estado,
                    "duration_ms": round((time.perf_counter() - inicio) * 1000, 1),
                    "user_id": usuario_id,
                },
            )
