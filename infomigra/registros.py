"""Structured logs: a JSON formatter and one log line per request.

The request line carries method, the URL *pattern* and route name (never the concrete path nor
the query string: follow-up, password-reset and boletín links carry secret tokens), status,
duration and the user's numeric id: no addresses, no names, no form data. Any other log line
(Django's "Not Found: /…", a traceback) has token-like path segments masked by the formatter.
"""

import json
import logging
import re
import time
from datetime import UTC, datetime

registro_peticiones = logging.getLogger("infomigra.peticiones")

# Attributes every LogRecord has; anything else was passed through ``extra`` and is emitted.
_ESTANDAR = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request", "server_time"}
# A path segment of 20+ URL-safe characters with a digit: a token, never a word or a slug.
_SEGMENTO_SECRETO = re.compile(r"(?<=/)(?=[^/\s?#]*\d)[A-Za-z0-9_\-:.=%]{20,}(?=[/\s?#\"']|$)")
MASCARA = "***"
# IP addresses keep their network part only (IPv4 /24, IPv6 /48), as in anonymised web logs.
_IPV4 = re.compile(r"\b(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}\b")
_IPV6 = re.compile(
    r"\b([0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}):[0-9a-fA-F:]*[0-9a-fA-F]\b"
)


def enmascarar(texto: str) -> str:
    """``texto`` with token-like path segments replaced by ``***`` and IP addresses cut to
    their network part (``192.0.2.0``, ``2001:db8:1::``)."""
    texto = _SEGMENTO_SECRETO.sub(MASCARA, texto)
    texto = _IPV4.sub(r"\1.0", texto)
    return _IPV6.sub(r"\1::", texto)


class SinTrazaEn4xx(logging.Filter):
    """Django logs every 403 with the PermissionDenied traceback: keep the line, drop the
    traceback (a refused request is not a fault)."""

    def filter(self, record):
        codigo = getattr(record, "status_code", None)
        if codigo is not None and 400 <= codigo < 500:
            record.exc_info = None
            record.exc_text = None
        return True


def ruta_para_registro(request) -> tuple[str, str]:
    """(pattern, route name) of the request: ``/consulta/seguimiento/<str:token>/``; an
    unresolved path (404) is logged masked."""
    coincidencia = getattr(request, "resolver_match", None)
    if coincidencia is not None and coincidencia.route:
        return "/" + coincidencia.route.lstrip("^").rstrip("$"), coincidencia.view_name or ""
    return enmascarar(request.path), ""


class FormateadorJSON(logging.Formatter):
    """One JSON object per line: time, level, logger, message, extra fields, traceback."""

    def format(self, record):
        datos = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": enmascarar(record.getMessage()),
        }
        for clave, valor in vars(record).items():
            if clave not in _ESTANDAR and not clave.startswith("_"):
                simple = isinstance(valor, int | float | bool | type(None))
                datos[clave] = valor if simple else enmascarar(str(valor))
        if record.exc_info:
            datos["traceback"] = enmascarar(self.formatException(record.exc_info))
        elif record.stack_info:
            datos["traceback"] = enmascarar(self.formatStack(record.stack_info))
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
            ruta, nombre = ruta_para_registro(request)
            registro_peticiones.info(
                "%s %s %s",
                request.method,
                ruta,
                estado,
                extra={
                    "method": request.method,
                    "path": ruta,
                    "route": nombre,
                    "status": estado,
                    "duration_ms": round((time.perf_counter() - inicio) * 1000, 1),
                    "user_id": usuario_id,
                },
            )
