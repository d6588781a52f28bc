"""leer_correo against the real dovecot: what was read is tracked by UID, never by \\Seen; a
message that cannot be stored never blocks the others; arrival time is the server's; a broken
connection ends in a clean summary without losing or duplicating anything."""

import datetime as dt

import pytest
from django.utils import timezone

from consultas.models import Consulta, Mensaje
from consultas.remotas import buzon
from tests.conftest import dar_doble_factor
from tests.consultas.remotas.correos import correo, leer
from tests.servidores_correo import ProxyTCP

pytestmark = pytest.mark.django_db


def test_message_already_opened_by_staff_is_imported(servidor_imap):
    from consultas.models.remotas import CorreoLeido

    servidor_imap.entregar(
        servidor_imap.usuario, correo("<abierto@example.org>"), banderas="(\\Seen)"
    )
    servidor_imap.entregar(servidor_imap.usuario, correo("<nuevo@example.org>"))

    assert leer()[0] == 0
    ids = set(Mensaje.objects.filter(direccion="entrada").values_list("message_id", flat=True))
    assert ids == {"<abierto@example.org>", "<nuevo@example.org>"}
    # Staff's flags are theirs: the unread one is still unread for them.
    assert servidor_imap.no_leidos(servidor_imap.usuario) == 1
    # Read again: nothing new, nothing duplicated (tracked by UIDVALIDITY + UID).
    assert leer()[0] == 0
    assert Consulta.objects.count() == 2
    assert CorreoLeido.objects.filter(resultado="guardado").count() == 2


def test_message_marked_read_between_runs_is_not_read_twice(servidor_imap):
    servidor_imap.entregar(servidor_imap.usuario, correo("<uno@example.org>"))
    leer()
    imap = servidor_imap.conectar(servidor_imap.usuario)
    imap.select("INBOX")
    imap.store("1", "-FLAGS", "(\\Seen)")
    imap.logout()
    leer()
    assert Mensaje.objects.filter(message_id="<uno@example.org>").count() == 1


def test_nul_bytes_are_stripped_and_never_block_the_mailbox(servidor_imap):
    # Dovecot itself rewrites raw NULs; encoded ones (quoted-printable, base64, encoded
    # words) reach the application, and PostgreSQL refuses them in text columns.
    crudo = (
        b"From: Rosa Quispe <rosa@example.org>\r\nTo: infomigra@trabajo.example\r\n"
        b"Subject: =?utf-8?q?Con=00sulta_urgente?=\r\nMessage-ID: <nul@example.org>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"Hola=00 necesito ayuda=00 con mi visa=0D=0A\r\n"
    )
    servidor_imap.entregar(servidor_imap.usuario, crudo)
    servidor_imap.entregar(servidor_imap.usuario, correo("<despues@example.org>"))

    assert leer()[0] == 0
    mensaje = Mensaje.objects.get(message_id="<nul@example.org>")
    assert "\x00" not in mensaje.cuerpo and "\x00" not in mensaje.asunto
    assert "necesito ayuda con mi visa" in mensaje.cuerpo
    assert mensaje.asunto == "Consulta urgente"
    assert "\x00" not in mensaje.consulta.resumen
    assert Mensaje.objects.filter(message_id="<despues@example.org>").exists()
    assert leer()[0] == 0
    mensaje = Mensaje.objects.get(message_id="<nul@example.org>")
    assert "\x00" not in mensaje.cuerpo and "\x00" not in mensaje.asunto
    assert "necesito ayuda con mi visa" in mensaje.cuerpo
    assert Mensaje.objects.filter(message_id="<despues@example.org>").exists()
    assert leer()[0] == 0  # and later runs are clean


