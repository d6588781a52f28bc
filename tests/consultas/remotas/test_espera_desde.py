"""The inbox's stored "waiting since" (``Consulta.espera_desde``) stays equal to the person's
last message (else the reception time) through every write path, and the inbox orders by it."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db.models import Max
from django.utils import timezone

from consultas.models import Consulta, Mensaje
from consultas.remotas import servicios as remotas
from consultas.remotas import triaje
from tests.consultas.ayudas import consulta_remota, datos_web
from tests.consultas.remotas.correos import correo, leer

pytestmark = pytest.mark.django_db

DSN = """From: MAILER-DAEMON@mx.example.org
To: infomigra@trabajo.example
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-{n}@mx.example.org>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

The mail system: user unknown.

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; {para}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--b
Content-Type: text/rfc822-headers

Message-ID: {mid}
Subject: Respuesta

--b--
"""


def _segun_el_hilo(consulta) -> object:
    """The definition: the last incoming message's time, else the reception time."""
    ultima = consulta.mensajes.filter(direccion="entrada").aggregate(m=Max("creado"))["m"]
    return ultima or consulta.recibida


def _exacta():
    consultas = list(Consulta.objects.all())
    assert consultas
    for consulta in consultas:
        assert consulta.espera_desde == _segun_el_hilo(consulta), consulta.codigo


def _bandeja(usuario) -> list[str]:
    return [f.consulta.codigo for f in triaje.pagina(usuario, 1).object_list]


def test_web_submission_waits_since_its_message(client):
    assert client.post("/consulta/", datos_web()).status_code == 302
    consulta = Consulta.objects.get()
    entrada = consulta.mensajes.get(direccion="entrada")
    assert consulta.espera_desde == consulta.recibida == entrada.creado
    _exacta()


def test_follow_up_answer_and_bounce_keep_it_exact(
    servidor_imap, servidor_smtp, asesor_a, settings
):
    settings.CORREO_LIMITE_POR_REMITENTE = 100
    primera = correo("<a1@example.org>", de="Ana <ana@example.org>", asunto="Pensión")
    servidor_imap.entregar(servidor_imap.usuario, primera)
    assert leer()[0] == 0
    a = Consulta.objects.get()
    b = consulta_remota(a.sede, horas=0, canal="correo", email="beto@example.org")
    _exacta()
    assert _bandeja(asesor_a) == [a.codigo, b.codigo]

    # SMTP accepts the answer: answered, out of the inbox, the wait time untouched.
    antes = Consulta.objects.get(pk=a.pk).espera_desde
    respuesta = remotas.responder(a, asesor_a, "Puede cobrarla desde Italia.")
    a.refresh_from_db()
    assert a.estado == "respondida" and a.espera_desde == antes
    assert _bandeja(asesor_a) == [b.codigo]
    _exacta()

    # The person writes again: reopened, and now waiting since that message (after b).
    replica = correo(
        "<a2@example.org>", de="Ana <ana@example.org>", asunto="Re: Pensión",
        In_Reply_To=respuesta.message_id,
    )  # fmt: skip
    servidor_imap.entregar(servidor_imap.usuario, replica)
    assert leer()[0] == 0
    a.refresh_from_db()
    nuevo = Mensaje.objects.get(message_id="<a2@example.org>")
    assert a.estado == "pendiente" and a.espera_desde == nuevo.creado > antes
    assert _bandeja(asesor_a) == [b.codigo, a.codigo]
    _exacta()

    # A second answer bounces: back in the inbox, still waiting since the person's reply.
    segunda = remotas.responder(a, asesor_a, "Le envío el formulario.")
    a.refresh_from_db()
    assert a.estado == "respondida"
    dsn = DSN.format(n=1, para="ana@example.org", mid=segunda.message_id)
    servidor_imap.entregar(servidor_imap.usuario, dsn.replace("\n", "\r\n").encode())
    assert leer()[0] == 0
    a.refresh_from_db()
    assert a.estado == "pendiente" and a.espera_desde == nuevo.creado
    assert _bandeja(asesor_a) == [b.codigo, a.codigo]
    _exacta()


def test_discard_and_restore_keep_the_wait(asesor_a, sede_a):
    vieja = consulta_remota(sede_a, horas=30)
    nueva = consulta_remota(sede_a, horas=2)
    esperas = dict(Consulta.objects.values_list("pk", "espera_desde"))
    assert triaje.descartar(asesor_a, [vieja.codigo], "spam") == 1
    assert _bandeja(asesor_a) == [nueva.codigo]
    triaje.restaurar(vieja)
    assert _bandeja(asesor_a) == [vieja.codigo, nueva.codigo]
    assert dict(Consulta.objects.values_list("pk", "espera_desde")) == esperas
    [fila, _] = triaje.pagina(asesor_a, 1).object_list
    assert 29.9 < fila.horas < 30.1 and fila.alerta and not fila.urgente
    _exacta()


def test_editing_the_reception_time(sede_a):
    sin_mensajes = Consulta.objects.create(
        canal="correo", sede=sede_a, tipo_migrante="emigrante", email="x@example.org"
    )
    con_mensaje = consulta_remota(sede_a, horas=5)
    for consulta in (sin_mensajes, con_mensaje):
        consulta.recibida = timezone.now() - timedelta(days=3)
        consulta.save()
    _exacta()
    sin_mensajes.refresh_from_db()
    assert sin_mensajes.espera_desde == sin_mensajes.recibida
    con_mensaje.refresh_from_db()
    assert con_mensaje.espera_desde > con_mensaje.recibida  # its message is what counts


def test_a_stale_copy_saved_after_a_new_message_does_not_undo_it(sede_a):
    consulta = consulta_remota(sede_a, horas=10)
    copia = Consulta.objects.get(pk=consulta.pk)  # e.g. open in the edit form
    remotas.agregar_seguimiento(consulta, "Olvidé decir que vivo en Milán.")
    copia.resumen = "Pensión desde Italia (editado)"
    copia.save()
    _exacta()
    assert copia.espera_desde > consulta.recibida + timedelta(hours=9)


def test_an_earlier_message_read_late_does_not_move_it_back(sede_a):
    consulta = consulta_remota(sede_a, horas=1)
    antes = Consulta.objects.get(pk=consulta.pk).espera_desde
    remotas.agregar_seguimiento(consulta, "Mensaje viejo", creado=antes - timedelta(hours=6))
    consulta.refresh_from_db()
    assert consulta.espera_desde == antes
    _exacta()


def test_the_data_migration_backfills_from_the_threads(sede_a):
    con_hilo = consulta_remota(sede_a, horas=4)
    remotas.agregar_seguimiento(con_hilo, "Otra pregunta")
    Consulta.objects.create(
        canal="presencial", sede=sede_a, tipo_migrante="retornado", email="r@example.org"
    )
    Consulta.objects.update(espera_desde=timezone.now() - timedelta(days=400))
    migracion = importlib.import_module("consultas.migrations.0022_espera_desde_bandeja")
    migracion.calcular(apps, None)
    _exacta()
