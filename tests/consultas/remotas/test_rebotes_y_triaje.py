"""Bounces of our answers come back to the inbox flagged; triage keeps spam out of statistics
(the daily summary stays exact) and the inbox is paged with sender and subject."""

from pathlib import Path

import pytest
from django.utils import timezone

from consultas.estadisticas import resumen as resumen_diario
from consultas.models import Consulta, ResumenDiario
from consultas.remotas import servicios as remotas
from tests.consultas.ayudas import consulta_remota
from tests.consultas.remotas.correos import correo, leer

pytestmark = pytest.mark.django_db

DSN_POSTFIX = Path(__file__).resolve().parents[2] / "correo" / "dsn_postfix.eml"


def test_bounce_of_an_answer_reopens_and_is_shown(
    servidor_imap, servidor_smtp, asesor_a, cliente_de
):
    servidor_imap.entregar(
        servidor_imap.usuario,
        correo("<ana@example.pe>", de="Ana Torres <ana.torres@example.pe>", asunto="Visa"),
    )
    leer()
    consulta = Consulta.objects.get()
    respuesta = remotas.responder(consulta, asesor_a, "Puede solicitar la visa en el consulado.")
    consulta.refresh_from_db()
    assert consulta.estado == "respondida"

    dsn = DSN_POSTFIX.read_bytes().replace(b"{{ID_RESPUESTA}}", respuesta.message_id.encode())
    dsn = dsn.replace(b"{{CODIGO}}", consulta.codigo.encode()).replace(b"\n", b"\r\n")
    servidor_imap.entregar(servidor_imap.usuario, dsn)
    assert leer()[0] == 0

    consulta.refresh_from_db()
    respuesta.refresh_from_db()
    assert consulta.estado == "pendiente"
    assert respuesta.estado_envio == "rebotado"
    assert Consulta.objects.count() == 1  # the bounce is no consultation
    hilo = cliente_de(asesor_a).get(f"/gestion/bandeja/{consulta.codigo}/").content.decode()
    assert "no entregado: 550 5.1.1" in hilo and "User unknown" in hilo
    lista = cliente_de(asesor_a).get("/gestion/bandeja/").content.decode()
    assert consulta.codigo in lista and "No entregado" in lista


def _celdas_exactas():
    guardado = set(ResumenDiario.objects.values_list("fecha", "sede_id", "dimension", "valor",
                                                     "cantidad"))  # fmt: skip
    resumen_diario.reconstruir()
    reconstruido = set(
        ResumenDiario.objects.values_list("fecha", "sede_id", "dimension", "valor", "cantidad")
    )
    assert guardado == reconstruido
    return {(d, v): n for _f, _s, d, v, n in reconstruido if d == "total"}


def test_bulk_discard_leaves_inbox_and_statistics_exactly(cliente_de, asesor_a, sede_a):
    spam = [consulta_remota(sede_a, canal="correo", resumen="Gane dinero") for _ in range(3)]
    real = consulta_remota(sede_a, canal="correo")
    total = ResumenDiario.objects.filter(dimension="total").values_list("cantidad", flat=True)
    assert sum(total) == 4

    respuesta = cliente_de(asesor_a).post(
        "/gestion/bandeja/descartar/",
        {"codigos": [c.codigo for c in spam], "motivo": "spam"},
        follow=True,
    )
    html = respuesta.content.decode()
    assert "Se descartaron 3 consultas" in html
    assert real.codigo in html and not any(c.codigo in html for c in spam)
    assert Consulta.objects.filter(estado="descartada", motivo_descarte="spam").count() == 3
    assert sum(c for c in _celdas_exactas().values()) == 1
    from consultas.estadisticas.servicio import consultas_del_periodo

    # The day the consultations were received (an hour ago: yesterday between 00:00 and 01:00).
    dia = timezone.localdate(real.recibida)
    assert consultas_del_periodo(dia, dia).count() == 1

    # Restored from its thread: back in the inbox and in the statistics.
    cliente_de(asesor_a).post(f"/gestion/bandeja/{spam[0].codigo}/restaurar/")
    assert Consulta.objects.get(pk=spam[0].pk).estado == "pendiente"
    assert sum(_celdas_exactas().values()) == 2


def test_flood_discarded_on_arrival_is_never_counted(servidor_imap, settings):
    settings.CORREO_LIMITE_POR_REMITENTE = 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for i in range(6):
        servidor_imap.entregar(
            servidor_imap.usuario, correo(f"<spam{i}@example.org>", de="oferta@spam.example")
        )
    leer()
    assert Consulta.objects.count() == 6
    assert sum(_celdas_exactas().values()) == 2


def test_inbox_pages_of_fifty_with_sender_and_subject(cliente_de, responsable, sede_a):
    from consultas.remotas import triaje as bandeja

    for i in range(55):
        consulta = consulta_remota(sede_a, horas=100 - i, canal="correo", email=f"p{i}@example.org")
        consulta.mensajes.update(remitente=f"p{i}@example.org", asunto=f"Asunto número {i}")
    cliente = cliente_de(responsable)
    primera = cliente.get("/gestion/bandeja/").content.decode()
    assert primera.count('name="codigos"') == bandeja.POR_PAGINA == 50
    assert "p0@example.org" in primera and "Asunto número 0" in primera
    assert "55 consultas pendientes" in primera and "página 1 de 2" in primera
    segunda = cliente.get("/gestion/bandeja/?pagina=2").content.decode()
    assert segunda.count('name="codigos"') == 5 and "Asunto número 54" in segunda
    assert cliente.get("/gestion/bandeja/?pagina=999").status_code == 200
    assert cliente.get("/gestion/bandeja/?pagina=x").status_code == 200


def test_discard_without_selection_or_reason_explains(cliente_de, asesor_a, sede_a):
    consulta = consulta_remota(sede_a)
    respuesta = cliente_de(asesor_a).post(
        "/gestion/bandeja/descartar/", {"codigos": [consulta.codigo], "motivo": "otro"}, follow=True
    )
    assert "elija el motivo del descarte" in respuesta.content.decode()
    assert Consulta.objects.get(pk=consulta.pk).estado == "pendiente"
