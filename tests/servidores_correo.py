"""Real mail servers for tests: an aiosmtpd SMTP server and a private dovecot IMAP server.

The fixtures that use them live in tests/conftest.py (``servidor_smtp``, ``servidor_imap``).
"""

import contextlib
import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import uuid
from email import policy
from email.parser import BytesParser
from pathlib import Path

from tests.servidores import esperar_puerto, puerto_libre

DOVECOT = os.environ.get("DOVECOT", "/usr/sbin/dovecot")
CLAVE_IMAP = "clave-imap-de-prueba"


class ServidorSMTP:
    """aiosmtpd on 127.0.0.1: keeps every message it receives, parsed.

    Addresses in ``rechazar`` are refused at RCPT TO with a 550, like a real server does with
    a mailbox that does not exist.
    """

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.recibidos = []
        self.rechazar = set()
        self.puerto = puerto_libre()
        self.controlador = Controller(self, hostname="127.0.0.1", port=self.puerto)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.lower() in self.rechazar:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        mensaje = BytesParser(policy=policy.default).parsebytes(envelope.content)
        self.recibidos.append(mensaje)
        return "250 Message accepted for delivery"

    def iniciar(self):
        self.controlador.start()

    def detener(self):
        self.controlador.stop()


class ServidorIMAP:
    """A private dovecot instance (own config, TLS with a self-signed cert) on loopback."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="infomigra-dovecot-"))
        self.dir.chmod(0o755)
        self.puerto_starttls = puerto_libre()
        self.puerto_ssl = puerto_libre()
        self.cafile = str(self.dir / "cert.pem")
        self.conf = self.dir / "dovecot.conf"

    def _certificado(self):
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-keyout", str(self.dir / "key.pem"), "-out", self.cafile,
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip

    def _cuentas(self, correo):
        """The uid/gid that own the mail and, when not root, the users dovecot runs as."""
        if os.geteuid() == 0:
            # dovecot refuses to run its login and mail processes as root: use its own users.
            cuenta = pwd.getpwnam("dovecot")
            os.chown(correo, cuenta.pw_uid, cuenta.pw_gid)
            return cuenta.pw_uid, cuenta.pw_gid, ""
        uid, gid = os.getuid(), os.getgid()
        nombre = pwd.getpwuid(uid).pw_name
        return uid, gid, f"default_login_user = {nombre}\ndefault_internal_user = {nombre}\n"

    def _configuracion(self, correo, uid, gid, usuarios):
        d = self.dir
        self.conf.write_text(
            f"""base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = required
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:{correo}/%u
{usuarios}passdb {{
  driver = static
  args = password={CLAVE_IMAP}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={correo}/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.puerto_starttls}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.puerto_ssl}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""
        )

    def iniciar(self):
        self._certificado()
        correo = self.dir / "correo"
        correo.mkdir()
        self._configuracion(correo, *self._cuentas(correo))
        # The daemon's children inherit stdout/stderr: never a pipe (run() would wait for EOF).
        with open(self.dir / "arranque.log", "wb") as salida:
            subprocess.run(
                [DOVECOT, "-c", str(self.conf)], check=True, stdout=salida, stderr=salida
            )
        try:
            esperar_puerto(self.puerto_starttls, segundos=10)
            esperar_puerto(self.puerto_ssl, segundos=10)
        except TimeoutError:
            registro = (self.dir / "dovecot.log").read_text(errors="replace")
            self.detener()
            raise RuntimeError(f"dovecot no arrancó:\n{registro}") from None

    def detener(self):
        subprocess.run(
            [DOVECOT, "-c", str(self.conf), "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        pid = self.dir / "run" / "master.pid"
        for _ in range(50):
            if not pid.exists():
                break
            time.sleep(0.1)
        shutil.rmtree(self.dir, ignore_errors=True)

    # Helpers for tests -------------------------------------------------------------------
    def nuevo_usuario(self) -> str:
        return f"buzon-{uuid.uuid4().hex[:12]}"

    def conectar(self, usuario: str) -> imaplib.IMAP4:
        contexto = ssl.create_default_context(cafile=self.cafile)
        imap = imaplib.IMAP4("127.0.0.1", self.puerto_starttls, timeout=10)
        imap.starttls(ssl_context=contexto)
        imap.login(usuario, CLAVE_IMAP)
        return imap

    def entregar(
        self, usuario: str, crudo: bytes, carpeta: str = "INBOX", *, banderas=None, fecha=None
    ) -> None:
        """APPEND a raw message (``banderas`` e.g. ``"(\\Seen)"``; ``fecha`` its INTERNALDATE)."""
        imap = self.conectar(usuario)
        try:
            if carpeta != "INBOX":
                imap.create(carpeta)
            estado, datos = imap.append(carpeta, banderas, fecha, crudo)
            assert estado == "OK", datos
        finally:
            imap.logout()

    def no_leidos(self, usuario: str, carpeta: str = "INBOX") -> int:
        imap = self.conectar(usuario)
        try:
            imap.select(carpeta, readonly=True)
            _, datos = imap.search(None, "UNSEEN")
            return len(datos[0].split())
        finally:
            imap.logout()

    def configurar(self, settings, usuario: str, *, tls_implicito: bool = False) -> None:
        settings.IMAP_HOST = "127.0.0.1"
        settings.IMAP_PORT = self.puerto_ssl if tls_implicito else self.puerto_starttls
        settings.IMAP_SSL = tls_implicito
        settings.IMAP_USER = usuario
        settings.IMAP_PASSWORD = CLAVE_IMAP
        settings.IMAP_FOLDER = "INBOX"
        settings.IMAP_CAFILE = self.cafile


class ProxyTCP:
    """A TCP relay in front of a server, to break the connection the way networks do.

    ``congelar()`` stops relaying (a frozen server: the client's reads time out);
    ``cortar()`` closes every relayed connection (a killed server).
    """

    def __init__(self, puerto_destino: int):
        self.destino = puerto_destino
        self.servidor = socket.create_server(("127.0.0.1", 0))
        self.puerto = self.servidor.getsockname()[1]
        self.congelado = threading.Event()
        self.conexiones = []
        self.hilo = threading.Thread(target=self._aceptar, daemon=True)
        self.hilo.start()

    def _aceptar(self):
        while True:
            try:
                cliente, _ = self.servidor.accept()
            except OSError:
                return
            destino = socket.create_connection(("127.0.0.1", self.destino))
            self.conexiones += [cliente, destino]
            for a, b in ((cliente, destino), (destino, cliente)):
                threading.Thread(target=self._copiar, args=(a, b), daemon=True).start()

    def _copiar(self, origen, destino):
        try:
            while datos := origen.recv(65536):
                while self.congelado.is_set():
                    time.sleep(0.05)
                destino.sendall(datos)
        except OSError:
            pass
        finally:
            for s in (origen, destino):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def congelar(self):
        self.congelado.set()

    def cortar(self):
        for conexion in self.conexiones:
            with contextlib.suppress(OSError):
                conexion.shutdown(socket.SHUT_RDWR)
                conexion.close()

    def cerrar(self):
        self.congelado.clear()
        self.cortar()
        self.servidor.close()
