"""The spike: 2,000 visitors through the shipped nginx edge cache in front of gunicorn.

    SECRET_KEY=x .venv/bin/python bench/pico.py [--escenarios normal,caida] [--visitantes 2000]

1. (Re)creates the PostgreSQL database ``infomigra_bench_pico`` (``--base``) with
   ``cargar_demo --demo --consultas 2000`` (bench/_comun.py's ``preparar``; ``--sin-preparar``
   reuses it) and collects the static files into a temporary folder.
2. Per scenario: gunicorn as deployed (docs/despliegue.md: ``--workers 4 --timeout 30
   --max-requests 2000 --max-requests-jitter 200``, gunicorn.conf.py, DEBUG=0, the PostgreSQL pool
   on by default) and nginx (Debian package) with docs/nginx/*.conf (bench/nginx.py), both on
   loopback, nginx with an empty cache.
3. ``--visitantes`` visitors (asyncio, one keep-alive connection each, like a browser tab) arrive
   over the first ``--llegada`` seconds and, until ``--segundos`` have passed, repeat: pick an
   action (90 reading a public page, 10 searching the FAQ, 1 sending a consultation), do it,
   then think for ``--pausa`` seconds (4–12 s). A consultation is done like a browser: GET
   /consulta/ (CSRF cookie, token, signed timestamp), fill it in for 5–15 s, POST with Origin,
   follow the 302 to /consulta/enviada/, which shows the code. Bounded: ``--max-peticiones``.
4. Scenario ``caida``: at ``--segundos``/3 the whole gunicorn process group gets SIGKILL; it is
   started again ``--caida`` seconds later. The portal's s-maxage is lowered to ``--s-maxage``
   (10 s) in this scenario so that cached pages have expired when gunicorn dies and nginx must
   serve them stale (``proxy_cache_use_stale``); the ``normal`` scenario keeps the production
   s-maxage.
5. Prints requests, errors (status ≥ 500 or no answer) by kind, nginx cache status
   (X-Cache-Status), p50/p95/p99 per kind; checks that every acknowledged consultation (a 302 to
   /consulta/enviada/, and the code shown there) is stored with its email. Exits 1 when an
   invariant fails: any error in ``normal``; in ``caida`` any error outside the outage, any
   read of a page cached before the outage failing during it (except a visitor's with a
   session cookie, which nginx never serves from the cache), or an acknowledged consultation
   missing.

The generator runs on the same 2 cores as nginx, gunicorn and PostgreSQL: it takes CPU from
them, so the latencies are pessimistic.
"""

import argparse
import asyncio
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _comun  # noqa: E402  (bench/_comun.py: database preparation, percentiles, checks)
import nginx as borde  # noqa: E402  (bench/nginx.py: the shipped nginx config)
from _comun import AGENTE, HOST, RAIZ, es_error, percentil  # noqa: E402

BUSQUEDAS = (  # noqa: SIM905  (a word list; one word per line would take 30 lines)
    "visa trabajo pasaporte remesas contrato retorno estudios salud pension jubilacion "
    "antecedentes apostilla oferta falsa estafa reunificacion familiar seguro bono tarjeta "
    "migrante carnet extranjeria trata ninos empleo ley regularizacion"
).split()
ENLACE = re.compile(r'href="(/(?:perfil|paises|videos|preguntas-frecuentes|guia-basica)[^"#?]*)"')


class Registro(_comun.Registro):
    """_comun.Registro plus nginx's cache status; rows: (start, end, kind, status, error,
    X-Cache-Status, path)."""

    def __init__(self, origen):
        super().__init__(origen)
        self.envios_fallidos = []  # (second, status or None) of every POST not acknowledged


