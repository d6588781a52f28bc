"""nginx's cached home page against the same nginx serving the same bytes as a static file.

    SECRET_KEY=x .venv/bin/python bench/borde.py [--rondas 5] [--segundos 5] [--conexiones 32]

Builds a throw-away SQLite database with the seed content (bench/portal.py), starts gunicorn
(2 sync workers) and nginx with the shipped docs/nginx/*.conf (bench/nginx.py) on loopback, saves
the home page's bytes as ``/estatico.html`` served by a plain ``location`` of the same nginx,
checks that ``/`` is an nginx cache hit with the same body, and runs ``wrk`` (same connections
and threads) against ``/`` and ``/estatico.html`` in alternating rounds. Prints requests per
second and the median per-round ratio; the target is the cached page ≥ 80 % of the static file.

It also prints what one request costs nginx's worker in CPU time (user and system, from
/proc, per side): on a shared machine the requests per second move with the other jobs, the
CPU time per request much less, and the throughput ratio at saturation is the inverse ratio of
those costs. ``--fijar`` pins the nginx worker to CPU 0 and wrk to the others, so that nginx,
not the load generator, saturates its core; the same for both sides.
``--estatico-con-open-file-cache`` gives the static file the cache's ``open_file_cache``
directives too (the yardstick is otherwise nginx's default for a static file, as the
deployment guide's ``/static/`` location).
"""

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nginx as borde  # noqa: E402
import portal  # noqa: E402

HOST = "127.0.0.1"


def obtener(puerto: int, ruta: str) -> tuple[int, dict, bytes]:
    conexion = http.client.HTTPConnection(HOST, puerto, timeout=10)
    conexion.request("GET", ruta)
    respuesta = conexion.getresponse()
    cuerpo = respuesta.read()
    conexion.close()
    return respuesta.status, {k.lower(): v for k, v in respuesta.getheaders()}, cuerpo


def tamano(cabeceras: dict) -> int:
    return sum(len(k) + len(v) + 4 for k, v in cabeceras.items())


def cpu(pid: int) -> tuple[float, float]:
    """User and system CPU seconds of a process so far."""
    campos = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(campos[11]) / tick, int(campos[12]) / tick


def ronda(url: str, args, pid: int, cpus: str | None) -> tuple[float, float, float]:
    """One wrk round: requests/s and the nginx worker's user and system µs per request."""
    orden = ["wrk", f"-t{args.hilos}", f"-c{args.conexiones}", f"-d{args.segundos}s", url]
    if cpus:
        orden = ["taskset", "-c", cpus, *orden]
    antes = cpu(pid)
    salida = subprocess.run(orden, capture_output=True, text=True, check=True).stdout
    despues = cpu(pid)
    if "Non-2xx" in salida or "Socket errors" in salida:
        raise SystemExit(f"{url}: errores en wrk\n{salida}")
    por_s = float(re.search(r"Requests/sec:\s+([\d.]+)", salida).group(1))
    n = por_s * args.segundos
    return por_s, 1e6 * (despues[0] - antes[0]) / n, 1e6 * (despues[1] - antes[1]) / n


def resumen(nombre: str, filas: list[tuple[float, float, float]]) -> None:
    print(
        f"{nombre}: {', '.join(f'{f[0]:.0f}' for f in filas)} pet/s; CPU del worker de nginx "
        f"por petición: usuario {statistics.median(f[1] for f in filas):.2f} µs + sistema "
        f"{statistics.median(f[2] for f in filas):.2f} µs = "
        f"{statistics.median(f[1] + f[2] for f in filas):.2f} µs (medianas)"
    )


def argumentos():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondas", type=int, default=5)
    parser.add_argument("--segundos", type=int, default=5)
    parser.add_argument("--conexiones", type=int, default=32)
    parser.add_argument("--hilos", type=int, default=2, help="hilos de wrk")
    parser.add_argument(
        "--fijar", action="store_true", help="worker de nginx en la CPU 0, wrk en las demás"
    )
    parser.add_argument(
        "--estatico-con-open-file-cache",
        action="store_true",
        help="el archivo estático también con las directivas open_file_cache de la caché",
    )
    return parser.parse_args()


def open_file_cache() -> str:
    """The shipped ``open_file_cache*`` directives (docs/nginx/infomigra-proxy.conf)."""
    texto = (borde.PLANTILLAS / "infomigra-proxy.conf").read_text(encoding="utf-8")
    return " ".join(
        linea.strip() for linea in texto.splitlines() if linea.startswith("open_file_cache")
    )


