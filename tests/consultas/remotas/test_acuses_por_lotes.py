"""Acknowledgements of the emails read are sent in batches over one SMTP connection, each
exactly once; a refused recipient or a message another process holds is handled as before."""

import pytest
from django.utils import timezone

from consultas.models import Mensaje
from consultas.remotas import acuses, buzon
from infomigra.correo import cola
from tests.consultas.remotas.correos import correo
from tests.servidores_correo import ServidorSMTP

pytestmark = pytest.mark.django_db


class SMTPQueCuentaConexiones(ServidorSMTP):
    def __init__(self):
        super().__init__()
        self.conexiones = set()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.conexiones.add(session.peer)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def smtp(settings):
    servidor = SMTPQueCuentaConexiones()
    servidor.iniciar()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", servidor.puerto
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield servidor
    servidor.detener()


def _acuses(n: int) -> list[int]:
    ids = []
    for i in range(n):
        resultado = buzon.procesar(correo(f"<c{i}@example.org>", de=f"p{i}@example.org"))
        assert resultado.tipo == buzon.NUEVA
        ids.append(resultado.acuse_id)
    return ids


def _destinatarios(servidor) -> list[str]:
    return sorted(m["To"] for m in servidor.recibidos)


def test_a_batch_goes_over_one_connection_each_once(smtp, monkeypatch):
    monkeypatch.setattr(cola, "MARCA_LOTE", 4)
    ids = _acuses(11)
    acuses.enviar(ids)
    assert _destinatarios(smtp) == sorted(f"p{i}@example.org" for i in range(11))
    assert len(smtp.conexiones) == 1
    enviados = Mensaje.objects.filter(pk__in=ids)
    assert {(m.estado_envio, m.intentos, m.reclamado_el) for m in enviados} == {
        ("enviado", 1, None)
    }
    acuses.enviar(ids)  # already sent: nothing goes out again
    assert len(smtp.recibidos) == 11


def test_a_refused_recipient_stops_the_batch_and_the_rest_go_one_by_one(smtp):
    ids = _acuses(6)
    smtp.rechazar = {"p2@example.org"}
    acuses.enviar(ids)
    assert _destinatarios(smtp) == sorted(f"p{i}@example.org" for i in range(6) if i != 2)
    rechazado = Mensaje.objects.get(pk=ids[2])
    assert rechazado.estado_envio == "no_enviado" and rechazado.intentos == 1
    assert "destinatario rechazado (550" in rechazado.ultimo_error
    assert rechazado.reclamado_el is None
    otros = Mensaje.objects.filter(pk__in=ids).exclude(pk=ids[2])
    assert set(otros.values_list("estado_envio", "intentos")) == {("enviado", 1)}


def test_a_message_another_process_holds_is_not_sent(smtp):
    ids = _acuses(3)
    Mensaje.objects.filter(pk=ids[1]).update(reclamado_el=timezone.now(), intentos=1)
    acuses.enviar(ids)
    assert _destinatarios(smtp) == ["p0@example.org", "p2@example.org"]
    retenido = Mensaje.objects.get(pk=ids[1])
    assert retenido.estado_envio == "pendiente" and retenido.intentos == 1


def test_an_unreachable_server_leaves_every_ack_for_a_retry(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    ids = _acuses(3)
    acuses.enviar(ids)
    estados = set(Mensaje.objects.filter(pk__in=ids).values_list("estado_envio", "intentos"))
    assert estados == {("no_enviado", 1)}
