"""The public form and the boletín cannot relay mail: the acknowledgement quotes nothing the
sender typed, and confirmation mails to one address are limited per day."""

import pytest
from django.core import mail

from tests.consultas.ayudas import datos_web as datos_validos

URL = "/consulta/"

pytestmark = pytest.mark.django_db

SPAM = "Gane dinero en http://estafa.example ahora"


def test_acknowledgement_quotes_neither_text_nor_name(client, sede_a, settings):
    settings.CONSULTA_TIEMPO_MINIMO = 0
    respuesta = client.post(URL, datos_validos(pregunta=SPAM, nombre="Visite estafa.example"))
    assert respuesta.status_code == 302
    [acuse] = mail.outbox
    html = acuse.alternatives[0][0]
    for cuerpo in (acuse.body, html):
        assert "estafa.example" not in cuerpo
        assert "Gane dinero" not in cuerpo
    assert "/consulta/seguimiento/" in acuse.body  # still carries the code and private link


def test_acknowledgements_to_one_address_are_limited_per_day(client, sede_a, settings):
    settings.CONSULTA_TIEMPO_MINIMO = 0
    settings.ACUSE_LIMITE_POR_DIA = 3
    for n in range(5):
        respuesta = client.post(
            URL, datos_validos(email="victima@example.org"), REMOTE_ADDR=f"198.51.100.{n}"
        )
        assert respuesta.status_code == 302
    assert len(mail.outbox) == 3
    pagina = client.get("/consulta/enviada/").content.decode()
    assert "no enviamos otro" in pagina
    # Another address is not affected.
    client.post(URL, datos_validos(email="otra@example.org"), REMOTE_ADDR="198.51.100.9")
    assert len(mail.outbox) == 4


def test_boletin_confirmations_to_one_address_are_limited(client, settings):
    settings.BOLETIN_CONFIRMACIONES_POR_DIA = 2
    for _ in range(5):
        respuesta = client.post("/boletin/suscribirse/", {"email": "victima@example.org"})
        assert respuesta.status_code == 302
    assert len(mail.outbox) == 2
    client.post("/boletin/suscribirse/", {"email": "otra@example.org"})
    assert len(mail.outbox) == 3
