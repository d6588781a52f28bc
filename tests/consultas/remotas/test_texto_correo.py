"""What a person wrote reaches the back office as readable text, whatever their client sent
(read end to end through the real dovecot)."""

from email.message import EmailMessage

import pytest

from consultas.models import Mensaje
from tests.consultas.remotas.correos import correo, leer

pytestmark = pytest.mark.django_db

CABECERAS = (
    b"From: Carolina Rojas <carolina@example.pe>\r\nTo: infomigra@trabajo.example\r\n"
    b"Subject: Consulta\r\nMIME-Version: 1.0\r\n"
)


def _leido(servidor_imap, crudo: bytes, message_id: str) -> str:
    servidor_imap.entregar(servidor_imap.usuario, crudo)
    assert leer()[0] == 0
    return Mensaje.objects.get(message_id=message_id).cuerpo


def test_blank_text_part_does_not_hide_the_html_part(servidor_imap):
    msg = EmailMessage()
    msg["From"] = "carolina@example.pe"
    msg["Subject"] = "Renovación de pasaporte"
    msg["Message-ID"] = "<vacio@example.pe>"
    msg.set_content("\n  \n")
    msg.add_alternative(
        "<html><body><p>Buenas tardes,</p><p>¿Cómo renuevo mi pasaporte en Santiago?"
        "</p><div>Saludos cordiales,</div><div>Carolina</div></body></html>",
        subtype="html",
    )
    texto = _leido(servidor_imap, msg.as_bytes(), "<vacio@example.pe>")
    assert "¿Cómo renuevo mi pasaporte en Santiago?" in texto
    # Paragraphs and line breaks survive (not "cordiales,Carolina").
    assert "Saludos cordiales,\nCarolina" in texto
    assert "Buenas tardes,\n\n¿Cómo" in texto


def test_html_line_breaks_are_kept(servidor_imap):
    msg = EmailMessage()
    msg["From"] = "yenny@example.pe"
    msg["Message-ID"] = "<br@example.pe>"
    msg.set_content("<p>Necesito ayuda con mi trámite.</p><p>Gracias<br>Yenny</p>", subtype="html")
    texto = _leido(servidor_imap, msg.as_bytes(), "<br@example.pe>")
    assert "trámite.\n\nGracias\nYenny" in texto


def test_undeclared_8bit_text_is_decoded_by_detection(servidor_imap):
    crudo = (
        CABECERAS + b"Message-ID: <sin-charset@example.pe>\r\nContent-Type: text/plain\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + "Buenos días, quisiera saber cuánto cuesta el trámite de la visa de "
        "trabajo en España y qué documentos necesito para la solicitud.\r\n".encode("latin-1")
    )
    texto = _leido(servidor_imap, crudo, "<sin-charset@example.pe>")
    assert "Buenos días" in texto and "cuánto cuesta el trámite" in texto


def test_cp1252_bytes_under_a_latin1_label(servidor_imap):
    crudo = (
        CABECERAS + b"Message-ID: <cp1252@example.pe>\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        b"Me cobraron \x8050 por el \x93certificado\x94 \x96 \xbfes legal?\r\n"
    )
    texto = _leido(servidor_imap, crudo, "<cp1252@example.pe>")
    assert "Me cobraron €50 por el “certificado” – ¿es legal?" in texto


def test_forwarded_message_is_kept_as_text(servidor_imap):
    original = EmailMessage()
    original["From"] = "Empresa Agrícola <rrhh@agricola.example.es>"
    original["Subject"] = "Oferta de trabajo temporal"
    original["Date"] = "Mon, 23 Nov 2026 10:00:00 +0100"
    original.set_content("Le ofrecemos un contrato de 6 meses. Debe pagar 300 euros de visado.")
    msg = EmailMessage()
    msg["From"] = "jorge@example.pe"
    msg["Subject"] = "Fwd: Oferta de trabajo temporal"
    msg["Message-ID"] = "<reenvio@example.pe>"
    msg.set_content("¿Esta oferta es confiable?")
    msg.add_attachment(original)
    texto = _leido(servidor_imap, msg.as_bytes(), "<reenvio@example.pe>")
    assert texto.startswith("¿Esta oferta es confiable?")
    assert "Mensaje reenviado" in texto and "rrhh@agricola.example.es" in texto
    assert "Debe pagar 300 euros de visado." in texto


def test_control_characters_are_removed(servidor_imap):
    crudo = correo("<control@example.pe>", cuerpo="Hola\x07 mundo\x1b[31m rojo\x0b fin")
    texto = _leido(servidor_imap, crudo, "<control@example.pe>")
    assert texto == "Hola mundo[31m rojo fin"


def test_long_bodies_are_capped_and_attachments_listed_with_size(servidor_imap, settings):
    settings.CORREO_MAX_TEXTO = 1000
    msg = EmailMessage()
    msg["From"] = "maria@example.pe"
    msg["Message-ID"] = "<largo@example.pe>"
    msg.set_content("Mi historia. " * 500)
    msg.add_attachment(
        b"%PDF-1.4" + b"0" * 2040, maintype="application", subtype="pdf", filename="contrato.pdf"
    )
    msg.add_attachment(b"\x89PNG" + b"1" * 300, maintype="image", subtype="png", filename="dni.png")
    texto = _leido(servidor_imap, msg.as_bytes(), "<largo@example.pe>")
    assert len(texto) < 1300
    assert "Texto recortado" in texto and "sigue en el buzón" in texto
    assert "contrato.pdf (2,0\xa0KB)" in texto and "dni.png (304\xa0bytes)" in texto
