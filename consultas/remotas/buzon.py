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
import ssl
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import policy
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from consultas.estadisticas import resumen as resumen_diario
from consultas.models import Consulta, Sede
from consultas.models.remotas import (
    CorreoLeido,
    Direccion,
    EstadoEnvio,
    Mensaje,
    ResultadoLectura,
    TipoMensaje,
)
from consultas.remotas import correo
from consultas.remotas import servicios as remotas
from consultas.remotas.correo_automatico import (
    analizar_rebote,
    cabecera,
    es_de_sistema,
    motivo_automatico,
)
from consultas.remotas.correo_texto import limpiar_linea, texto_de
from infomigra import limites
from infomigra.vocabulario import Canal, Estado, TipoMigrante

logger = logging.getLogger(__name__)

CODIGO_RE = re.compile(r"\bC-\d{4}-\d{6}\b", re.IGNORECASE)
ID_RE = re.compile(r"<[^<>\s]+>")
REFERENCIA_RE = re.compile(r"<?([^<>\s,;\"]+@[^<>\s,;\"]+?)>?(?=[\s,;]|$)")
FETCH_RE = re.compile(rb'UID (\d+)|INTERNALDATE "([^"]+)"')
LOTE = 50  # messages fetched and stored per round trip / transaction
INTENTOS_LECTURA = 3  # failed attempts before a message is set aside
PALABRA_CLAVE = "$InfomigraLeido"

NUEVA, RESPUESTA, DUPLICADO, IGNORADO = "nueva", "respuesta", "duplicado", "ignorado"
REBOTE, DESCARTADA = "rebote", "descartada"


class ErrorBuzon(Exception):
    """The mailbox cannot be read (configuration, connection, login, folder)."""


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


def _rebote(msg, crudo: bytes) -> Resultado | None:
    """A delivery report of one of our messages: mark it undelivered, reopen the consultation."""
    rebote = analizar_rebote(msg, crudo)
    if rebote is None:
        return None
    salientes = list(
        Mensaje.objects.filter(direccion=Direccion.SALIDA, message_id__in=rebote.message_ids)
    )
    if not salientes:
        if es_de_sistema(msg) or msg.get_content_type() == "multipart/report":
            return Resultado(IGNORADO, motivo="informe de entrega de un mensaje desconocido")
        return None  # only the subject looked like a bounce: a person wrote it
    if not rebote.definitivo:
        return Resultado(IGNORADO, motivo=f"aviso de demora: {rebote.motivo}")
    for mensaje in salientes:
        Mensaje.objects.filter(pk=mensaje.pk).update(
            estado_envio=EstadoEnvio.REBOTADO, ultimo_error=rebote.motivo
        )
        consulta = Consulta.objects.select_for_update().get(pk=mensaje.consulta_id)
        if consulta.estado == Estado.RESPONDIDA:
            consulta.estado = Estado.PENDIENTE
            consulta.save(update_fields=["estado", "actualizada"])
    return Resultado(REBOTE, motivo=rebote.motivo)


def _inundacion(email: str) -> bool:
    """Count one new consultation from ``email``; True past the hourly per-sender limit."""
    if not email:
        return False
    return not limites.tomar("correo", email.lower(), settings.CORREO_LIMITE_POR_REMITENTE)


