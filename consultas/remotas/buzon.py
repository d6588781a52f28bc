"""Inbound email: read the service mailbox over IMAP (TLS) into consultation threads.

Each unseen message is fetched without marking it (BODY.PEEK), stored in its own transaction,
and only then flagged \\Seen: a crash in between leaves it unseen and the next run, idempotent
by Message-ID, completes the job without duplicating it.
"""

import hashlib
import html
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass, field
from datetime import timedelta
from email import policy
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext

from consultas.models import Consulta, Sede
from consultas.models.remotas import Direccion, Mensaje, TipoMensaje
from consultas.remotas import servicios as remotas
from infomigra.vocabulario import Canal, Estado, TipoMigrante

logger = logging.getLogger(__name__)

CODIGO_RE = re.compile(r"\bC-\d{4}-\d{6}\b")
ID_RE = re.compile(r"<[^<>\s]+>")
PRECEDENCIAS_AUTOMATICAS = {"bulk", "junk", "list", "auto_reply"}
REMITENTES_DE_SISTEMA = {"mailer-daemon", "postmaster"}

NUEVA, RESPUESTA, DUPLICADO, IGNORADO = "nueva", "respuesta", "duplicado", "ignorado"


class ErrorBuzon(Exception):
    """The mailbox cannot be read (configuration, connection, login, folder)."""


@dataclass
class Resumen:
    nuevas: int = 0
    respuestas: int = 0
    duplicados: int = 0
    ignorados: int = 0
    errores: list[str] = field(default_factory=list)

    def contar(self, resultado: str) -> None:
        atributo = {
            NUEVA: "nuevas",
            RESPUESTA: "respuestas",
            DUPLICADO: "duplicados",
            IGNORADO: "ignorados",
        }[resultado]
        setattr(self, atributo, getattr(self, atributo) + 1)


def _cabecera(msg, nombre: str) -> str:
    try:
        valor = msg.get(nombre)
    except (ValueError, IndexError, TypeError):
        valor = None
    return str(valor).strip() if valor is not None else ""


def motivo_automatico(msg) -> str:
    """Why a message looks automatic (auto-reply, bounce, list); empty when written by a person."""
    auto = _cabecera(msg, "Auto-Submitted").lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    precedencia = _cabecera(msg, "Precedence").lower()
    if precedencia in PRECEDENCIAS_AUTOMATICAS:
        return f"Precedence: {precedencia}"
    for cabecera in ("X-Autoreply", "X-Autorespond"):
        if _cabecera(msg, cabecera):
            return cabecera
    if _cabecera(msg, "Return-Path").replace(" ", "") == "<>":
        return "remitente nulo (Return-Path <>)"
    direccion = parseaddr(_cabecera(msg, "From"))[1].lower()
    if not direccion:
        return "sin remitente"
    if direccion.split("@", 1)[0] in REMITENTES_DE_SISTEMA:
        return f"remitente del sistema {direccion}"
    if msg.get_content_type() == "multipart/report":
        return "informe de entrega (multipart/report)"
    propia = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower()
    if direccion in (propia, settings.SERVICIO_CORREO.lower()):
        return "enviado por el propio servicio"
    return ""


def _texto(msg) -> str:
    try:
        parte = msg.get_body(preferencelist=("plain", "html"))
    except (KeyError, LookupError, ValueError):
        parte = None
    texto = ""
    if parte is not None:
        try:
            texto = parte.get_content()
        except (LookupError, UnicodeError, ValueError, AssertionError):
            texto = (parte.get_payload(decode=True) or b"").decode("utf-8", "replace")
        if parte.get_content_type() == "text/html":
            texto = html.unescape(strip_tags(texto))
    adjuntos = [p.get_filename() or p.get_content_type() for p in msg.iter_attachments()]
    if adjuntos:
        with translation.override(settings.LANGUAGE_CODE):
            aviso = gettext("Adjuntos en el buzón, no guardados aquí: %(nombres)s")
        texto += "\n\n[" + aviso % {"nombres": ", ".join(adjuntos)} + "]"
    return texto.strip()


def _recibido(msg):
    """The Date header, if plausible (not in the future nor older than 30 days)."""
    ahora = timezone.now()
    try:
        fecha = parsedate_to_datetime(_cabecera(msg, "Date"))
    except (TypeError, ValueError, IndexError):
        return ahora
    if fecha.tzinfo is None or not (ahora - timedelta(days=30) <= fecha <= ahora):
        return ahora
    return fecha


def _hilo_de(msg, remitente: str):
    """The consultation a message continues: by Message-ID references, else code + sender."""
    ids = ID_RE.findall(_cabecera(msg, "In-Reply-To") + " " + _cabecera(msg, "References"))
    if ids:
        previo = (
            Mensaje.objects.filter(message_id__in=ids)
            .select_related("consulta")
            .order_by("-creado")
            .first()
        )
        if previo:
            return previo.consulta
    codigo = CODIGO_RE.search(_cabecera(msg, "Subject"))
    if codigo:
        return Consulta.objects.filter(codigo=codigo.group(0), email__iexact=remitente).first()
    return None


