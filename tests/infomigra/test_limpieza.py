"""Control and bidi characters never reach the database (nor the emails built from it)."""

import pytest
from django.core import mail

from consultas.models import Consulta
from infomigra.limpieza import limpiar
from tests.consultas.ayudas import datos_web

pytestmark = pytest.mark.django_db

RLO, ZWSP, LRI = "\u202e", "\u200b", "\u2066"


def test_single_line_loses_breaks_controls_and_bidi():
    assert limpiar(f"Rosa\r\nBcc: otro@example.org{RLO}txt.exe{ZWSP}\x00\x07") == (
        "Rosa Bcc: otro@example.orgtxt.exe"
    )
    assert limpiar("  Ana   María  ") == "Ana María"


def test_multi_line_keeps_breaks_and_tabs_only():
    assert limpiar(f"Línea 1\r\n\tLínea 2{LRI}\x1b[31m", multilinea=True) == (
        "Línea 1\n\tLínea 2[31m"
    )


def test_public_form_stores_clean_single_line_fields(client, sede_a, settings):
    settings.CONSULTA_TIEMPO_MINIMO = 0
    respuesta = client.post(
        "/consulta/",
        datos_web(
            nombre=f"Rosa\nQuispe{RLO}fdp.exe",
            telefono=f"987{ZWSP}654321",
            pregunta=f"¿Puedo\r\ntrabajar?{RLO}",
        ),
    )
    assert respuesta.status_code == 302
    consulta = Consulta.objects.get()
    assert consulta.nombre == "Rosa Quispefdp.exe"
    assert consulta.telefono == "987654321"
    assert consulta.resumen == "¿Puedo\ntrabajar?"
    for correo in mail.outbox:
        assert RLO not in correo.body and RLO not in correo.subject


def test_back_office_form_cleans_names_too(cliente_de, asesor_a, sede_a):
    from tests.consultas.ayudas import datos_validos

    respuesta = cliente_de(asesor_a).post(
        "/gestion/consultas/nueva/",
        datos_validos(
            sede_a, nombre=f"Luis{RLO}\r\nMamani", email="luis@example.org", consentimiento="on"
        ),
    )
    assert respuesta.status_code == 302
    assert Consulta.objects.get().nombre == "Luis Mamani"
