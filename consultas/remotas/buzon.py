"""Inbound email: read the service mailbox over IMAP (TLS) into consultation threads.

The mailbox is shared with staff, so what the back office already has is tracked in the
database by folder + UIDVALIDITY + UID (``CorreoLeido``), never by ``\\Seen``: a message opened
in a mail client is still imported, and the flags staff see are left alone. Messages are
fetched in batches without marking them (BODY.PEEK) with the server's arrival time
(INTERNALDATE); each batch is stored in one transaction, one savepoint per message, together
with its ``CorreoLeido`` rows: a crash or a lost connection leaves the batch unread and the
next run, idempotent by UID and Message-ID, completes it without duplicating anything. A
message that cannot be stored is retried on the next runs, then set aside with its reason.
"""

import contextlib
import hashlib
import imaplib
import logging
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from consultas.estadisticas import resumen as resumen_diario
from consultas.models import Consulta
from consultas.models.remotas import (
    CorreoLeido,
    Direccion,
    Mensaje,
    ResultadoLectura,
    TipoMensaje,
)
from consultas.remotas import acuses, correo, rebotes
from consultas.remotas import servicios as remotas
from consultas.remotas.correo_automatico import (
    analizar_rebote,
    cabecera,
    motivo_automatico,
)
from consultas.remotas.correo_texto import limpiar_linea, texto_de
from consultas.remotas.imap import (
    admite_palabra_clave,
    conectar,
    descargados,
    por_leer,
    uidvalidity_de,
)
from consultas.remotas.lote_correo import Lote
from infomigra.vocabulario import Canal, Estado, TipoMigrante

logger = logging.getLogger(__name__)
_lote_actual: ContextVar["Lote | None"] = ContextVar("lote_de_correo", default=None)

CODIGO_RE = re.compile(r"\bC-\d{4}-\d{6}\b", re.IGNORECASE)
ID_RE = re.compile(r"<[^<>\s]+>")
REFERENCIA_RE = re.compile(r"<?([^<>\s,;\"]+@[^<>\s,;\"]+?)>?(?=[\s,;]|$)")
LOTE = 50  # messages fetched and stored per round trip / transaction
INTENTOS_LECTURA = 3  # failed attempts before a message is set aside
PALABRA_CLAVE = "$InfomigraLeido"

NUEVA, RESPUESTA, DUPLICADO, DESCARTADA = "nueva", "respuesta", "duplicado", "descartada"
REBOTE, IGNORADO = rebotes.REBOTE, rebotes.IGNORADO


@dataclass
class Resultado:
    tipo: str
    message_id: str = ""
    motivo: str = ""
    acuse_id: int | None = None


@dataclass
class Resumen:
    nuevas: int = 0
    respuestas: int = 0
    duplicados: int = 0
    ignorados: int = 0
    rebotes: int = 0
    descartadas: int = 0
    errores: list[str] = field(default_factory=list)
    apartados: list[str] = field(default_factory=list)
    interrumpido: str = ""
    acuses: list[int] = field(default_factory=list)  # acknowledgements to send after reading

    def contar(self, resultado: str) -> None:
        atributo = {
            NUEVA: "nuevas",
            RESPUESTA: "respuestas",
            DUPLICADO: "duplicados",
            IGNORADO: "ignorados",
            REBOTE: "rebotes",
            DESCARTADA: "descartadas",
        }[resultado]
        setattr(self, atributo, getattr(self, atributo) + 1)


def _referencias(msg) -> list[str]:
    """Message-IDs in In-Reply-To/References, with or without their angle brackets."""
    texto = cabecera(msg, "In-Reply-To") + " " + cabecera(msg, "References")
    return [f"<{i}>" for i in REFERENCIA_RE.findall(texto)][:50]


def _fecha_declarada(msg):
    try:
        fecha = parsedate_to_datetime(cabecera(msg, "Date"))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return fecha if fecha.tzinfo is not None else None


def _hilo_de(msg, direcciones: set[str]):
    """The consultation a message continues: by Message-ID references, else code + sender."""
    ids = _referencias(msg)
    if ids:
        previo = (
            Mensaje.objects.filter(message_id__in=ids)
            .select_related("consulta")
            .order_by("-creado")
            .first()
        )
        if previo and previo.consulta_id and not previo.consulta.anonimizada:
            return previo.consulta  # a reply to an anonymised thread starts a new one
    codigo = CODIGO_RE.search(cabecera(msg, "Subject"))
    if codigo and direcciones:
        consulta = Consulta.objects.filter(
            codigo=codigo.group(0).upper(), anonimizada=False
        ).first()
        if consulta is None:
            return None
        conocidas = {consulta.email.lower()} | {
            r.lower() for r in consulta.mensajes.values_list("remitente", flat=True)
        }
        if conocidas & direcciones:
            return consulta
    return None