def procesar(crudo: bytes) -> str:
    """Store one raw email; returns nueva, respuesta, duplicado or ignorado."""
    msg = BytesParser(policy=policy.default).parsebytes(crudo)
    encontrados = ID_RE.findall(_cabecera(msg, "Message-ID"))
    if encontrados:
        message_id = encontrados[0][:255]
    else:
        message_id = f"<{hashlib.sha256(crudo).hexdigest()}@sin-message-id>"
    if Mensaje.objects.filter(message_id=message_id).exists():
        return DUPLICADO
    motivo = motivo_automatico(msg)
    if motivo:
        logger.info("Correo %s ignorado: %s", message_id, motivo)
        return IGNORADO
    nombre, remitente = parseaddr(_cabecera(msg, "From"))
    asunto = _cabecera(msg, "Subject")[:255]
    with translation.override(settings.LANGUAGE_CODE):
        texto = _texto(msg) or asunto or gettext("(mensaje sin texto)")
    try:
        validate_email(remitente)
        email = remitente[:254]
    except ValidationError:
        email = ""  # kept in the message's sender; the consultation has no address to answer
    campos = {
        "remitente": remitente[:254],
        "destinatario": parseaddr(_cabecera(msg, "To"))[1][:254],
        "asunto": asunto,
        "message_id": message_id,
        "in_reply_to": _cabecera(msg, "In-Reply-To")[:255],
        "referencias": _cabecera(msg, "References"),
    }
    try:
        with transaction.atomic():
            consulta = _hilo_de(msg, remitente)
            if consulta is not None:
                remotas.agregar_seguimiento(consulta, texto, **campos)
                return RESPUESTA
            recibida = _recibido(msg)
            consulta = Consulta.objects.create(
                canal=Canal.CORREO,
                estado=Estado.PENDIENTE,
                sede=Sede.principal(),
                recibida=recibida,
                tipo_migrante=TipoMigrante.PUBLICO,
                resumen=texto,
                email=email,
                nombre=nombre[:150],
            )
            Mensaje.objects.create(
                consulta=consulta,
                direccion=Direccion.ENTRADA,
                tipo=TipoMensaje.CONSULTA,
                cuerpo=texto,
                creado=recibida,
                **campos,
            )
            return NUEVA
    except IntegrityError:
        # Another reader stored the same Message-ID first.
        if Mensaje.objects.filter(message_id=message_id).exists():
            return DUPLICADO
        raise


def conectar() -> imaplib.IMAP4:
    if not settings.IMAP_HOST:
        raise ErrorBuzon("IMAP_HOST no está configurado: no hay buzón que leer.")
    contexto = ssl.create_default_context(cafile=settings.IMAP_CAFILE or None)
    try:
        if settings.IMAP_SSL:
            imap = imaplib.IMAP4_SSL(
                settings.IMAP_HOST, settings.IMAP_PORT, ssl_context=contexto, timeout=30
            )
        else:
            imap = imaplib.IMAP4(settings.IMAP_HOST, settings.IMAP_PORT, timeout=30)
            imap.starttls(ssl_context=contexto)
        imap.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise ErrorBuzon(
            f"No se pudo conectar al buzón {settings.IMAP_HOST}:{settings.IMAP_PORT}: {exc}"
        ) from exc
    carpeta = settings.IMAP_FOLDER
    if " " in carpeta and not carpeta.startswith('"'):
        carpeta = f'"{carpeta}"'
    estado, datos = imap.select(carpeta)
    if estado != "OK":
        imap.logout()
        raise ErrorBuzon(f"No se pudo abrir la carpeta {settings.IMAP_FOLDER!r}: {datos}")
    return imap


def _crudo(datos) -> bytes | None:
    for parte in datos or []:
        if isinstance(parte, tuple) and len(parte) == 2:
            return parte[1]
    return None


def leer_buzon() -> Resumen:
    """Store every unseen message of the mailbox; flag each \\Seen once committed."""
    resumen = Resumen()
    imap = conectar()
    try:
        estado, datos = imap.uid("SEARCH", None, "UNSEEN")
        if estado != "OK":
            raise ErrorBuzon(f"La búsqueda de mensajes no leídos falló: {datos}")
        for uid in datos[0].split():
            etiqueta = uid.decode()
            try:
                estado, partes = imap.uid("FETCH", uid, "(BODY.PEEK[])")
                crudo = _crudo(partes)
                if estado != "OK" or crudo is None:
                    resumen.errores.append(f"mensaje UID {etiqueta}: no se pudo descargar")
                    continue
                resultado = procesar(crudo)
            except Exception as exc:  # one bad message must not stop the others
                logger.exception("Error al procesar el mensaje UID %s", etiqueta)
                resumen.errores.append(f"mensaje UID {etiqueta}: {exc}")
                continue
            # Committed (or already stored, or deliberately ignored): now it may be marked seen.
            imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
            resumen.contar(resultado)
    finally:
        try:
            imap.close()
            imap.logout()
        except (OSError, imaplib.IMAP4.error):
            logger.warning("El buzón no cerró la sesión limpiamente")
    return resumen
