"""CSP violations are reported to our own endpoint and stored, with a size cap and a per-address
hourly allowance."""

import json

import pytest

from infomigra.cuentas.models import InformeCSP

pytestmark = pytest.mark.django_db

INFORME = {
    "csp-report": {
        "document-uri": "https://infomigra.example/consulta/seguimiento/3f9a0c1e2b4d5f6a7b8c9d0e/",
        "effective-directive": "script-src-elem",
        "blocked-uri": "https://malicioso.example/x.js",
    }
}


def _enviar(client, cuerpo, ip="198.51.100.7"):
    return client.post(
        "/csp-informe/", cuerpo, content_type="application/csp-report", REMOTE_ADDR=ip
    )


def test_policy_names_the_report_endpoint(client):
    assert "report-uri /csp-informe/" in client.get("/").headers["Content-Security-Policy"]


def test_a_report_is_stored_without_the_token_of_the_page(client):
    assert _enviar(client, json.dumps(INFORME)).status_code == 204
    informe = InformeCSP.objects.get()
    assert informe.directiva == "script-src-elem"
    assert informe.bloqueado == "https://malicioso.example/x.js"
    assert informe.documento == "/consulta/seguimiento/***/"


def test_bad_oversized_and_excess_reports_are_refused(client, settings):
    assert _enviar(client, "no es json").status_code == 400
    assert _enviar(client, "x" * 9000).status_code == 413
    settings.CSP_INFORMES_POR_HORA = 2
    respuestas = [_enviar(client, json.dumps(INFORME), ip="203.0.113.5") for _ in range(4)]
    assert [r.status_code for r in respuestas] == [204, 204, 429, 429]
    assert InformeCSP.objects.count() == 2