def _valida(direccion: str) -> str:
    try:
        validate_email(direccion)
    except ValidationError:
        return ""
    return direccion[:254]


def _remitente(msg) -> tuple[str, str, str]:
    """(name, address as written in From, address to answer: Reply-To when valid)."""
    nombre, de = parseaddr(cabecera(msg, "From"))
    nombre_resp, responder_a = parseaddr(cabecera(msg, "Reply-To"))
    if _valida(responder_a) and responder_a.lower() != de.lower():
        # Relayed forms write From: no-reply and put the person in Reply-To.
        return limpiar_linea(nombre_resp or nombre), de, responder_a
    return limpiar_linea(nombre), de, de


def _message_id(msg, texto: str) -> str:
    encontrados = ID_RE.findall(cabecera(msg, "Message-ID"))
    if encontrados:
        return encontrados[0][:255]
    # Same message through two aliases: different Received headers, same content.
    huella = "\n".join(
        [cabecera(msg, "From"), cabecera(msg, "Date"), cabecera(msg, "Subject"), texto]
    )
    return f"<{hashlib.sha256(huella.encode('utf-8', 'replace')).hexdigest()}@sin-message-id>"


def _nueva(texto, campos, nombre, email, recibido, lote: Lote) -> Resultado:
    exceso = lote.inundacion(email)
    recibida = recibido or timezone.now()
    consulta = Consulta(
        codigo=lote.codigo(recibida),
        canal=Canal.CORREO,
        estado=Estado.DESCARTADA if exceso else Estado.PENDIENTE,
        motivo_descarte=(
            f"más de {settings.CORREO_LIMITE_POR_REMITENTE} correos por hora del remitente"
            if exceso
            else ""
        ),
        sede=lote.sede(),
        recibida=recibida,
        tipo_migrante=TipoMigrante.PUBLICO,
        resumen=texto,
        email=email,
        nombre=nombre[:150],
    )
    consulta.skip_history_when_saving = True  # the batch writes its history row (``cerrar``)
    consulta.save(force_insert=True, punto_de_guardado=False)  # ``procesar`` has one
    del consulta.skip_history_when_saving
    consulta._history_date = timezone.now()
    lote.nuevas.append(consulta)
    # Inserted directly: ``Mensaje.save`` would only recompute ``espera_desde``, already
    # this message's time (``recibida``).
    primero = Mensaje(
        consulta=consulta,
        direccion=Direccion.ENTRADA,
        tipo=TipoMensaje.CONSULTA,
        cuerpo=texto,
        creado=recibida,
        **campos,
    )
    if exceso or not email:
        Mensaje.objects.bulk_create([primero])
        return Resultado(DESCARTADA if exceso else NUEVA, campos["message_id"])
    # The acknowledgement, built from the thread as it is (its first message), stored with
    # it in one insert; the private link is created with the batch's (``Lote.cerrar``).
    acuse = correo.saliente(
        consulta,
        TipoMensaje.ACUSE,
        _resumen_acuse(),
        anteriores=[(primero.message_id, Direccion.ENTRADA)],
        ultima=primero.remitente or None,
        asunto_original=primero.asunto,
    )
    Mensaje.objects.bulk_create([primero, acuse])
    lote.enlaces.append(consulta)
    return Resultado(NUEVA, campos["message_id"], acuse_id=acuse.pk)


def _resumen_acuse() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(
            "Acuse de recibo automático con el código de la consulta y el enlace privado."
        )


@dataclass
class Entrante:
    """A raw email parsed once: its text and Message-ID (or content fingerprint)."""

    msg: EmailMessage
    crudo: bytes
    texto: str
    message_id: str
    campos: tuple | None = None  # ``_campos``, worked out once


def analizar(crudo: bytes) -> Entrante:
    msg = BytesParser(policy=policy.default).parsebytes(crudo)
    with translation.override(settings.LANGUAGE_CODE):
        texto = texto_de(msg)
    return Entrante(msg, crudo, texto, _message_id(msg, texto))


def _automatico(entrante: Entrante) -> Resultado | None:
    """A bounce of our mail (recorded) or another automatic message (ignored); None else."""
    informe = analizar_rebote(entrante.msg, entrante.crudo)
    rebote = None
    if informe is not None:
        try:
            with transaction.atomic():
                rebote = rebotes.registrar(entrante.msg, informe)
        except IntegrityError:
            rebote = None
    if rebote is not None:
        return Resultado(rebote[0], entrante.message_id, rebote[1])
    motivo = motivo_automatico(entrante.msg)
    if motivo:
        logger.info("Correo %s ignorado: %s", entrante.message_id, motivo)
        return Resultado(IGNORADO, entrante.message_id, motivo)
    return None


