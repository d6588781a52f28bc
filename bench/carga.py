"""Load and faults: gunicorn + PostgreSQL under 100 concurrent users on loopback.

Run from the repository root, one command each (PostgreSQL 15 on 127.0.0.1:5432, role
infomigra/infomigra with CREATEDB):

    SECRET_KEY=x .venv/bin/python bench/carga.py             # load only
    SECRET_KEY=x .venv/bin/python bench/carga.py --fallos    # load + faults (needs root)

What it does:
1. (Re)creates the database ``infomigra_bench_carga`` (``--base``), migrates, runs
   ``cargar_demo --consultas 2000`` (offices, users, portal content, FAQ, 2,000 consultations)
   and ``collectstatic`` into a temporary STATIC_ROOT.
2. Starts ``gunicorn infomigra.wsgi --workers 4`` on 127.0.0.1 (DEBUG=0, HTTPS=0, the
   anti-spam form delay off and the hourly limit raised so one address can submit all the load,
   mail to the dummy backend).
3. Runs ``--usuarios`` (100) simulated visitors for ``--segundos`` (60), each a thread with its own
   connections (``http.client``) and a pause of ``--pausa`` (1–3 s) between actions: portal
   pages, FAQ searches, and web consultations like a browser (GET /consulta/ for the CSRF cookie,
   token and signed timestamp, POST, follow the redirect to /consulta/enviada/ which shows the
   code). Bounded in time and in count (``--max-peticiones``).
   ``--pool N`` runs with the psycopg connection pool (DATABASE_POOL=N per worker).
4. With ``--fallos``: SIGKILLs one gunicorn worker at 1/3 of the run and restarts PostgreSQL
   (``pg_ctlcluster 15 main restart``) at 1/2, while a probe polls /salud/ every 0.25 s.
5. Prints requests, errors (status >= 500 or connection errors; with faults split into the fault
   window and the rest), status codes and p50/p95/p99 per kind of request, then checks that every
   acknowledged consultation is in the database (by code and by its unique email), that /salud/
   answers 200, that the master is back to 4 workers and that every kind of request succeeds
   after the faults. Exits 1 when an invariant fails. Stops gunicorn at the end.
"""

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _comun import (  # noqa: E402  (bench/_comun.py: pieces shared with bench/pico.py)
    AGENTE,
    CODIGO,
    HOST,
    PERFILES,
    RAIZ,
    Registro,
    campos_formulario,
    comprobar,
    datos_consulta,
    es_error,
    hijos,
    percentil,
    preparar_y_recoger,
    salud,
    tabla_codigos,
)

PAGINAS = ["/", "/paises/ES/", "/videos/", "/boletin/", "/instituciones/"]
BUSQUEDAS = ["visa", "trabajo", "pasaporte", "remesas", "contrato", "retorno", "estudios", "salud"]
TIPOS = ["portal", "faq", "consulta_formulario", "consulta_envio", "consulta_acuse"]