def _nueva(msg, texto, campos, nombre, email, recibido) -> Resultado:
    exceso = _inundacion(email)
    recibida = recibido or timezone.now()
    consulta = Consulta.objects.create(
        canal=Canal.CORREO,
        estado=Estado.DESCARTADA if exceso else Estado.PENDIENTE,
        motivo_descarte=(
            f"más de {settings.CORREO_LIMITE_POR_REMITENTE} correos por hora del remitente"
            if exceso
            else ""
        ),
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
    if exceso or not email:
        return Resultado(DESCARTADA if exceso else NUEVA, campos["message_id"])
    with translation.override(settings.LANGUAGE_CODE):
        resumen_acuse = gettext(
            "Acuse de recibo automático con el código de la consulta y el enlace privado."
        )
    acuse = correo.nuevo_mensaje_saliente(consulta, TipoMensaje.ACUSE, resumen_acuse)
    return Resultado(NUEVA, campos["message_id"], acuse_id=acuse.pk)


def procesar(crudo: bytes, recibido: datetime | None = None) -> Resultado:
    """Store one raw email (``recibido``: the server's arrival time)."""
    msg = BytesParser(policy=policy.default).parsebytes(crudo)
    with translation.override(settings.LANGUAGE_CODE):
        texto = texto_de(msg)
    message_id = _message_id(msg, texto)
    if Mensaje.objects.filter(message_id=message_id).exists():
        return Resultado(DUPLICADO, message_id)
    try:
        with transaction.atomic():
            rebote = _rebote(msg, crudo)
    except IntegrityError:
        rebote = None
    if rebote is not None:
        rebote.message_id = message_id
        return rebote
    motivo = motivo_automatico(msg)
    if motivo:
        logger.info("Correo %s ignorado: %s", message_id, motivo)
        return Resultado(IGNORADO, message_id, motivo)
    nombre, de, responder_a = _remitente(msg)
    asunto = cabecera(msg, "Subject")[:255]
    if not texto:
        with translation.override(settings.LANGUAGE_CODE):
            texto = asunto or gettext("(mensaje sin texto)")
    email = _valida(responder_a)
    campos = {
        # The address answers go to (Reply-To when set), or what From said if unusable.
        "remitente": (email or de)[:254],
        "destinatario": parseaddr(cabecera(msg, "To"))[1][:254],
        "asunto": asunto,
        "message_id": message_id,
        "in_reply_to": cabecera(msg, "In-Reply-To")[:255],
        "referencias": cabecera(msg, "References")[:5000],
        "fecha_declarada": _fecha_declarada(msg),
    }
    try:
        with transaction.atomic():
            direcciones = {d.lower() for d in (de, responder_a) if d}
            consulta = _hilo_de(msg, direcciones)
            if consulta is not None:
                campos["creado"] = recibido or timezone.now()
                remotas.agregar_seguimiento(consulta, texto, **campos)
                return Resultado(RESPUESTA, message_id)
            return _nueva(msg, texto, campos, nombre, email, recibido)
    except IntegrityError:
        # Another reader stored the same Message-ID first.
        if Mensaje.objects.filter(message_id=message_id).exists():
            return Resultado(DUPLICADO, message_id)
        raise


def conectar() -> imaplib.IMAP4:
    if not settings.IMAP_HOST:
        raise ErrorBuzon("IMAP_HOST no está configurado: no hay buzón que leer.")
    contexto = ssl.create_default_context(cafile=settings.IMAP_CAFILE or None)
    espera = settings.IMAP_TIMEOUT
    try:
        if settings.IMAP_SSL:
            imap = imaplib.IMAP4_SSL(
                settings.IMAP_HOST, settings.IMAP_PORT, ssl_context=contexto, timeout=espera
            )
        else:
            imap = imaplib.IMAP4(settings.IMAP_HOST, settings.IMAP_PORT, timeout=espera)
            imap.starttls(ssl_context=contexto)
        imap.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise ErrorBuzon(
            f"No se pudo conectar al buzón {settings.IMAP_HOST}:{settings.IMAP_PORT}: {exc}"
        ) from exc
    carpeta = settings.IMAP_FOLDER
    if " " in carpeta and not carpeta.startswith('"'):
        carpeta = f'"{carpeta}"'
    try:
        estado, datos = imap.select(carpeta)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise ErrorBuzon(f"No se pudo abrir la carpeta {settings.IMAP_FOLDER!r}: {exc}") from exc
    if estado != "OK":
        imap.logout()
        raise ErrorBuzon(f"No se pudo abrir la carpeta {settings.IMAP_FOLDER!r}: {datos}")
    return imap


def _fecha_imap(texto: bytes):
    """INTERNALDATE as the latest instant of its second (never after now).

    The server counts whole seconds; taking the end of that second keeps a reply after our
    own message it answers, even when both happened within the same second.
    """
    try:
        fecha = datetime.strptime(texto.decode().strip(), "%d-%b-%Y %H:%M:%S %z")
    except ValueError:
        return None
    return min(fecha + timedelta(microseconds=999_999), timezone.now())


def _descargados(partes) -> list[tuple[int, datetime | None, bytes]]:
    """(uid, arrival time, raw bytes) of each message of a UID FETCH answer."""
    mensajes = []
    for parte in partes or []:
        if not (isinstance(parte, tuple) and len(parte) == 2):
            continue
        uid = fecha = None
        for hallado in FETCH_RE.finditer(parte[0]):
            if hallado.group(1):
                uid = int(hallado.group(1))
            elif hallado.group(2):
                fecha = _fecha_imap(hallado.group(2))
        if uid is not None:
            mensajes.append((uid, fecha, parte[1]))
    return mensajes


def _uidvalidity(imap) -> int:
    _tipo, datos = imap.response("UIDVALIDITY")
    if datos and datos[0]:
        return int(datos[0])
    estado, datos = imap.status(settings.IMAP_FOLDER, "(UIDVALIDITY)")
    hallado = re.search(rb"UIDVALIDITY (\d+)", datos[0] or b"") if estado == "OK" else None
    if not hallado:
        raise ErrorBuzon("El servidor no informó UIDVALIDITY de la carpeta.")
    return int(hallado.group(1))


def _por_leer(imap, uidvalidity: int) -> list[int]:
    estado, datos = imap.uid("SEARCH", None, "ALL")
    if estado != "OK":
        raise ErrorBuzon(f"La búsqueda de mensajes falló: {datos}")
    uids = sorted(int(u) for u in datos[0].split())
    if not uids:
        return []
    hechos = set(
        CorreoLeido.objects.filter(
            carpeta=settings.IMAP_FOLDER, uidvalidity=uidvalidity, uid__gte=uids[0]
        )
        .exclude(resultado=ResultadoLectura.ERROR)
        .values_list("uid", flat=True)
    )
    return [u for u in uids if u not in hechos]


def _anotar(uidvalidity: int, uid: int, resultado: Resultado) -> None:
    CorreoLeido.objects.update_or_create(
        carpeta=settings.IMAP_FOLDER,
        uidvalidity=uidvalidity,
        uid=uid,
        defaults={
            "resultado": (
                ResultadoLectura.IGNORADO
                if resultado.tipo == IGNORADO
                else ResultadoLectura.GUARDADO
            ),
            "message_id": resultado.message_id[:255],
            "motivo": resultado.motivo,
            "crudo": None,
        },
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


def _guardar_lote(mensajes, uidvalidity: int, resumen: Resumen) -> tuple[list[int], list[int]]:
    """Store a batch in one transaction (a savepoint per message); (stored UIDs, acks)."""
    hechos = []
    with resumen_diario.diferido():
        for uid, recibido, crudo in mensajes:
            try:
                with transaction.atomic():
                    resultado = procesar(crudo, recibido)
                    _anotar(uidvalidity, uid, resultado)
            except Exception as exc:  # one bad message must not stop the others
                logger.exception("Error al procesar el mensaje UID %s", uid)
                _anotar_fallo(uidvalidity, uid, crudo, exc, resumen)
                continue
            hechos.append((uid, resultado))
    for _uid, resultado in hechos:
        resumen.contar(resultado.tipo)
    acuses = [r.acuse_id for _u, r in hechos if r.acuse_id]
    return [u for u, _r in hechos], acuses


def _admite_palabra_clave(imap) -> bool:
    _tipo, datos = imap.response("PERMANENTFLAGS")
    return any(b"\\*" in (d or b"") for d in datos or [])


def _leer(imap, resumen: Resumen) -> None:
    uidvalidity = _uidvalidity(imap)
    palabra_clave = _admite_palabra_clave(imap)
    pendientes = _por_leer(imap, uidvalidity)
    for inicio in range(0, len(pendientes), LOTE):
        lote = pendientes[inicio : inicio + LOTE]
        conjunto = ",".join(map(str, lote))
        estado, partes = imap.uid("FETCH", conjunto, "(UID INTERNALDATE BODY.PEEK[])")
        mensajes = _descargados(partes) if estado == "OK" else []
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
    for acuse_id in resumen.acuses:
        correo.enviar(acuse_id)  # a failure stays for reenviar_pendientes
    return resumen