def test_message_that_cannot_be_stored_is_set_aside_and_never_blocks(
    servidor_imap, monkeypatch, capsys, admin_user, cliente_de
):
    servidor_imap.entregar(servidor_imap.usuario, correo("<veneno@example.org>"))
    servidor_imap.entregar(
        servidor_imap.usuario, correo("<sano@example.org>", de="ana@example.org")
    )
    real = buzon.procesar

    def procesar(crudo, recibido=None):
        if b"<veneno@example.org>" in crudo:
            raise ValueError("valor que la base de datos rechaza")
        return real(crudo, recibido)

    monkeypatch.setattr(buzon, "procesar", procesar)
    estado, salida = leer(capsys)
    assert estado == 1 and "se reintentará" in salida
    from consultas.models.remotas import CorreoLeido

    assert Mensaje.objects.filter(message_id="<sano@example.org>").exists()
    for _ in range(buzon.INTENTOS_LECTURA - 1):
        estado, salida = leer(capsys)
    assert estado == 1 and "Apartado tras varios intentos" in salida
    apartado = CorreoLeido.objects.get(resultado="apartado")
    assert "valor que la base de datos rechaza" in apartado.motivo
    assert b"<veneno@example.org>" in bytes(apartado.crudo)  # kept for a human
    dar_doble_factor(admin_user)
    lista = cliente_de(admin_user).get("/admin/consultas/correoleido/?resultado__exact=apartado")
    assert "valor que la base de datos rechaza" in lista.content.decode()
    # Set aside: later runs are clean and the rest of the mailbox keeps flowing.
    servidor_imap.entregar(
        servidor_imap.usuario, correo("<otro@example.org>", de="eva@example.org")
    )
    assert leer(capsys)[0] == 0
    assert Mensaje.objects.filter(message_id="<otro@example.org>").exists()


def test_received_time_is_the_server_arrival_not_the_date_header(
    servidor_imap, asesor_a, cliente_de
):
    ahora = timezone.now()
    atrasado = ahora - dt.timedelta(days=29)
    servidor_imap.entregar(servidor_imap.usuario, correo("<atrasado@example.org>", fecha=atrasado))
    llegada = ahora - dt.timedelta(hours=2)
    servidor_imap.entregar(
        servidor_imap.usuario, correo("<llegada@example.org>", de="eva@example.org"), fecha=llegada
    )
    leer()
    consulta = Mensaje.objects.get(message_id="<atrasado@example.org>").consulta
    assert abs((consulta.recibida - ahora).total_seconds()) < 120  # not 29 days ago
    assert consulta.fecha == timezone.localdate()
    mensaje = consulta.mensajes.get(direccion="entrada")
    assert abs((mensaje.fecha_declarada - atrasado).total_seconds()) < 2  # kept as information
    hilo = cliente_de(asesor_a).get(f"/gestion/bandeja/{consulta.codigo}/").content.decode()
    declarada = timezone.localtime(mensaje.fecha_declarada).strftime("%d/%m/%Y %H:%M")
    assert f"fecha escrita en el correo: {declarada}" in hilo
    otra = Mensaje.objects.get(message_id="<llegada@example.org>").consulta
    assert abs((otra.recibida - llegada).total_seconds()) < 2


@pytest.fixture
def proxy(servidor_imap, settings):
    relevo = ProxyTCP(servidor_imap.puerto_starttls)
    settings.IMAP_PORT = relevo.puerto
    settings.IMAP_TIMEOUT = 2
    yield relevo
    relevo.cerrar()


@pytest.mark.parametrize("falla", ["cortar", "congelar"])
def test_imap_failure_mid_run_gives_summary_and_loses_nothing(
    servidor_imap, proxy, monkeypatch, capsys, falla, settings
):
    for i in range(3):
        servidor_imap.entregar(
            servidor_imap.usuario, correo(f"<corte{i}@example.org>", de=f"p{i}@example.org")
        )
    monkeypatch.setattr(buzon, "LOTE", 1)
    real = buzon.procesar

    def procesar(crudo, recibido=None):
        resultado = real(crudo, recibido)
        getattr(proxy, falla)()  # dovecot killed / frozen after the first message
        return resultado

    monkeypatch.setattr(buzon, "procesar", procesar)
    estado, salida = leer(capsys)
    assert estado == 1
    assert "Consultas nuevas: 1" in salida
    assert "La conexión con el buzón se interrumpió" in salida
    assert "Traceback" not in salida
    monkeypatch.undo()
    settings.IMAP_PORT = servidor_imap.puerto_starttls
    assert leer(capsys)[0] == 0
    ids = list(Mensaje.objects.filter(direccion="entrada").values_list("message_id", flat=True))
    assert sorted(ids) == [f"<corte{i}@example.org>" for i in range(3)]