class Cliente:
    def __init__(self, puerto, registro):
        self.puerto = puerto
        self.registro = registro
        self.cookies = {}

    def pedir(self, tipo, metodo, ruta, cuerpo=None, cabeceras=None, timeout=30):
        """One request on a new connection; returns (status, headers, text) or None on error."""
        inicio = self.registro.ahora()
        cab = {"User-Agent": AGENTE, "Host": f"{HOST}:{self.puerto}"}
        if self.cookies:
            cab["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        cab.update(cabeceras or {})
        try:
            conexion = http.client.HTTPConnection(HOST, self.puerto, timeout=timeout)
            try:
                conexion.request(metodo, ruta, body=cuerpo, headers=cab)
                respuesta = conexion.getresponse()
                texto = respuesta.read().decode("utf-8", "replace")
            finally:
                conexion.close()
        except (OSError, http.client.HTTPException) as exc:
            fin = self.registro.ahora()
            self.registro.filas.append((inicio, fin, tipo, None, type(exc).__name__))
            return None
        fin = self.registro.ahora()
        self.registro.filas.append((inicio, fin, tipo, respuesta.status, ""))
        for valor in respuesta.headers.get_all("Set-Cookie") or []:
            nombre, _, resto = valor.partition("=")
            self.cookies[nombre.strip()] = resto.split(";", 1)[0]
        return respuesta.status, respuesta.headers, texto

    def portal(self):
        ruta = random.choice(PAGINAS + [f"/perfil/{random.choice(PERFILES)}/"])
        self.pedir("portal", "GET", ruta)

    def faq(self):
        self.pedir(
            "faq", "GET", "/preguntas-frecuentes/?" + urlencode({"q": random.choice(BUSQUEDAS)})
        )

    def consulta(self):
        self.cookies = {}
        r = self.pedir("consulta_formulario", "GET", "/consulta/")
        if r is None or r[0] != 200:
            return
        campos = campos_formulario(r[2])
        if campos is None:
            self.registro.filas.append((0, 0, "consulta_formulario", None, "formulario_incompleto"))
            return
        email = f"carga-{uuid.uuid4().hex[:16]}@example.test"
        datos = datos_consulta(
            campos,
            email,
            "Consulta de prueba de carga: ¿qué necesito para trabajar en el exterior?",
            "Prueba de carga",
        )
        origen = f"http://{HOST}:{self.puerto}"
        self.registro.enviadas.append(email)
        r = self.pedir(
            "consulta_envio",
            "POST",
            "/consulta/",
            cuerpo=urlencode(datos),
            cabeceras={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origen,
                "Referer": origen + "/consulta/",
            },
        )
        if r is None or r[0] != 302 or not r[1].get("Location", "").endswith("/consulta/enviada/"):
            return
        self.registro.redirigidas.append(email)
        r = self.pedir("consulta_acuse", "GET", "/consulta/enviada/")
        if r is not None and r[0] == 200:
            codigo = CODIGO.search(r[2])
            if codigo:
                self.registro.acuses.append((codigo.group(0), email))


def usuario(puerto, registro, fin, pausa, tope, semilla):
    random.seed(semilla)
    cliente = Cliente(puerto, registro)
    time.sleep(random.uniform(0, pausa[1]))  # ramp-up: visitors arrive over the first seconds
    while registro.ahora() < fin and len(registro.filas) < tope:
        accion = random.choices(
            [cliente.portal, cliente.faq, cliente.consulta], weights=[60, 25, 15]
        )[0]
        accion()
        time.sleep(random.uniform(*pausa))


def fallos(puerto, maestro, registro, segundos, eventos):
    """Kill one worker at 1/3 of the run, restart PostgreSQL at 1/2."""
    time.sleep(max(0, segundos / 3 - registro.ahora()))
    victima = hijos(maestro.pid)[0]
    os.kill(victima, signal.SIGKILL)
    eventos["worker_matado"] = registro.ahora()
    eventos["worker_pid"] = victima
    time.sleep(max(0, segundos / 2 - registro.ahora()))
    eventos["pg_reinicio_inicio"] = registro.ahora()
    subprocess.run(["pg_ctlcluster", "15", "main", "restart"], check=True)
    eventos["pg_reinicio_fin"] = registro.ahora()


def sonda(puerto, registro, fin, muestras):
    while registro.ahora() < fin:
        muestras.append((registro.ahora(), salud(puerto)))
        time.sleep(0.25)


def tipo_de_linea(ruta, metodo):
    """The kind of request (as the load generator names them) of a logged path and method."""
    if ruta == "/consulta/enviada/":
        return "consulta_acuse"
    if ruta == "/consulta/":
        return "consulta_envio" if metodo == "POST" else "consulta_formulario"
    if ruta.startswith("/preguntas-frecuentes/"):
        return "faq"
    return "portal"


def tiempos_del_servidor(bitacora, desde):
    """duration_ms of every request line gunicorn logged after byte ``desde``, by kind."""
    tipos = defaultdict(list)
    with open(bitacora, encoding="utf-8") as archivo:
        archivo.seek(desde)
        for linea in archivo:
            if '"duration_ms"' not in linea:
                continue
            try:
                datos = json.loads(linea)
            except ValueError:
                continue
            if datos["path"] == "/salud/":
                continue
            tipos[tipo_de_linea(datos["path"], datos["method"])].append(datos["duration_ms"])
    return tipos


def trazas(bitacora, desde):
    """The last line (exception type and message) of every logged traceback, counted."""
    cuenta = Counter()
    with open(bitacora, encoding="utf-8") as archivo:
        archivo.seek(desde)
        for linea in archivo:
            if '"traceback"' in linea:
                try:
                    ultima = json.loads(linea)["traceback"].strip().splitlines()[-1]
                except (ValueError, KeyError, IndexError):
                    continue
                cuenta[ultima[:120]] += 1
    return dict(cuenta.most_common(8))


def informe_errores(errores, ventana):
    if ventana:
        dentro = [f for f in errores if f[0] <= ventana[1] and f[1] >= ventana[0]]
        print(
            f"Errores: {len(errores)} — en la ventana de fallos "
            f"({ventana[0]:.1f}–{ventana[1]:.1f} s): {len(dentro)}, "
            f"fuera: {len(errores) - len(dentro)}"
        )
        print(
            "  fuera de la ventana:",
            Counter((f[2], f[3] or f[4]) for f in errores if f not in dentro),
        )
        print("  en la ventana:", Counter((f[2], f[3] or f[4]) for f in dentro))
        print(
            "  errores por segundo de inicio:",
            dict(sorted(Counter(int(f[0]) for f in errores).items())),
        )
    else:
        print(f"Errores: {len(errores)}", Counter((f[2], f[3] or f[4]) for f in errores))


def tabla_latencias(filas, servidor):
    print(
        "\n| tipo | peticiones | códigos | p50 ms | p95 ms | p99 ms | servidor p50 / p95 / p99 ms |"
        "\n|---|---|---|---|---|---|---|"
    )
    por_tipo = defaultdict(list)
    for f in filas:
        por_tipo[f[2]].append(f)
    for tipo in TIPOS:
        grupo = por_tipo.get(tipo, [])
        if not grupo:
            continue
        ms = [(f[1] - f[0]) * 1000 for f in grupo if not es_error(f)]
        print(
            f"| {tipo} | {len(grupo)} | {tabla_codigos(grupo)} | {percentil(ms, 50):.0f} | "
            f"{percentil(ms, 95):.0f} | {percentil(ms, 99):.0f} | "
            + " / ".join(f"{percentil(servidor[tipo], p):.0f}" for p in (50, 95, 99))
            + " |"
        )
    todas = [(f[1] - f[0]) * 1000 for f in filas if not es_error(f)]
    print(
        f"| todas | {len(filas)} | | {percentil(todas, 50):.0f} | {percentil(todas, 95):.0f} | "
        f"{percentil(todas, 99):.0f} | "
        + " / ".join(f"{percentil(sum(servidor.values(), []), p):.0f}" for p in (50, 95, 99))
        + " |"
    )


def informe(registro, segundos, ventana, servidor):
    filas = [f for f in registro.filas if f[1] > 0]
    print(f"\nPeticiones: {len(filas)} en {segundos} s ({len(filas) / segundos:.0f}/s)")
    errores = [f for f in filas if es_error(f)]
    informe_errores(errores, ventana)
    tabla_latencias(filas, servidor)
    incompletos = sum(1 for f in registro.filas if f[1] == 0)
    if incompletos:
        print(f"Formularios sin token/marca/temas: {incompletos}")
    return errores


def argumentos():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--usuarios", type=int, default=100)
    parser.add_argument("--segundos", type=int, default=60)
    parser.add_argument("--pausa", type=float, nargs=2, default=[1.0, 3.0], metavar=("MIN", "MAX"))
    parser.add_argument("--max-peticiones", type=int, default=60_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--puerto", type=int, default=8771)
    parser.add_argument("--base", default="infomigra_bench_carga")
    parser.add_argument("--fallos", action="store_true", help="matar un worker y reiniciar PG")
    parser.add_argument(
        "--pool", type=int, default=0, help="DATABASE_POOL por worker (0: sin pool)"
    )
    parser.add_argument("--bitacora", help="guardar aquí el log de gunicorn (JSON por línea)")
    parser.add_argument("--sin-preparar", action="store_true", help="reusar la base existente")
    return parser.parse_args()


def entorno_carga(args, carpeta):
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://infomigra:infomigra@{HOST}:5432/{args.base}",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-carga",
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"http://{HOST}:{args.puerto}",
        "STATIC_ROOT": f"{carpeta}/static",
        "CONSULTA_TIEMPO_MINIMO": "0",
        "CONSULTA_LIMITE_POR_HORA": "100000",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DATABASE_POOL": str(args.pool),
    }


def arrancar_gunicorn(args, entorno, bitacora):
    """gunicorn with ``--workers`` on loopback, in its own session; waits for /salud/."""
    maestro = subprocess.Popen(
        [
            str(RAIZ / ".venv/bin/gunicorn"),
            "infomigra.wsgi",
            "--bind",
            f"{HOST}:{args.puerto}",
            "--workers",
            str(args.workers),
        ],
        cwd=RAIZ,
        env=entorno,
        stdout=bitacora,
        stderr=bitacora,
        start_new_session=True,
    )
    for _i in range(200):
        if salud(args.puerto) == 200:
            return maestro
        time.sleep(0.1)
    parar_gunicorn(maestro)
    raise RuntimeError("gunicorn no arrancó")


def parar_gunicorn(maestro):
    maestro.send_signal(signal.SIGTERM)
    try:
        maestro.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(maestro.pid, signal.SIGKILL)
        maestro.wait()


def calentar(args):
    """Every worker renders every page once or more before the measurement."""
    calentador = Cliente(args.puerto, Registro(time.monotonic()))
    for _i in range(3 * args.workers):
        for ruta in PAGINAS + [f"/perfil/{p}/" for p in PERFILES]:
            calentador.pedir("portal", "GET", ruta)
        calentador.faq()
        calentador.consulta()


def cargar(args, maestro):
    """The visitors, the /salud/ probe and (``--fallos``) the faults, until all are done."""
    registro = Registro(time.monotonic())
    eventos, muestras = {}, []
    hilos = [
        threading.Thread(
            target=usuario,
            args=(args.puerto, registro, args.segundos, args.pausa, args.max_peticiones, i),
        )
        for i in range(args.usuarios)
    ]
    hilos.append(
        threading.Thread(target=sonda, args=(args.puerto, registro, args.segundos, muestras))
    )
    if args.fallos:
        hilos.append(
            threading.Thread(
                target=fallos,
                args=(args.puerto, maestro, registro, args.segundos, eventos),
            )
        )
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(timeout=args.segundos + 120)
    return registro, eventos, muestras


def informe_fallos(args, eventos, muestras):
    """Print when each fault happened and when /salud/ recovered; returns the fault window."""
    fin_pg = eventos["pg_reinicio_fin"]
    sana = next((t for t, s in muestras if t > fin_pg and s == 200), None)
    ultima_mala = max((t for t, s in muestras if s != 200), default=None)
    print(
        f"Fallos: worker {eventos['worker_pid']} SIGKILL a "
        f"{eventos['worker_matado']:.1f} s; PostgreSQL reiniciado de "
        f"{eventos['pg_reinicio_inicio']:.1f} a "
        f"{fin_pg:.1f} s; /salud/ 200 de nuevo a "
        + (f"{sana:.1f} s" if sana else "nunca")
        + "; último /salud/ distinto de 200 a "
        + (f"{ultima_mala:.1f} s" if ultima_mala else "—")
    )
    print("  /salud/ durante la carga:", Counter(s for _t, s in muestras))
    return (eventos["worker_matado"], sana or args.segundos)


def recuperacion(args, maestro):
    """Recovery without intervention: health, worker count, every kind of request.
    Returns the test requests' record and whether health, workers and requests are fine."""
    estado = salud(args.puerto)
    trabajadores = len(hijos(maestro.pid))
    posterior = Registro(time.monotonic())
    cliente = Cliente(args.puerto, posterior)
    for _i in range(10):
        cliente.portal()
        cliente.faq()
        cliente.consulta()
    fallidas = [f for f in posterior.filas if es_error(f) or f[3] not in (200, 302)]
    print(
        f"\nDespués: /salud/ {estado}; workers vivos {trabajadores} de {args.workers}; "
        f"{len(posterior.filas)} peticiones de prueba, {len(fallidas)} fallidas, "
        f"{len(posterior.acuses)} consultas confirmadas"
    )
    return posterior, estado == 200 and trabajadores == args.workers and not fallidas


def medir(args, entorno, maestro, bitacora):
    """Warm up, load, report and check the invariants; returns the exit status."""
    calentar(args)
    bitacora.flush()
    desde = Path(bitacora.name).stat().st_size
    registro, eventos, muestras = cargar(args, maestro)
    print(
        f"Carga: {args.usuarios} usuarios, {args.segundos} s, pausa {args.pausa[0]:g}–"
        f"{args.pausa[1]:g} s, {args.workers} workers gunicorn sync, "
        f"pool {args.pool or 'no'}, "
        f"{HOST}:{args.puerto}"
    )
    ventana = informe_fallos(args, eventos, muestras) if args.fallos else None
    time.sleep(1)  # let the workers' log lines reach the file
    servidor = tiempos_del_servidor(bitacora.name, desde)
    errores = informe(registro, args.segundos, ventana, servidor)
    ok = comprobar(entorno, registro)
    posterior, sano = recuperacion(args, maestro)
    ok = ok and comprobar(entorno, posterior)
    ok = ok and sano
    if ventana is None:
        ok = ok and not errores
    else:
        ok = ok and not [f for f in errores if f[0] > ventana[1]]
    print("\nINVARIANTES:", "OK" if ok else "FALLAN")
    print("Errores con traza en el log de gunicorn:", trazas(bitacora.name, desde))
    return 0 if ok else 1


def main():
    args = argumentos()
    with tempfile.TemporaryDirectory(prefix="bench-carga-") as carpeta:
        entorno = entorno_carga(args, carpeta)
        preparar_y_recoger(entorno, args)
        with open(args.bitacora or f"{carpeta}/gunicorn.log", "w") as bitacora:
            maestro = arrancar_gunicorn(args, entorno, bitacora)
            try:
                return medir(args, entorno, maestro, bitacora)
            finally:
                parar_gunicorn(maestro)


if __name__ == "__main__":
    sys.exit(main())