def _campos(entrante: Entrante) -> tuple[dict, str, str, set[str]]:
    """(message fields, sender's name, address to answer, sender's addresses)."""
    if entrante.campos is None:
        entrante.campos = _campos_de(entrante)
    campos, nombre, email, direcciones = entrante.campos
    return dict(campos), nombre, email, set(direcciones)


def _campos_de(entrante: Entrante) -> tuple[dict, str, str, set[str]]:
    msg = entrante.msg
    nombre, de, responder_a = _remitente(msg)
    email = _valida(responder_a)
    campos = {
        # The address answers go to (Reply-To when set), or what From said if unusable.
        "remitente": (email or de)[:254],
        "destinatario": parseaddr(cabecera(msg, "To"))[1][:254],
        "asunto": cabecera(msg, "Subject")[:255],
        "message_id": entrante.message_id,
        "in_reply_to": cabecera(msg, "In-Reply-To")[:255],
        "referencias": cabecera(msg, "References")[:5000],
        "fecha_declarada": _fecha_declarada(msg),
    }
    return campos, nombre, email, {d.lower() for d in (de, responder_a) if d}


def _guardar(entrante: Entrante, recibido, lote: Lote) -> Resultado:
    """A person's email: a new message of the thread it continues, or a new consultation."""
    campos, nombre, email, direcciones = _campos(entrante)
    texto = entrante.texto
    if not texto:
        with translation.override(settings.LANGUAGE_CODE):
            texto = campos["asunto"] or gettext("(mensaje sin texto)")
    consulta = _hilo_de(entrante.msg, direcciones)
    if consulta is not None:
        campos["creado"] = recibido or timezone.now()
        remotas.agregar_seguimiento(consulta, texto, **campos)
        return Resultado(RESPUESTA, entrante.message_id)
    return _nueva(texto, campos, nombre, email, recibido, lote)


def procesar(crudo: bytes, recibido: datetime | None = None) -> Resultado:
    """Store one raw email (``recibido``: the server's arrival time) under its own savepoint;
    inside ``_guardar_lote`` with the batch's shared look-ups and the message as it was parsed
    there, else as a batch of one."""
    lote = _lote_actual.get()
    entrante = (lote.analizados.pop(crudo, None) if lote else None) or analizar(crudo)
    solo = lote is None
    if solo:
        lote = Lote.para([entrante.message_id], _campos(entrante)[3])
    marca = lote.marca()
    try:
        with transaction.atomic():
            resultado = _procesar(entrante, recibido, lote)
            if solo:
                lote.cerrar()
    except Exception as exc:
        lote.volver(marca)
        # Another reader stored the same Message-ID first.
        if isinstance(exc, IntegrityError) and (
            Mensaje.objects.filter(message_id=entrante.message_id).exists()
        ):
            return Resultado(DUPLICADO, entrante.message_id)
        raise
    return resultado


def _procesar(entrante: Entrante, recibido, lote: Lote) -> Resultado:
    if entrante.message_id in lote.conocidos:
        return Resultado(DUPLICADO, entrante.message_id)
    return _automatico(entrante) or _guardar(entrante, recibido, lote)


GUARDADOS = {NUEVA, RESPUESTA, DESCARTADA}  # results whose Message-ID is now stored


def _anotar(uidvalidity: int, hechos: list[tuple[int, Resultado]]) -> None:
    """Record the batch's handled UIDs: one insert, plus an update per UID retried after an
    error (its row exists). A row another reader inserted meanwhile is left as it is."""
    carpeta = settings.IMAP_FOLDER
    filas = {
        uid: {
            "resultado": (
                ResultadoLectura.IGNORADO if r.tipo == IGNORADO else ResultadoLectura.GUARDADO
            ),
            "message_id": r.message_id[:255],
            "motivo": r.motivo,
            "crudo": None,
        }
        for uid, r in hechos
    }
    leidos = CorreoLeido.objects.filter(carpeta=carpeta, uidvalidity=uidvalidity)
    previos = set(leidos.filter(uid__in=list(filas)).values_list("uid", flat=True))
    for uid in previos:
        leidos.filter(uid=uid).update(**filas[uid])
    CorreoLeido.objects.bulk_create(
        [
            CorreoLeido(carpeta=carpeta, uidvalidity=uidvalidity, uid=uid, **datos)
            for uid, datos in filas.items()
            if uid not in previos
        ],
        ignore_conflicts=True,
    )