class Visitante:
    """One browser tab: a keep-alive connection to nginx and its own cookies."""

    def __init__(self, puerto, registro):
        self.puerto = puerto
        self.registro = registro
        self.cookies = {}
        self.conexion = None

    async def cerrar(self):
        if self.conexion:
            self.conexion[1].close()
            self.conexion = None

    async def _intercambio(self, peticion):
        if self.conexion is None:
            self.conexion = await asyncio.open_connection(HOST, self.puerto)
        lector, escritor = self.conexion
        escritor.write(peticion)
        await escritor.drain()
        linea = await lector.readline()
        if not linea:
            raise ConnectionResetError("closed before the status line")
        estado = int(linea.split()[1])
        cabeceras = []
        while (linea := await lector.readline()) not in (b"\r\n", b"\n", b""):
            nombre, _, valor = linea.decode("latin-1").partition(":")
            cabeceras.append((nombre.strip().lower(), valor.strip()))
        dic = dict(cabeceras)
        if dic.get("transfer-encoding", "").lower() == "chunked":
            partes = []
            while (tamano := int((await lector.readline()).split(b";")[0], 16)) > 0:
                partes.append(await lector.readexactly(tamano + 2))
            while (await lector.readline()) not in (b"\r\n", b"\n", b""):
                pass
            cuerpo = b"".join(p[:-2] for p in partes)
        elif "content-length" in dic:
            cuerpo = await lector.readexactly(int(dic["content-length"]))
        else:
            cuerpo = await lector.read()
            await self.cerrar()
        if dic.get("connection", "").lower() == "close":
            await self.cerrar()
        return estado, cabeceras, cuerpo

    async def pedir(self, tipo, metodo, ruta, cuerpo=b"", extra=(), timeout=30.0):
        """One request; returns (status, headers dict, body) or None on a connection error."""
        cab = [
            f"{metodo} {ruta} HTTP/1.1",
            f"Host: {HOST}:{self.puerto}",
            f"User-Agent: {AGENTE}",
            "Accept: text/html",
            "Accept-Encoding: gzip",
            "Accept-Language: es-PE,es;q=0.9",
        ]
        if self.cookies:
            cab.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        cab += list(extra)
        if metodo == "POST":
            cab.append(f"Content-Length: {len(cuerpo)}")
            await self.cerrar()  # a POST never reuses a connection the server may have closed
        peticion = ("\r\n".join(cab) + "\r\n\r\n").encode() + cuerpo
        inicio = self.registro.ahora()
        respuesta, error = None, ""
        for intento in range(2):
            reusada = self.conexion is not None
            try:
                respuesta = await asyncio.wait_for(self._intercambio(peticion), timeout)
                break
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
                await self.cerrar()
                error = type(exc).__name__
                # A browser retries an idempotent request once when a kept-alive connection
                # turns out closed by the server; anything else is an error.
                if not (reusada and metodo == "GET" and intento == 0):
                    break
            except TimeoutError:
                await self.cerrar()
                error = "timeout"
                break
        fin = self.registro.ahora()
        if respuesta is None:
            self.registro.filas.append((inicio, fin, tipo, None, error, "", ruta))
            return None
        estado, cabeceras, crudo = respuesta
        dic = dict(cabeceras)
        cache = dic.get("x-cache-status", "")
        self.registro.filas.append((inicio, fin, tipo, estado, "", cache, ruta))
        for nombre, valor in cabeceras:
            if nombre == "set-cookie":
                clave, _, resto = valor.partition("=")
                if "max-age=0" in resto.lower().replace(" ", ""):  # deleted, as a browser does
                    self.cookies.pop(clave.strip(), None)
                else:
                    self.cookies[clave.strip()] = resto.split(";", 1)[0]
        if dic.get("content-encoding") == "gzip":
            crudo = zlib.decompress(crudo, 16 + zlib.MAX_WBITS)
        return estado, dic, crudo.decode("utf-8", "replace")

    async def leer(self, paginas):
        await self.pedir("lectura", "GET", random.choice(paginas))

    async def buscar(self, _paginas):
        terminos = random.sample(BUSQUEDAS, random.choice((1, 1, 1, 2)))
        await self.pedir(
            "busqueda", "GET", "/preguntas-frecuentes/?" + urlencode({"q": " ".join(terminos)})
        )

    async def consultar(self, _paginas):
        r = await self.pedir("formulario", "GET", "/consulta/")
        if r is None or r[0] != 200:
            return
        campos = _comun.campos_formulario(r[2])
        if campos is None:
            fila = (0, 0, "formulario", None, "formulario_incompleto", "", "/consulta/")
            self.registro.filas.append(fila)
            return
        await asyncio.sleep(random.uniform(5, 15))  # filling in the form
        email = f"pico-{uuid.uuid4().hex[:16]}@example.test"
        datos = _comun.datos_consulta(
            campos,
            email,
            "Consulta del pico: ¿la regularización anunciada me corresponde?",
            "Visitante del pico",
        )
        origen = f"http://{HOST}:{self.puerto}"
        self.registro.enviadas.append(email)
        momento = self.registro.ahora()
        r = await self.pedir(
            "envio",
            "POST",
            "/consulta/",
            urlencode(datos).encode(),
            (
                "Content-Type: application/x-www-form-urlencoded",
                f"Origin: {origen}",
                f"Referer: {origen}/consulta/",
            ),
        )
        if r is None or r[0] != 302 or not r[1].get("location", "").endswith("/consulta/enviada/"):
            self.registro.envios_fallidos.append((momento, r[0] if r else None))
            return
        self.registro.redirigidas.append(email)
        r = await self.pedir("acuse", "GET", "/consulta/enviada/")
        if r is not None and r[0] == 200 and (codigo := _comun.CODIGO.search(r[2])):
            self.registro.acuses.append((codigo.group(0), email))


