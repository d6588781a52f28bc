"""Building test emails and running leer_correo against the real dovecot."""

from email.message import EmailMessage
from email.utils import format_datetime

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone


def correo(
    message_id="<m@example.org>",
    asunto="Consulta sobre visa de trabajo",
    de="Luis Mamani <luis@example.org>",
    cuerpo="Hola, quiero trabajar en Chile. ¿Qué visa necesito?",
    fecha=None,
    **cabeceras,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = de
    msg["To"] = "infomigra@trabajo.example"
    msg["Subject"] = asunto
    msg["Date"] = format_datetime(fecha or timezone.now())
    if message_id:
        msg["Message-ID"] = message_id
    for nombre, valor in cabeceras.items():
        msg[nombre.replace("_", "-")] = valor
    msg.set_content(cuerpo)
    return msg.as_bytes()


def leer(capsys=None) -> tuple[int, str]:
    """Run ``manage.py leer_correo``; (exit status, stdout + stderr when capsys is given)."""
    try:
        call_command("leer_correo")
        estado = 0
    except CommandError:
        estado = 1
    salida = ""
    if capsys is not None:
        capturado = capsys.readouterr()
        salida = capturado.out + capturado.err
    return estado, salida
