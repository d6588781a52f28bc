"""The text a person wrote in an email, as readable plain text, whatever their mail client did.

- A blank text part never hides the HTML one; HTML becomes text keeping paragraphs and line
  breaks (inscriptis).
- Bytes are decoded by the declared charset; undeclared or wrongly declared 8-bit text by
  detection (charset-normalizer); a "Latin-1" label is read as cp1252, its common superset
  (curly quotes, dashes and the euro sign of Windows clients).
- A forwarded message (``message/rfc822``) is kept as text, with its sender, date and subject.
- Control characters (NUL included: PostgreSQL refuses it) are removed; the text is capped at
  ``CORREO_MAX_TEXTO`` characters; attachments are listed by name and size, not stored.
"""

import re
import unicodedata

from charset_normalizer import from_bytes
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from inscriptis import get_text

# Windows clients label cp1252 text as Latin-1 (or ASCII): decode it as the superset.
ALIAS_CP1252 = {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "us-ascii", "ascii", "l1"}
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff\ufffe\uffff]")
LINEAS_VACIAS_RE = re.compile(r"\n{3,}")
LATINOS = set("áéíóúÁÉÍÓÚñÑüÜ¿¡àèìòùÀÈÌÒÙâêîôûÂÊÎÔÛãõÃÕçÇäëïöÄËÏÖ“”‘’–—€…°ºª«»·\xa0")


def limpiar(texto: str) -> str:
    """Normalised line ends, no control characters, no runs of blank lines."""
    texto = texto.replace("\r\n", "\n").replace("\r", "\n")
    texto = unicodedata.normalize("NFC", CONTROL_RE.sub("", texto))
    lineas = [linea.strip() for linea in texto.split("\n")]
    return LINEAS_VACIAS_RE.sub("\n\n", "\n".join(lineas)).strip()


def limpiar_linea(texto: str) -> str:
    """One-line header values (subject, name): no control characters nor line breaks."""
    return " ".join(CONTROL_RE.sub("", texto or "").split())


def _latino(texto: str) -> bool:
    """Only the letters and signs Spanish and Portuguese writers use beyond ASCII."""
    return all(c.isascii() or c in LATINOS for c in texto)


def _detectado(crudo: bytes) -> str:
    # Most 8-bit mail here comes from Windows clients in Spanish or Portuguese: cp1252 when it
    # reads as such, else the detector (which may take short Spanish text for cp1250).
    try:
        texto = crudo.decode("cp1252")
    except UnicodeDecodeError:
        texto = ""
    if texto and _latino(texto):
        return texto
    mejor = from_bytes(crudo).best()
    if mejor is None:
        return crudo.decode("utf-8", "replace")
    return str(mejor)


def decodificar(crudo: bytes, charset: str | None) -> str:
    """Bytes of a text part as str: declared charset, else detection; never raises."""
    if not crudo:
        return ""
    charset = (charset or "").strip().lower()
    if charset in ALIAS_CP1252:
        if crudo.isascii():
            return crudo.decode("ascii")
        try:
            crudo.decode("utf-8")
        except UnicodeDecodeError:
            return crudo.decode("cp1252", "replace")
        return crudo.decode("utf-8")  # mislabelled UTF-8: common with old webmail forms
    if charset:
        try:
            return crudo.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return crudo.decode("utf-8")
    except UnicodeDecodeError:
        return _detectado(crudo)


def _contenido(parte) -> str:
    try:
        crudo = parte.get_payload(decode=True) or b""
    except (AssertionError, LookupError, ValueError, TypeError):
        crudo = str(parte.get_payload()).encode("utf-8", "replace")
    if isinstance(crudo, str):
        crudo = crudo.encode("utf-8", "replace")
    return decodificar(crudo, parte.get_param("charset"))


def html_a_texto(html: str) -> str:
    if not html.strip():
        return ""
    try:
        return get_text(html)
    except (ValueError, TypeError, AttributeError):  # markup lxml cannot make sense of
        return strip_tags(html)


def _cuerpo(msg) -> str:
    """The text part if it says anything, else the HTML part as text."""
    for tipo in ("plain", "html"):
        try:
            parte = msg.get_body(preferencelist=(tipo,))
        except (KeyError, LookupError, ValueError, AttributeError):
            parte = None
        if parte is None:
            continue
        texto = _contenido(parte)
        if tipo == "html":
            texto = html_a_texto(texto)
        texto = limpiar(texto)
        if texto:
            return texto
    return ""


def _partes_sueltas(msg):
    """Leaf parts that are attachments or forwarded messages (not inside forwarded ones)."""
    if msg.get_content_maintype() == "message":
        return
    if not msg.is_multipart():
        return
    for parte in msg.get_payload():
        if not hasattr(parte, "get_content_type"):
            continue
        if parte.get_content_type() == "message/rfc822":
            yield parte
        elif parte.is_multipart():
            yield from _partes_sueltas(parte)
        elif parte.get_filename() or parte.get_content_disposition() == "attachment":
            yield parte


def _reenviado(parte) -> str:
    interno = parte.get_payload()
    interno = interno[0] if isinstance(interno, list) and interno else interno
    if not hasattr(interno, "get_body"):
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        titulo = gettext("Mensaje reenviado")
        de, fecha, asunto = gettext("De:"), gettext("Fecha:"), gettext("Asunto:")
    lineas = [f"---------- {titulo} ----------"]
    for etiqueta, cabecera in ((de, "From"), (fecha, "Date"), (asunto, "Subject")):
        try:
            valor = interno.get(cabecera)
        except (ValueError, IndexError, TypeError):
            valor = None
        if valor:
            lineas.append(f"{etiqueta} {limpiar_linea(str(valor))}")
    return "\n".join(lineas) + "\n\n" + texto_completo(interno, profundidad=1)


def texto_completo(msg, profundidad: int = 0) -> str:
    """Body text + forwarded messages as text + the list of attachments (name and size)."""
    bloques = [_cuerpo(msg)]
    adjuntos = []
    for parte in _partes_sueltas(msg):
        if parte.get_content_type() == "message/rfc822":
            if profundidad < 3:
                bloques.append(_reenviado(parte))
            continue
        try:
            tamano = len(parte.get_payload(decode=True) or b"")
        except (AssertionError, LookupError, ValueError, TypeError):
            tamano = 0
        nombre = limpiar_linea(parte.get_filename() or "") or parte.get_content_type()
        with translation.override(settings.LANGUAGE_CODE):
            adjuntos.append(f"{nombre} ({filesizeformat(tamano)})")
    texto = "\n\n".join(b for b in bloques if b)
    if profundidad == 0:
        texto = _recortado(texto)
    if adjuntos:
        with translation.override(settings.LANGUAGE_CODE):
            aviso = gettext("Adjuntos en el buzón, no guardados aquí: %(nombres)s")
            aviso %= {"nombres": ", ".join(adjuntos)}
        texto += "\n\n[" + aviso + "]"
    return texto.strip()


def _recortado(texto: str) -> str:
    limite = settings.CORREO_MAX_TEXTO
    if len(texto) <= limite:
        return texto
    with translation.override(settings.LANGUAGE_CODE):
        aviso = gettext(
            "[Texto recortado: el mensaje completo (%(total)s caracteres) sigue en el buzón.]"
        ) % {"total": len(texto)}
    return texto[:limite].rstrip() + "\n\n" + aviso


def texto_de(msg) -> str:
    """What to store of an email: its readable text (capped at ``CORREO_MAX_TEXTO``)."""
    return texto_completo(msg)