async def visitante(puerto, registro, paginas, args, semilla):
    azar = random.Random(semilla)
    v = Visitante(puerto, registro)
    await asyncio.sleep(azar.uniform(0, args.llegada))
    acciones = [v.leer, v.buscar, v.consultar]
    while registro.ahora() < args.segundos and len(registro.filas) < args.max_peticiones:
        await azar.choices(acciones, weights=[90, 10, 1])[0](paginas)
        await asyncio.sleep(azar.uniform(*args.pausa))
    await v.cerrar()


def entorno_app(carpeta, args, puerto_borde, s_maxage):
    entorno = {
        **os.environ,
        "DATABASE_URL": f"postgres://infomigra:infomigra@{HOST}:5432/{args.base}",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-pico",
        "DEBUG": "0",
        "HTTPS": "0",  # plain HTTP on loopback
        "ALLOWED_HOSTS": HOST,
        # nginx passes Host without the port (``$host``); the browser's Origin carries it.
        "CSRF_TRUSTED_ORIGINS": f"http://{HOST}:{puerto_borde}",
        "SITE_URL": f"http://{HOST}:{puerto_borde}",
        "STATIC_ROOT": f"{carpeta}/static",
        # Every simulated visitor comes from 127.0.0.1: the per-address hourly limit would
        # refuse them after 5; the 3-second minimum stays (visitors take 5–15 s to fill it in).
        "CONSULTA_LIMITE_POR_HORA": "100000",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    entorno.pop("DATABASE_POOL", None)  # the production default: the pool on
    if s_maxage is not None:
        entorno["CACHE_PORTAL_S_MAXAGE"] = str(s_maxage)
    return entorno


def arrancar_gunicorn(entorno, puerto, bitacora):
    """gunicorn as in docs/despliegue.md, in its own process group; waits for /salud/."""
    proceso = subprocess.Popen(
        [
            str(RAIZ / ".venv/bin/gunicorn"),
            "infomigra.wsgi",
            *("--bind", f"{HOST}:{puerto}", "--workers", "4", "--timeout", "30"),
            *("--max-requests", "2000", "--max-requests-jitter", "200"),
        ],
        cwd=RAIZ,
        env=entorno,
        stdout=bitacora,
        stderr=bitacora,
        start_new_session=True,
    )
    for _ in range(300):
        if _comun.salud(puerto) == 200:
            return proceso
        time.sleep(0.1)
    raise RuntimeError("gunicorn no arrancó")


def parar(proceso):
    try:
        os.killpg(proceso.pid, signal.SIGTERM)
        proceso.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proceso.pid, signal.SIGKILL)
        proceso.wait()


def descubrir(puerto):
    """The public pages a reader may open: the home, the sections and the links they show."""
    paginas = {"/", "/en/", "/paises/", "/videos/", "/preguntas-frecuentes/", "/guia-basica/"}
    for ruta in ("/", "/paises/", "/videos/", "/preguntas-frecuentes/"):
        with urllib.request.urlopen(f"http://{HOST}:{puerto}{ruta}", timeout=10) as r:
            paginas.update(ENLACE.findall(r.read().decode("utf-8", "replace")))
    return sorted(p for p in paginas if not p.endswith((".pdf", "/votar/")))


async def carga_asincrona(puerto, registro, paginas, args):
    tareas = [
        asyncio.create_task(visitante(puerto, registro, paginas, args, i))
        for i in range(args.visitantes)
    ]
    await asyncio.wait(tareas, timeout=args.segundos + 60)
    for t in tareas:
        t.cancel()