def comprobar(puerto: int, cuerpo: bytes) -> tuple[dict, dict]:
    """``/`` is a cache hit with the application's bytes, ``/estatico.html`` the same bytes."""
    for _ in range(3):  # MISS, then HIT
        estado, cabeceras, copia = obtener(puerto, "/")
    _e, estaticas, copia_estatica = obtener(puerto, "/estatico.html")
    if estado != 200 or cabeceras.get("x-cache-status") != "HIT" or copia != cuerpo:
        raise SystemExit(f"/ no es un acierto de la caché: {estado} {cabeceras}")
    if copia_estatica != cuerpo:
        raise SystemExit("/estatico.html no devuelve los mismos bytes")
    return cabeceras, estaticas


def medir(args, cpus, carpeta):
    """Both sides in alternating rounds: ([static rounds], [cache rounds], final headers)."""
    entorno = portal.entorno_portal(carpeta, "sqlite")
    portal.preparar(entorno)
    estaticos = Path(carpeta, "estaticos")
    estaticos.mkdir()
    with portal.gunicorn("infomigra.wsgi", entorno, 2) as (upstream, _p):
        portal.esperar(upstream)
        # The static file gets the bytes and the headers the application sends (security
        # headers, Cache-Control, ETag…), so both answers are the same size.
        _e, propias, cuerpo = obtener(upstream, "/")
        (estaticos / "estatico.html").write_bytes(cuerpo)
        omitir = {"date", "server", "content-length", "content-type", "connection"}
        extra = {k: v for k, v in propias.items() if k not in omitir}
        prefijo = Path(carpeta, "nginx")
        directivas = open_file_cache() if args.estatico_con_open_file_cache else ""
        with borde.nginx(
            prefijo, upstream, estaticos, extra, directivas_estatico=directivas
        ) as puerto:
            pid = borde.trabajador(prefijo)
            if cpus:
                subprocess.run(["taskset", "-pc", "0", str(pid)], check=True, capture_output=True)
            cabeceras, estaticas = comprobar(puerto, cuerpo)
            print(
                f"nginx {borde.programa()} (1 worker) → gunicorn 2 workers sync; "
                f"página de inicio {len(cuerpo)} bytes sin comprimir, cabeceras "
                f"{tamano(cabeceras)} (caché) y {tamano(estaticas)} (estático) bytes; wrk "
                f"{args.conexiones} conexiones, {args.hilos} hilos, {args.rondas} rondas "
                f"de {args.segundos} s alternadas"
                + (f"; worker de nginx en la CPU 0, wrk en {cpus}" if cpus else "")
                + (f"; archivo estático con «{directivas}»" if directivas else "")
            )
            urls = (f"http://{HOST}:{puerto}/estatico.html", f"http://{HOST}:{puerto}/")
            for url in urls:  # warm-up
                portal.wrk(url, 3, args.conexiones, args.hilos)
            estatico, cache = [], []
            for _ in range(args.rondas):
                for lista, url in zip((estatico, cache), urls, strict=True):
                    lista.append(ronda(url, args, pid, cpus))
            return estatico, cache, obtener(puerto, "/")[1]


def main():
    args = argumentos()
    cpus = f"1-{os.cpu_count() - 1}" if args.fijar and (os.cpu_count() or 1) > 1 else None
    if shutil.which("wrk") is None or borde.programa() is None:
        raise SystemExit("Faltan wrk o nginx (apt-get install wrk nginx-light).")
    with tempfile.TemporaryDirectory(prefix="bench-borde-") as carpeta:
        estatico, cache, cabeceras = medir(args, cpus, carpeta)
    cocientes = [c[0] / e[0] for e, c in zip(estatico, cache, strict=True)]
    resumen("estático", estatico)
    resumen("caché   ", cache)
    costo = statistics.median(f[1] + f[2] for f in estatico) / statistics.median(
        f[1] + f[2] for f in cache
    )
    print(
        f"archivo estático {statistics.median(f[0] for f in estatico):.0f} pet/s · página en "
        f"caché {statistics.median(f[0] for f in cache):.0f} pet/s · caché/estático mediana "
        f"{statistics.median(cocientes):.0%} (mín. {min(cocientes):.0%}, máx. "
        f"{max(cocientes):.0%}; objetivo ≥ 80 %); CPU de nginx estático/caché por petición "
        f"{costo:.0%}; X-Cache-Status al final: {cabeceras.get('x-cache-status')}"
    )


if __name__ == "__main__":
    main()
