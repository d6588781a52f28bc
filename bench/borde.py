"""nginx's cached home page against the same nginx serving the same bytes as a static file.

    SECRET_KEY=x .venv/bin/python bench/borde.py [--rondas 5] [--segundos 5] [--conexiones 32]

Builds a throw-away SQLite database with the seed content (bench/portal.py), starts gunicorn
(2 sync workers) and nginx with the shipped docs/nginx/*.conf (bench/nginx.py) on loopback, saves
the home page's bytes as ``/estatico.html`` served by a plain ``location`` of the same nginx,
checks that ``/`` is an nginx cache hit with the same body, and runs ``wrk`` (same connections
and threads) against ``/`` and ``/estatico.html`` in alternating rounds. Prints requests per
second and the median per-round ratio; the target is the cached page ≥ 80 % of the static file.
"""

import argparse
import http.client
import shutil
import statistics
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondas", type=int, default=5)
    parser.add_argument("--segundos", type=int, default=5)
    parser.add_argument("--conexiones", type=int, default=32)
    parser.add_argument("--hilos", type=int, default=2, help="hilos de wrk")
    args = parser.parse_args()
    if shutil.which("wrk") is None or borde.programa() is None:
        raise SystemExit("Faltan wrk o nginx (apt-get install wrk nginx-light).")
    with tempfile.TemporaryDirectory(prefix="bench-borde-") as carpeta:
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
            with borde.nginx(Path(carpeta, "nginx"), upstream, estaticos, extra) as puerto:
                for _ in range(3):  # MISS, then HIT
                    estado, cabeceras, copia = obtener(puerto, "/")
                _e, estaticas, copia_estatica = obtener(puerto, "/estatico.html")
                if estado != 200 or cabeceras.get("x-cache-status") != "HIT" or copia != cuerpo:
                    raise SystemExit(f"/ no es un acierto de la caché: {estado} {cabeceras}")
                if copia_estatica != cuerpo:
                    raise SystemExit("/estatico.html no devuelve los mismos bytes")
                print(
                    f"nginx {borde.programa()} (1 worker) → gunicorn 2 workers sync; "
                    f"página de inicio {len(cuerpo)} bytes sin comprimir, cabeceras "
                    f"{tamano(cabeceras)} (caché) y {tamano(estaticas)} (estático) bytes; wrk "
                    f"{args.conexiones} conexiones, {args.hilos} hilos, {args.rondas} rondas "
                    f"de {args.segundos} s alternadas"
                )
                urls = (f"http://{HOST}:{puerto}/estatico.html", f"http://{HOST}:{puerto}/")
                for url in urls:  # warm-up
                    portal.wrk(url, 3, args.conexiones, args.hilos)
                estatico, cache = [], []
                for _ in range(args.rondas):
                    for lista, url in zip((estatico, cache), urls, strict=True):
                        lista.append(portal.wrk(url, args.segundos, args.conexiones, args.hilos))
                _e, cabeceras, _c = obtener(puerto, "/")
    cocientes = [c / e for e, c in zip(estatico, cache, strict=True)]
    print(f"estático: {', '.join(f'{x:.0f}' for x in estatico)} pet/s")
    print(f"caché:    {', '.join(f'{x:.0f}' for x in cache)} pet/s")
    print(
        f"archivo estático {statistics.median(estatico):.0f} pet/s · página en caché "
        f"{statistics.median(cache):.0f} pet/s · caché/estático mediana "
        f"{statistics.median(cocientes):.0%} (mín. {min(cocientes):.0%}, máx. "
        f"{max(cocientes):.0%}; objetivo ≥ 80 %); X-Cache-Status al final: "
        f"{cabeceras.get('x-cache-status')}"
    )


if __name__ == "__main__":
    main()