def caida(maestro, puerto, entorno, bitacora, registro, args, eventos):
    """SIGKILL the whole gunicorn process group at 1/3 of the run; start it again later."""
    time.sleep(max(0, args.segundos / 3 - registro.ahora()))
    os.killpg(maestro[0].pid, signal.SIGKILL)
    maestro[0].wait()
    eventos["matado"] = registro.ahora()
    time.sleep(args.caida)
    eventos["reinicio"] = registro.ahora()
    maestro[0] = arrancar_gunicorn(entorno, puerto, bitacora)
    eventos["sano"] = registro.ahora()


def informe_caida(filas, errores, ventana):
    """What happened while gunicorn was down; returns the failed reads of cached pages."""
    dentro = [f for f in filas if f[1] >= ventana[0] and f[0] <= ventana[1]]
    print(f"Durante la caída ({ventana[0]:.1f}–{ventana[1]:.1f} s): {len(dentro)} peticiones")
    for tipo in ("lectura", "busqueda", "formulario", "envio", "acuse"):
        grupo = [f for f in dentro if f[2] == tipo]
        malos = [f for f in grupo if es_error(f)]
        estados = Counter(f[5] or "-" for f in grupo if not es_error(f))
        print(
            f"  {tipo}: {len(grupo)}, errores {len(malos)} "
            f"{dict(Counter((f[3] or f[4], f[5] or '-') for f in malos))}, "
            f"caché nginx {dict(estados)}"
        )
    fuera = [f for f in errores if not (f[1] >= ventana[0] and f[0] <= ventana[1])]
    print(f"Errores fuera de la caída: {len(fuera)}")
    cacheadas = {f[6] for f in filas if f[1] < ventana[0] and f[3] == 200 and f[5] != "BYPASS"}
    # A visitor who sent a consultation holds a session cookie: nginx passes their page
    # views to the application (BYPASS, never cached), so those may fail in an outage.
    leidas = [f for f in dentro if f[2] == "lectura" and f[6] in cacheadas]
    lecturas = [f for f in leidas if f[5] != "BYPASS"]
    con_sesion = [f for f in leidas if f[5] == "BYPASS"]
    print(
        f"Lecturas durante la caída de páginas ya en la caché de nginx, sin cookie de "
        f"sesión: {len(lecturas)}, errores {sum(1 for f in lecturas if es_error(f))}; con "
        f"cookie de sesión (BYPASS): {len(con_sesion)}, errores "
        f"{sum(1 for f in con_sesion if es_error(f))}; de páginas que nadie había pedido "
        f"antes: {sum(1 for f in dentro if f[2] == 'lectura' and f[6] not in cacheadas)}"
    )
    return [f for f in lecturas if es_error(f)]


def tabla_latencias(filas):
    print(
        "\n| tipo | peticiones | códigos | caché nginx | p50 ms | p95 ms | p99 ms |"
        "\n|---|---:|---|---|---:|---:|---:|"
    )
    por_tipo = defaultdict(list)
    for f in filas:
        por_tipo[f[2]].append(f)
    for tipo in ("lectura", "busqueda", "formulario", "envio", "acuse", "todas"):
        grupo = filas if tipo == "todas" else por_tipo.get(tipo, [])
        ms = [(f[1] - f[0]) * 1000 for f in grupo if not es_error(f)]
        codigos = _comun.tabla_codigos(grupo)
        cache = ", ".join(f"{k}: {v}" for k, v in Counter(f[5] or "-" for f in grupo).most_common())
        print(
            f"| {tipo} | {len(grupo)} | {codigos if tipo != 'todas' else ''} | "
            f"{cache if tipo != 'todas' else ''} | {percentil(ms, 50):.0f} | "
            f"{percentil(ms, 95):.0f} | {percentil(ms, 99):.0f} |"
        )


def informe(registro, args, ventana):
    filas = [f for f in registro.filas if f[1] > 0]
    errores = [f for f in filas if es_error(f)]
    print(f"\nPeticiones: {len(filas)} en {args.segundos} s ({len(filas) / args.segundos:.0f}/s)")
    print(f"Errores: {len(errores)}", dict(Counter((f[2], f[3] or f[4]) for f in errores)))
    perdidas = informe_caida(filas, errores, ventana) if ventana else []
    tabla_latencias(filas)
    return errores, perdidas


def calentar(paginas, upstream):
    """Every worker imports and renders every page, straight to gunicorn (nginx's cache
    stays empty)."""
    for _ in range(3):
        for ruta in paginas:
            _comun.salud(upstream)
            urllib.request.urlopen(f"http://{HOST}:{upstream}{ruta}", timeout=30).read()


