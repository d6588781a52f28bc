"""manage.py recordatorio_pendientes: each advisor gets their consultations waiting over 24 h."""

import pytest
from django.core.management import call_command

from tests.conftest import crear_usuario
from tests.consultas.ayudas import consulta_remota

pytestmark = pytest.mark.django_db


def test_each_advisor_gets_own_and_unassigned_office_consultations(
    asesor_a, asesor_b, sede_a, sede_b, servidor_smtp, capsys
):
    asesor_a.email = "asesor.a@trabajo.example"
    asesor_a.save()
    asesor_b.email = "asesor.b@trabajo.example"
    asesor_b.save()
    otro = crear_usuario("otro", "Asesor", sede_a)
    mia = consulta_remota(sede_a, horas=30, asesor=asesor_a)
    libre = consulta_remota(sede_a, horas=26)
    de_otro = consulta_remota(sede_a, horas=40, asesor=otro)
    reciente = consulta_remota(sede_a, horas=3)
    respondida = consulta_remota(sede_a, horas=50, estado="respondida")
    de_b = consulta_remota(sede_b, horas=30)

    call_command("recordatorio_pendientes")
    assert "Recordatorios enviados: 2" in capsys.readouterr().out

    por_destino = {c["To"]: c.get_body(("plain",)).get_content() for c in servidor_smtp.recibidos}
    texto_a = por_destino["asesor.a@trabajo.example"]
    assert mia.codigo in texto_a and libre.codigo in texto_a
    for ausente in (de_otro, reciente, respondida, de_b):
        assert ausente.codigo not in texto_a
    assert "sin asignar" in texto_a
    assert f"/gestion/bandeja/{mia.codigo}/" in texto_a
    texto_b = por_destino["asesor.b@trabajo.example"]
    assert de_b.codigo in texto_b and mia.codigo not in texto_b


def test_nothing_to_remind_sends_nothing(asesor_a, sede_a, servidor_smtp, capsys):
    consulta_remota(sede_a, horas=2)
    call_command("recordatorio_pendientes")
    assert "Recordatorios enviados: 0" in capsys.readouterr().out
    assert servidor_smtp.recibidos == []


def test_a_reminder_that_fails_stays_queued_and_is_delivered_later(
    asesor_a, sede_a, servidor_smtp, settings
):
    from django.core.management.base import CommandError

    from infomigra.correo.models import CorreoSaliente
    from tests.servidores_correo import puerto_libre

    asesor_a.email = "asesor.a@trabajo.example"
    asesor_a.save()
    consulta = consulta_remota(sede_a, horas=30)
    smtp_real = settings.EMAIL_PORT
    settings.EMAIL_PORT = puerto_libre()  # the mail server is down
    with pytest.raises(CommandError, match="quedan en la cola"):
        call_command("recordatorio_pendientes")
    guardado = CorreoSaliente.objects.get()
    assert guardado.destinatario == "asesor.a@trabajo.example" and guardado.enviado_el is None
    settings.EMAIL_PORT = smtp_real
    call_command("reenviar_pendientes")
    recibido = servidor_smtp.recibidos[0]
    assert consulta.codigo in recibido.get_body(("plain",)).get_content()
    assert recibido["Message-ID"] == guardado.message_id
    # Delivered: the queue keeps no copy of the text.
    guardado.refresh_from_db()
    assert guardado.enviado_el is not None and (guardado.texto, guardado.html) == ("", "")
