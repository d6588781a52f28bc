"""The Content-Security-Policy report endpoint: browsers POST what the policy blocked.

Anyone can post here, so the body is capped, each address has an hourly allowance, and only
three short fields are kept (page paths with token segments masked).
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from infomigra import limites
from infomigra.cuentas.models import InformeCSP
from infomigra.red import direccion_cliente
from infomigra.registros import enmascarar

TAMANO_MAXIMO = 8 * 1024


def _informes(cuerpo: bytes) -> list[dict]:
    datos = json.loads(cuerpo)
    if isinstance(datos, dict) and isinstance(datos.get("csp-report"), dict):
        return [datos["csp-report"]]  # report-uri format
    if isinstance(datos, list):  # Reporting API (report-to)
        return [
            d.get("body") for d in datos if isinstance(d, dict) and isinstance(d.get("body"), dict)
        ]
    raise ValueError("formato desconocido")


def _texto(valor, largo):
    return str(valor or "")[:largo]


@csrf_exempt
@require_POST
def informe(request):
    if len(request.body) > TAMANO_MAXIMO:
        return HttpResponse(status=413)
    if not limites.tomar("csp", direccion_cliente(request), settings.CSP_INFORMES_POR_HORA):
        return HttpResponse(status=429)
    try:
        informes = _informes(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponseBadRequest("informe no válido", content_type="text/plain")
    for datos in informes[:10]:
        pagina = datos.get("document-uri") or datos.get("documentURL") or ""
        InformeCSP.objects.create(
            directiva=_texto(
                datos.get("effective-directive") or datos.get("effectiveDirective"), 100
            ),
            bloqueado=_texto(datos.get("blocked-uri") or datos.get("blockedURL"), 500),
            documento=_texto(enmascarar(urlsplit(str(pagina)).path), 500),
        )
    return HttpResponse(status=204)
