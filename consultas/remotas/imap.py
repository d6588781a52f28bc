"""The IMAP side of reading the service mailbox: connection (TLS), folder, batches fetched."""

import imaplib
import re
import ssl
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from consultas.models.remotas import CorreoLeido, ResultadoLectura

FETCH_RE = re.compile(rb'UID (\d+)|INTERNALDATE "([^"]+)"')


class ErrorBuzon(Exception):
    """The mailbox cannot be read (configuration, connection, login, folder)."""


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


def descargados(partes) -> list[tuple[int, datetime | None, bytes]]:
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


def uidvalidity_de(imap) -> int:
    _tipo, datos = imap.response("UIDVALIDITY")
    if datos and datos[0]:
        return int(datos[0])
    estado, datos = imap.status(settings.IMAP_FOLDER, "(UIDVALIDITY)")
    hallado = re.search(rb"UIDVALIDITY (\d+)", datos[0] or b"") if estado == "OK" else None
    if not hallado:
        raise ErrorBuzon("El servidor no informó UIDVALIDITY de la carpeta.")
    return int(hallado.group(1))


def admite_palabra_clave(imap) -> bool:
    _tipo, datos = imap.response("PERMANENTFLAGS")
    return any(b"\\*" in (d or b"") for d in datos or [])


def por_leer(imap, uidvalidity: int) -> list[int]:
    """UIDs of the folder not stored yet (those that failed are retried)."""
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
