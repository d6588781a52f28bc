"""Run the repository's nginx edge cache (docs/nginx/) in front of a local app.

Used by the tests (tests/contenidos/test_borde_nginx.py) and the benches (bench/borde.py,
bench/pico.py), so what they check is the configuration the deployment guide ships. Everything
lives under a temporary prefix and listens on loopback only.
"""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
PLANTILLAS = RAIZ / "docs" / "nginx"
HOST = "127.0.0.1"


def programa() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None
    )


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def trabajador(prefijo: Path) -> int:
    """The pid of the (single) worker of the nginx started under ``prefijo``."""
    maestro = (prefijo / "nginx.pid").read_text().strip()
    for hijo in Path(f"/proc/{maestro}/task/{maestro}/children").read_text().split():
        if "worker" in Path(f"/proc/{hijo}/cmdline").read_bytes().decode(errors="replace"):
            return int(hijo)
    raise RuntimeError("no encuentro el worker de nginx")


def archivos_de_cache_abiertos(prefijo: Path) -> dict[int, Path]:
    """Cache files the worker holds open (``open_file_cache``): inode → the descriptor's path
    under /proc, which reads that very file even after nginx replaced it with a newer copy."""
    cache = str(prefijo / "cache") + "/"
    abiertos = {}
    for fd in Path(f"/proc/{trabajador(prefijo)}/fd").iterdir():
        try:
            if os.readlink(fd).startswith(cache):
                abiertos[fd.stat().st_ino] = fd
        except OSError:  # closed meanwhile
            continue
    return abiertos


def entrecomillar(valor: str) -> str:
    return valor.replace("\\", "\\\\").replace('"', '\\"')


def location_estatica(estaticos: Path, cabeceras: dict | None, directivas: str) -> str:
    """``/estatico.html`` from ``estaticos`` as a plain file, with ``cabeceras`` and
    ``directivas`` (nginx directives for that location only)."""
    extra = "".join(
        f' add_header {nombre} "{entrecomillar(valor)}";'
        for nombre, valor in (cabeceras or {}).items()
    )
    return f"location = /estatico.html {{ root {estaticos};{extra} {directivas} }}"


def configurar(
    prefijo: Path,
    puerto: int,
    upstream: int,
    estaticos: Path | None = None,
    cabeceras: dict | None = None,
    directivas_estatico: str = "",
) -> Path:
    """Write ``prefijo/nginx.conf``: the shipped cache files and a loopback server block.

    With ``estaticos``, ``/estatico.html`` is served from that folder as a plain file, with
    ``cabeceras`` added (the application's own headers, for a like-for-like comparison) and
    ``directivas_estatico`` (nginx directives for that location only)."""
    for carpeta in ("cache", "tmp", "estaticos"):
        (prefijo / carpeta).mkdir(parents=True, exist_ok=True)
    cache = (PLANTILLAS / "infomigra-cache.conf").read_text(encoding="utf-8")
    (prefijo / "infomigra-cache.conf").write_text(
        cache.replace("${INFOMIGRA_CACHE_DIR}", str(prefijo / "cache")), encoding="utf-8"
    )
    usuario = "user root;" if os.geteuid() == 0 else ""  # workers must read the temp prefix
    temporales = "\n".join(
        f"    {tipo}_temp_path {prefijo}/tmp/{tipo};"
        for tipo in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    estatico = location_estatica(estaticos, cabeceras, directivas_estatico) if estaticos else ""
    conf = f"""{usuario}
worker_processes 1;
pid {prefijo}/nginx.pid;
error_log {prefijo}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    # As Debian's /etc/nginx/nginx.conf, which the deployment guide's files are included into.
    sendfile on;
    tcp_nopush on;
    default_type application/octet-stream;
    types {{ text/html html; }}
    access_log off;
{temporales}
    include {prefijo}/infomigra-cache.conf;
    upstream infomigra {{
        server {HOST}:{upstream};
        keepalive 16;
    }}
    server {{
        listen {HOST}:{puerto};
        location / {{ include {PLANTILLAS}/infomigra-proxy.conf; }}
        {estatico}
    }}
}}
"""
    ruta = prefijo / "nginx.conf"
    ruta.write_text(conf, encoding="utf-8")
    return ruta


@contextmanager
def nginx(
    prefijo: Path,
    upstream: int,
    estaticos: Path | None = None,
    cabeceras=None,
    puerto=None,
    directivas_estatico: str = "",
):
    """Start nginx in the foreground under ``prefijo`` (on ``puerto``, or a free port); yields
    its port; stops it on exit."""
    puerto = puerto or puerto_libre()
    conf = configurar(prefijo, puerto, upstream, estaticos, cabeceras, directivas_estatico)
    binario = programa()
    prueba = subprocess.run(
        [binario, "-t", "-p", str(prefijo), "-c", str(conf)], capture_output=True, text=True
    )
    if prueba.returncode != 0:
        raise RuntimeError(f"nginx -t falló:\n{prueba.stderr}")
    proceso = subprocess.Popen(
        [binario, "-p", str(prefijo), "-c", str(conf), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection((HOST, puerto), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("nginx no arrancó")
        yield puerto
    finally:
        proceso.terminate()
        proceso.wait(timeout=10)
