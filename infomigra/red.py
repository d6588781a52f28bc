"""The client's address, the one way every part of the project reads it.

Votes, visits, rate limits, django-axes and the request log all call ``direccion_cliente``.
Behind the deployment's proxy (``PROXY_SSL_HEADER=1``, see docs/despliegue.md) the address is
the right-most ``X-Forwarded-For`` entry: the one our proxy appended (what comes before it is
whatever the client sent). Without a declared proxy the header is ignored: a direct client
could write anything in it.
"""

from django.conf import settings


def direccion_cliente(request) -> str:
    """The client's IP address as a string; empty when unknown."""
    if getattr(settings, "PROXY_SSL_HEADER", False):
        reenviada = request.META.get("HTTP_X_FORWARDED_FOR", "")
        direcciones = [parte.strip() for parte in reenviada.split(",") if parte.strip()]
        if direcciones:
            return direcciones[-1]
    return request.META.get("REMOTE_ADDR", "") or ""
