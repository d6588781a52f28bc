"""Mail written by machines: bounces of our messages (DSNs) and auto-replies.

A bounce is matched to the outgoing message it returns by the Message-IDs it quotes, whatever
its shape: a standard ``multipart/report`` (Postfix, Exchange, Gmail, recent Exim) or a plain
text report with the original headers pasted in (older Exim, qmail, many hosted services).
"""

import re
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings

from consultas.remotas.correo_texto import decodificar, limpiar_linea

PRECEDENCIAS_AUTOMATICAS = {"bulk", "junk", "list", "auto_reply"}
REMITENTES_DE_SISTEMA = {"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"}
CABECERAS_AUTORESPUESTA = ("X-Autoreply", "X-Autorespond", "X-Auto-Reply", "X-Vacation")
# Subjects of vacation and out-of-office replies (Spanish, English, Portuguese).
ASUNTO_AUSENCIA_RE = re.compile(
    r"^\s*(?:(?:re|rv|fw|fwd|aw)\s*:\s*)*(?:"
    r"respuesta autom[aá]tica|fuera de (?:la )?oficina|ausente|ausencia|de vacaciones|"
    r"auto(?:matic)?[ -]?reply|autoresponder|out of (?:the )?office|vacation|away from|"
    r"on leave|resposta autom[aá]tica|aus[eê]ncia|fora do escrit[oó]rio|em f[eé]rias|ausente"
    r")\b",
    re.IGNORECASE,
)
ASUNTO_REBOTE_RE = re.compile(
    r"undeliver|returned mail|mail delivery (?:failed|failure|subsystem)|"
    r"delivery (?:status notification|failure|has failed)|failure notice|"
    r"no se puede entregar|no entregado|error de entrega|"
    r"n[aã]o (?:foi )?entregue|falha na entrega",
    re.IGNORECASE,
)
ASUNTO_DEMORA_RE = re.compile(r"delay|warning|retrasad|atrasad|demorad", re.IGNORECASE)
ID_RE = re.compile(rb"<([^<>\s@]{1,200}@[^<>\s]{1,200})>")
DIAGNOSTICO_RE = re.compile(r"\b[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b[^\n]*")
CODIGO_SMTP_RE = re.compile(r"\b5\d\d\b[ -][^\n]{8,}")
QMAIL_RE = re.compile(r"[^\n]*\(#[45]\.\d{1,3}\.\d{1,3}\)")


def cabecera(msg, nombre: str) -> str:
    """A header as clean one-line text ("" when absent or unreadable), parsed once per message."""
    leidas = msg.__dict__.setdefault("_cabeceras_leidas", {})
    clave = nombre.lower()
    if clave not in leidas:
        try:
            valor = msg.get(nombre)
        except (ValueError, IndexError, TypeError, AttributeError):
            valor = None
        leidas[clave] = limpiar_linea(str(valor)) if valor is not None else ""
    return leidas[clave]


def _remitente(msg) -> str:
    return parseaddr(cabecera(msg, "From"))[1].lower()


def es_de_sistema(msg) -> bool:
    local = _remitente(msg).split("@", 1)[0]
    return local in REMITENTES_DE_SISTEMA or cabecera(msg, "Return-Path").replace(" ", "") == "<>"


def motivo_automatico(msg) -> str:
    """Why a message looks automatic (auto-reply, list, our own); empty when from a person."""
    auto = cabecera(msg, "Auto-Submitted").lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    precedencia = cabecera(msg, "Precedence").lower()
    if precedencia in PRECEDENCIAS_AUTOMATICAS:
        return f"Precedence: {precedencia}"
    for nombre in CABECERAS_AUTORESPUESTA:
        if cabecera(msg, nombre):
            return nombre
    if cabecera(msg, "X-MS-Exchange-Inbox-Rules-Loop"):
        return "respuesta automática de Exchange"
    direccion = _remitente(msg)
    if not direccion:
        return "sin remitente"
    if es_de_sistema(msg):
        return f"remitente del sistema {direccion}"
    if ASUNTO_AUSENCIA_RE.search(cabecera(msg, "Subject")):
        return "asunto de respuesta automática"
    propia = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower()
    if direccion in (propia, settings.SERVICIO_CORREO.lower()):
        return "enviado por el propio servicio"
    return ""


@dataclass
class Rebote:
    message_ids: set[str]
    motivo: str
    definitivo: bool  # False for "still trying" (delayed) reports


def _partes_informe(msg):
    """(content type, decoded bytes, charset) of each leaf part of a report."""
    for parte in msg.walk():
        if parte.is_multipart():
            continue
        try:
            datos = parte.get_payload(decode=True)
        except (AssertionError, LookupError, ValueError, TypeError):
            datos = None
        if datos is None:
            datos = str(parte.get_payload()).encode("utf-8", "replace")
        yield parte.get_content_type(), datos, parte.get_param("charset")


def _campos_dsn(msg) -> tuple[str, str]:
    """(action, reason) from the per-recipient blocks of a message/delivery-status part."""
    accion = motivo = ""
    for parte in msg.walk():
        if parte.get_content_type() not in (
            "message/delivery-status",
            "message/global-delivery-status",
        ):
            continue
        bloques = parte.get_payload()
        for bloque in bloques if isinstance(bloques, list) else []:
            accion = accion or cabecera(bloque, "Action").lower()
            diagnostico = cabecera(bloque, "Diagnostic-Code").split(";", 1)[-1].strip()
            motivo = motivo or diagnostico or cabecera(bloque, "Status")
    return accion, motivo


def analizar_rebote(msg, crudo: bytes) -> Rebote | None:
    """The delivery report in ``msg``, or None when it is not one."""
    informe = msg.get_content_type() == "multipart/report"
    asunto = cabecera(msg, "Subject")
    if not (informe or es_de_sistema(msg) or ASUNTO_REBOTE_RE.search(asunto)):
        return None
    ids = {m.decode("ascii", "replace") for m in ID_RE.findall(crudo)}
    accion, motivo = _campos_dsn(msg)
    textos = []
    for tipo, datos, charset in _partes_informe(msg):
        ids.update(m.decode("ascii", "replace") for m in ID_RE.findall(datos))
        if tipo == "text/plain":
            textos.append(decodificar(datos, charset))
    if not motivo:
        for texto in textos:
            hallado = (
                DIAGNOSTICO_RE.search(texto)
                or CODIGO_SMTP_RE.search(texto)
                or QMAIL_RE.search(texto)
            )
            if hallado:
                motivo = hallado.group(0)
                break
    motivo = limpiar_linea(motivo or asunto)[:300]
    definitivo = accion == "failed" if accion else not ASUNTO_DEMORA_RE.search(asunto)
    return Rebote({f"<{i}>" for i in ids}, motivo, definitivo)
