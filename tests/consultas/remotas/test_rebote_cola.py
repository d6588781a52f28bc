"""A bounce of a mail of the common queue (here a boletín confirmation, shaped like an
Exchange Online report in tests/correo/) read through the real dovecot: recorded on the queue
row, its owner told as for a mail given up, shown where staff see that mail's state."""

from pathlib import Path

import pytest

from consultas.models import Consulta
from contenidos import boletin
from contenidos.models import Suscriptor
from infomigra.correo import cola
from infomigra.correo.models import CorreoSaliente
from tests.consultas.remotas.correos import leer

pytestmark = pytest.mark.django_db

DSN = Path(__file__).resolve().parents[2] / "correo" / "dsn_cola_boletin_exchange.eml"


def _informe(message_id: str, demora: bool = False) -> bytes:
    texto = DSN.read_bytes().replace(b"{{ID_COLA}}", message_id.encode())
    if demora:
        texto = texto.replace(b"Action: failed", b"Action: delayed")
    return texto.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


@pytest.fixture
def confirmacion(servidor_smtp):
    """Eva subscribes; the confirmation leaves through the queue to the real SMTP server."""
    boletin.suscribir("eva.luna@example.org", [], "es")
    correo = CorreoSaliente.objects.get(tipo=boletin.CONFIRMAR)
    (recibido,) = servidor_smtp.recibidos
    assert correo.enviado_el is not None and recibido["Message-ID"] == correo.message_id
    return correo


def test_a_permanent_bounce_is_recorded_the_owner_told_and_staff_see_it(
    servidor_imap, confirmacion, capsys, cliente_de, responsable
):
    servidor_imap.entregar(servidor_imap.usuario, _informe(confirmacion.message_id))
    estado, salida = leer(capsys)
    assert estado == 0 and "Rebotes de nuestros correos: 1" in salida
    assert Consulta.objects.count() == 0  # no consultation from a robot
    confirmacion.refresh_from_db()
    assert confirmacion.rebotado_el is not None
    assert "RecipientNotFound" in confirmacion.rebote
    # The owner (the subscription) was told: an address that does not exist gets nothing more.
    assert Suscriptor.objects.get(email="eva.luna@example.org").baja_el is not None

    url = "/gestion/datos-personales/"
    texto = cliente_de(responsable).post(url, {"email": "eva.luna@example.org"}).content.decode()
    assert "No entregado: " in texto and "RecipientNotFound" in texto
    exportado = cliente_de(responsable).post(
        url, {"email": "eva.luna@example.org", "accion": "exportar"}
    )
    (fila,) = exportado.json()["otros_servicios"]["correos_enviados"]
    assert fila["rebotado_el"] and "RecipientNotFound" in fila["rebote"]


def test_the_same_report_again_is_recognised_and_tells_nobody_twice(
    servidor_imap, confirmacion, capsys, monkeypatch
):
    avisos = []
    monkeypatch.setattr(Suscriptor, "correo_fallido", lambda s, c, d: avisos.append(c.pk))
    servidor_imap.entregar(servidor_imap.usuario, _informe(confirmacion.message_id))
    servidor_imap.entregar(servidor_imap.usuario, _informe(confirmacion.message_id))
    estado, salida = leer(capsys)
    assert estado == 0 and "Rebotes de nuestros correos: 2" in salida
    assert avisos == [confirmacion.pk]


def test_a_delay_notice_records_nothing(servidor_imap, confirmacion, capsys):
    servidor_imap.entregar(servidor_imap.usuario, _informe(confirmacion.message_id, demora=True))
    estado, salida = leer(capsys)
    assert estado == 0 and "Automáticos ignorados: 1" in salida
    confirmacion.refresh_from_db()
    assert confirmacion.rebotado_el is None
    assert Suscriptor.objects.get().baja_el is None


def test_only_a_failure_of_the_address_ends_a_subscription(settings, servidor_smtp):
    from tests.servidores_correo import puerto_libre

    settings.CORREO_MAX_INTENTOS = 1
    smtp_real, settings.EMAIL_PORT = settings.EMAIL_PORT, puerto_libre()
    boletin.suscribir("rosa@example.org", [], "es")  # our mail server is down: given up…
    correo = CorreoSaliente.objects.get()
    assert correo.abandonado_el is not None and not correo.direccion_invalida
    assert Suscriptor.objects.get(email="rosa@example.org").baja_el is None  # …not her fault
    settings.EMAIL_PORT = smtp_real
    servidor_smtp.rechazar.add("nadie@example.org")
    boletin.suscribir("nadie@example.org", [], "es")  # 550 at RCPT TO: the address is wrong
    assert CorreoSaliente.objects.get(destinatario="nadie@example.org").direccion_invalida
    assert Suscriptor.objects.get(email="nadie@example.org").baja_el is not None


def test_a_bounce_reason_is_forgotten_with_the_address(servidor_imap, confirmacion):
    servidor_imap.entregar(servidor_imap.usuario, _informe(confirmacion.message_id))
    leer()
    assert cola.olvidar_direccion("eva.luna@example.org") == 1
    confirmacion.refresh_from_db()
    assert (confirmacion.destinatario, confirmacion.rebote) == ("", "")