def correr(args, con_caida, maestro, upstream, entorno, bitacora, puerto_borde, paginas):
    """The visitors through nginx and (``caida``) the outage; returns the record and events."""
    registro = Registro(time.monotonic())
    eventos = {}
    hilo = None
    if con_caida:
        hilo = threading.Thread(
            target=caida,
            args=(maestro, upstream, entorno, bitacora, registro, args, eventos),
        )
        hilo.start()
    asyncio.run(carga_asincrona(puerto_borde, registro, paginas, args))
    if hilo:
        hilo.join()
        print(
            f"gunicorn SIGKILL (grupo entero) a {eventos['matado']:.1f} s, "
            f"rearrancado a {eventos['reinicio']:.1f} s, /salud/ 200 a "
            f"{eventos['sano']:.1f} s"
        )
    return registro, eventos


def veredicto(registro, entorno, args, ventana):
    """Report, check the stored consultations and the invariants; True when they hold."""
    errores, lecturas_perdidas = informe(registro, args, ventana)
    ok = _comun.comprobar(entorno, registro)
    print(f"POST no confirmados: {len(registro.envios_fallidos)} {registro.envios_fallidos}")
    if ventana:
        fuera = [f for f in errores if not (f[1] >= ventana[0] and f[0] <= ventana[1])]
        ok = ok and not fuera and not lecturas_perdidas
    else:
        ok = ok and not errores
    print("INVARIANTES:", "OK" if ok else "FALLAN")
    return ok


def escenario(nombre, args, carpeta):
    con_caida = nombre == "caida"
    prefijo = Path(carpeta) / f"nginx-{nombre}"
    upstream = borde.puerto_libre()
    with borde.nginx(prefijo, upstream) as puerto_borde:
        entorno = entorno_app(carpeta, args, puerto_borde, args.s_maxage if con_caida else None)
        with open(Path(carpeta) / f"gunicorn-{nombre}.log", "w") as bitacora:
            maestro = [arrancar_gunicorn(entorno, upstream, bitacora)]
            try:
                paginas = descubrir(upstream)
                calentar(paginas, upstream)
                print(
                    f"\n## Escenario {nombre}: {args.visitantes} visitantes, {args.segundos} s, "
                    f"pausa {args.pausa[0]:g}–{args.pausa[1]:g} s, {len(paginas)} páginas "
                    f"públicas, nginx {HOST}:{puerto_borde} → gunicorn {HOST}:{upstream} "
                    "(4 workers sync)"
                    + (
                        f", s-maxage {args.s_maxage} s, caída de {args.caida} s"
                        if con_caida
                        else ""
                    )
                )
                registro, eventos = correr(
                    args, con_caida, maestro, upstream, entorno, bitacora, puerto_borde, paginas
                )
                ventana = (eventos["matado"], eventos["sano"]) if con_caida else None
                return veredicto(registro, entorno, args, ventana)
            finally:
                parar(maestro[0])


def argumentos():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--escenarios", default="normal,caida")
    parser.add_argument("--visitantes", type=int, default=2000)
    parser.add_argument("--segundos", type=int, default=60)
    parser.add_argument("--llegada", type=float, default=10.0, help="s en que llegan todos")
    parser.add_argument("--pausa", type=float, nargs=2, default=[4.0, 12.0], metavar=("MIN", "MAX"))
    parser.add_argument("--max-peticiones", type=int, default=200_000)
    parser.add_argument("--caida", type=float, default=5.0, help="s con gunicorn muerto")
    parser.add_argument("--s-maxage", type=int, default=10, help="s-maxage en el escenario caida")
    parser.add_argument("--base", default="infomigra_bench_pico")
    parser.add_argument("--sin-preparar", action="store_true", help="reusar la base existente")
    return parser.parse_args()


def main():
    args = argumentos()
    if borde.programa() is None:
        raise SystemExit("Falta nginx (apt-get install nginx-light).")
    with tempfile.TemporaryDirectory(prefix="bench-pico-") as carpeta:
        _comun.preparar_y_recoger(entorno_app(carpeta, args, 0, None), args)
        resultados = [escenario(nombre, args, carpeta) for nombre in args.escenarios.split(",")]
    return 0 if all(resultados) else 1


if __name__ == "__main__":
    sys.exit(main())