def _anotar_fallo(uidvalidity: int, uid: int, crudo: bytes, exc, resumen: Resumen) -> None:
    """Count a failed attempt; past ``INTENTOS_LECTURA`` the message is set aside, raw."""
    etiqueta = f"mensaje UID {uid}"
    motivo = f"{type(exc).__name__}: {exc}"[:2000]
    with transaction.atomic():
        fila, _creada = CorreoLeido.objects.select_for_update().get_or_create(
            carpeta=settings.IMAP_FOLDER,
            uidvalidity=uidvalidity,
            uid=uid,
            defaults={"resultado": ResultadoLectura.ERROR},
        )
        fila.intentos += 1
        fila.motivo = motivo
        if fila.intentos >= INTENTOS_LECTURA:
            fila.resultado = ResultadoLectura.APARTADO
            fila.crudo = crudo
        fila.save()
    if fila.resultado == ResultadoLectura.APARTADO:
        resumen.apartados.append(f"{etiqueta}: {motivo}")
    else:
        resumen.errores.append(f"{etiqueta}: {motivo}")


def _lote_de(mensajes) -> Lote:
    """Parse the batch once and look up which of its Message-IDs are already stored."""
    analizados = {}
    for _uid, _recibido, crudo in mensajes:
        with contextlib.suppress(Exception):  # it fails again in ``procesar``, recorded there
            analizados[crudo] = analizar(crudo)
    lote = Lote.para(
        [e.message_id for e in analizados.values()],
        # Senders whose flood allowance may be taken: read in one go.
        {d for e in analizados.values() for d in _campos(e)[3]},
    )
    lote.analizados = analizados
    return lote


def _guardar_lote(mensajes, uidvalidity: int, resumen: Resumen) -> tuple[list[int], list[int]]:
    """Store a batch in one transaction (a savepoint per message); (stored UIDs, acks)."""
    lote = _lote_de(mensajes)
    hechos = []
    with resumen_diario.diferido():
        for uid, recibido, crudo in mensajes:
            token = _lote_actual.set(lote)
            try:
                resultado = procesar(crudo, recibido)  # its own savepoint
            except Exception as exc:  # one bad message must not stop the others
                logger.exception("Error al procesar el mensaje UID %s", uid)
                _anotar_fallo(uidvalidity, uid, crudo, exc, resumen)
                continue
            finally:
                _lote_actual.reset(token)
            if resultado.tipo in GUARDADOS:
                lote.conocidos.add(resultado.message_id)  # a second copy in the same batch
            hechos.append((uid, resultado))
        lote.cerrar()
        _anotar(uidvalidity, hechos)
    for _uid, resultado in hechos:
        resumen.contar(resultado.tipo)
    acuses = [r.acuse_id for _u, r in hechos if r.acuse_id]
    return [u for u, _r in hechos], acuses


def _leer(imap, resumen: Resumen) -> None:
    uidvalidity = uidvalidity_de(imap)
    palabra_clave = admite_palabra_clave(imap)
    pendientes = por_leer(imap, uidvalidity)
    for inicio in range(0, len(pendientes), LOTE):
        lote = pendientes[inicio : inicio + LOTE]
        conjunto = ",".join(map(str, lote))
        estado, partes = imap.uid("FETCH", conjunto, "(UID INTERNALDATE BODY.PEEK[])")
        mensajes = descargados(partes) if estado == "OK" else []
        for uid in sorted(set(lote) - {m[0] for m in mensajes}):
            resumen.errores.append(f"mensaje UID {uid}: no se pudo descargar")
        guardados, nuevos = _guardar_lote(mensajes, uidvalidity, resumen)
        resumen.acuses += nuevos
        if palabra_clave and guardados:
            # Visible to staff in their mail client; never \Seen, which is theirs.
            imap.uid("STORE", ",".join(map(str, guardados)), "+FLAGS.SILENT", PALABRA_CLAVE)


def leer_buzon() -> Resumen:
    """Store every message of the folder not stored yet; then send the acknowledgements."""
    resumen = Resumen()
    imap = conectar()
    try:
        _leer(imap, resumen)
    except (OSError, imaplib.IMAP4.error) as exc:
        # Dovecot killed or frozen mid-run: what was committed stays, the rest waits.
        motivo = str(exc) or type(exc).__name__
        resumen.interrumpido = f"La conexión con el buzón se interrumpió: {motivo}"
        with contextlib.suppress(OSError):
            imap.shutdown()
    else:
        try:
            imap.close()
            imap.logout()
        except (OSError, imaplib.IMAP4.error):
            logger.warning("El buzón no cerró la sesión limpiamente")
    acuses.enviar(resumen.acuses)  # a failure stays for reenviar_pendientes
    return resumen
