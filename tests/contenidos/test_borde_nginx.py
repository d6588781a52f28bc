"""The edge cache as deployed: real nginx with docs/nginx/*.conf in front of a live gunicorn.

Public pages are served from nginx's cache and an edit shows within s-maxage; a request with a
session bypasses the cache; a staff page, a form with a token and the follow-up page are never a
cache hit; with the application down, cached pages keep being served.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import nginx as borde
from tests.conftest import falta_programa

pytestmark = pytest.mark.sistema

RAIZ = Path(__file__).resolve().parents[2]
S_MAXAGE = 2
CLAVE = "Clave.De.Prueba.2026"


class Aplicacion:
    """gunicorn on a free loopback port over a throw-away SQLite database."""

    def __init__(self, carpeta: Path, puerto_borde: int):
        self.carpeta = carpeta
        self.puerto = borde.puerto_libre()
        self.entorno = {
            **os.environ,
            "DEBUG": "0",
            "HTTPS": "0",
            "SECRET_KEY": "clave-solo-para-pruebas-de-nginx",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{carpeta}/borde.sqlite3",
            "STATIC_ROOT": str(carpeta / "static"),
            "CACHE_PORTAL_S_MAXAGE": str(S_MAXAGE),
            "CACHE_PORTAL_STALE": "600",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "WARNING",
            # nginx passes Host without the port; the browser's Origin carries it.
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{puerto_borde}",
            "CONSULTA_TIEMPO_MINIMO": "1",
        }
        self.proceso = None

    def manage(self, *orden):
        return subprocess.run(
            [sys.executable, "manage.py", *orden],
            cwd=RAIZ,
            env=self.entorno,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def shell(self, codigo: str) -> str:
        return self.manage("shell", "-v", "0", "-c", codigo).strip()

    def arrancar(self):
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.proceso = subprocess.Popen(
            [gunicorn, "infomigra.wsgi", "--bind", f"127.0.0.1:{self.puerto}", "--workers", "2"],
            cwd=RAIZ,
            env=self.entorno,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(200):
            if pedir(self.puerto, "/salud/")[0] == 200:
                return
            time.sleep(0.1)
        raise RuntimeError("gunicorn no arrancó")

    def parar(self):
        """SIGKILL the master and its workers at once: the application is gone."""
        os.killpg(self.proceso.pid, signal.SIGKILL)
        self.proceso.wait(timeout=10)


def pedir(puerto, ruta, cabeceras=None, metodo="GET", cuerpo=None):
    try:
        conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=10)
        conexion.request(metodo, ruta, body=cuerpo, headers=cabeceras or {})
        respuesta = conexion.getresponse()
        texto = respuesta.read().decode("utf-8", "replace")
        conexion.close()
    except OSError:
        return None, {}, ""
    return respuesta.status, respuesta.headers, texto


@pytest.fixture(scope="module")
def borde_vivo(tmp_path_factory):
    if borde.programa() is None:
        falta_programa("nginx no está instalado (apt-get install nginx)")
    carpeta = tmp_path_factory.mktemp("borde")
    puerto_borde = borde.puerto_libre()
    app = Aplicacion(carpeta, puerto_borde)
    app.manage("migrate", "--noinput", "-v0")
    app.manage("cargar_contenido")
    app.manage("collectstatic", "--noinput", "-v0")
    app.shell(
        "from django.contrib.auth.models import Group, User;"
        "from consultas.models import PerfilUsuario, Sede;"
        f"u = User.objects.create_user('asesora', password='{CLAVE}');"
        "u.groups.add(Group.objects.get(name='Asesor'));"
        "PerfilUsuario.objects.create(usuario=u, sede=Sede.objects.first())"
    )
    app.arrancar()
    try:
        with borde.nginx(carpeta / "nginx", app.puerto, puerto=puerto_borde) as puerto:
            yield app, puerto
    finally:
        if app.proceso.poll() is None:
            app.parar()


def estado_cache(puerto, ruta, cabeceras=None):
    estado, cab, texto = pedir(puerto, ruta, cabeceras)
    return estado, cab.get("X-Cache-Status"), texto


def test_public_pages_are_served_from_the_edge_cache(borde_vivo):
    _app, puerto = borde_vivo
    estado, cache, _ = estado_cache(puerto, "/paises/")
    assert (estado, cache) == (200, "MISS")
    estado, cache, _ = estado_cache(puerto, "/paises/")
    assert (estado, cache) == (200, "HIT")


def test_html_is_gzipped_for_clients_that_accept_it(borde_vivo):
    _app, puerto = borde_vivo
    _e, cabeceras, _t = pedir(puerto, "/videos/", {"Accept-Encoding": "gzip"})
    assert cabeceras["Content-Encoding"] == "gzip"


def copias_abiertas(app, ruta) -> set[int]:
    """Inodes of the page's cache files that nginx's worker holds open (open_file_cache)."""
    clave = f"\nKEY: http127.0.0.1{ruta}\n".encode()
    copias = set()
    for inodo, descriptor in borde.archivos_de_cache_abiertos(app.carpeta / "nginx").items():
        try:
            with descriptor.open("rb") as archivo:
                cabecera = archivo.read(4096)
            if clave in cabecera:
                copias.add(inodo)
        except OSError:  # closed meanwhile
            continue
    return copias


def test_an_edited_guide_appears_within_s_maxage(borde_vivo):
    """Also with the worker holding the cached copy open between hits (open_file_cache in
    docs/nginx/infomigra-proxy.conf): the refreshed copy is a new file, and nginx reopens it."""
    app, puerto = borde_vivo
    ruta = "/perfil/retornado/"
    estado_cache(puerto, ruta)
    assert estado_cache(puerto, ruta)[1] == "HIT"
    assert estado_cache(puerto, ruta)[1] == "HIT"
    abiertas = copias_abiertas(app, ruta)
    assert abiertas, "nginx no mantiene abierta la copia en caché entre aciertos"
    app.shell(
        "from contenidos.models import Guia;"
        "g = Guia.objects.get(perfil='retornado', idioma='es');"
        "g.cuerpo += '\\n\\nPárrafo editado para la prueba de nginx.'; g.save()"
    )
    editada = time.monotonic()
    while "Párrafo editado para la prueba de nginx." not in estado_cache(puerto, ruta)[2]:
        assert time.monotonic() - editada < S_MAXAGE + 2, "la edición no apareció a tiempo"
        time.sleep(0.1)
    # The edited page keeps coming from nginx's cache, from a new file.
    while estado_cache(puerto, ruta)[1] != "HIT":
        assert time.monotonic() - editada < S_MAXAGE + 4, "la edición no volvió a la caché"
        time.sleep(0.1)
    _e, _c, texto = estado_cache(puerto, ruta)
    assert "Párrafo editado para la prueba de nginx." in texto
    nuevas = copias_abiertas(app, ruta) - abiertas
    assert nuevas, "nginx sigue con la copia anterior abierta y ninguna nueva"


@pytest.mark.parametrize("gzip", [True, False])
def test_a_cached_page_carries_one_vary_header(borde_vivo, gzip):
    """Django's Vary: Accept-Encoding, not a second one from nginx's gzip module."""
    _app, puerto = borde_vivo
    cabeceras = {"Accept-Encoding": "gzip"} if gzip else {}
    for esperado in ("MISS", "HIT"):
        _e, cab, _t = pedir(puerto, "/videos/?vary=1", cabeceras)
        assert cab["X-Cache-Status"] == esperado
        assert cab.get_all("Vary") == ["Accept-Encoding"]
        assert (cab.get("Content-Encoding") == "gzip") == gzip


def test_after_the_confirmation_page_the_visitor_reads_from_the_edge_cache(borde_vivo, navegador):
    """A real browser through nginx: the code is shown once, the session cookie is gone, and
    the next public page is a cache hit (a session cookie would bypass the cache)."""
    _app, puerto = borde_vivo
    url = f"http://127.0.0.1:{puerto}"
    contexto = navegador.new_context(locale="es-PE")
    pagina = contexto.new_page()
    pagina.set_default_timeout(10_000)
    try:
        pagina.goto(url + "/consulta/")
        pagina.select_option("#id_tipo_migrante", "potencial")
        pagina.select_option("#id_pais", "JP")
        pagina.select_option("#id_tema", index=1)
        pagina.fill("#id_pregunta", "¿Necesito visa para trabajar en Japón?")
        pagina.fill("#id_email", "kenji@example.org")
        pagina.check("#id_consentimiento")
        pagina.wait_for_timeout(1200)  # past the minimum fill time
        pagina.click("main button[type=submit]")
        pagina.wait_for_url(url + "/consulta/enviada/")
        codigo = pagina.locator(".codigo-consulta").inner_text()
        assert codigo.strip()
        assert "sessionid" not in {c["name"] for c in contexto.cookies()}

        otro = navegador.new_context(locale="es-PE")  # fills nginx's cache (Chromium's variant)
        for _ in range(2):
            otro.new_page().goto(url + "/preguntas-frecuentes/")
        otro.close()
        respuesta = pagina.goto(url + "/preguntas-frecuentes/")
        assert respuesta.status == 200 and respuesta.headers["x-cache-status"] == "HIT"
        pagina.goto(url + "/consulta/enviada/")  # a reload does not show the code again
        assert "Su código ya se mostró" in pagina.locator("h1").inner_text()
        assert codigo not in pagina.content()
    finally:
        contexto.close()


@pytest.mark.parametrize("cookie", ["sessionid=abc123", "messages=x", "a=1; faq_votos=1:2"])
def test_a_request_with_a_personal_cookie_bypasses_the_cache(borde_vivo, cookie):
    _app, puerto = borde_vivo
    estado_cache(puerto, "/instituciones/")
    assert estado_cache(puerto, "/instituciones/")[1] == "HIT"
    for _ in range(2):
        estado, cache, _ = estado_cache(puerto, "/instituciones/", {"Cookie": cookie})
        assert (estado, cache) == (200, "BYPASS")


def _iniciar_sesion(puerto) -> str:
    _e, cab, html = pedir(puerto, "/cuentas/login/")
    csrf = re.search(r"csrftoken=([^;]+)", cab["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    estado, cab, _ = pedir(
        puerto,
        "/cuentas/login/",
        {
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
            # nginx passes Host as $host (no port): the origin Django sees; on 443 they agree.
            "Origin": "http://127.0.0.1",
        },
        "POST",
        f"username=asesora&password={CLAVE}&csrfmiddlewaretoken={token}",
    )
    assert estado == 302, "no se pudo iniciar sesión"
    cookies = " ".join(cab.get_all("Set-Cookie") or [])
    return re.search(r"sessionid=([^;]+)", cookies).group(1)


def test_staff_pages_are_never_a_cache_hit(borde_vivo):
    _app, puerto = borde_vivo
    sesion = _iniciar_sesion(puerto)
    for _ in range(2):
        estado, cache, html = estado_cache(puerto, "/gestion/", {"Cookie": f"sessionid={sesion}"})
        # Logged in, on the way to the second factor: a personal answer either way.
        assert estado in (200, 302)
        assert cache != "HIT"
        estado, cache, _ = estado_cache(puerto, "/gestion/")  # no session: the login redirect
        assert estado == 302 and cache != "HIT"


def test_form_pages_and_the_follow_up_page_are_never_a_cache_hit(borde_vivo):
    app, puerto = borde_vivo
    token, codigo = app.shell(
        "from consultas.models import Consulta, Sede;"
        "from consultas.models.remotas import EnlaceSeguimiento;"
        "c = Consulta.objects.create(sede=Sede.objects.first(), canal='web', "
        "tipo_migrante='potencial', resumen='Prueba nginx');"
        "print(EnlaceSeguimiento.para(c).token, c.codigo)"
    ).split()
    for ruta in (f"/consulta/seguimiento/{token}/", "/consulta/", "/boletin/suscribirse/"):
        for _ in range(2):
            estado, cache, html = estado_cache(puerto, ruta)
            assert estado == 200, ruta
            # Not even looked up in the cache, so concurrent visitors of a form page do not
            # queue on nginx's cache lock for an answer that is never cached.
            assert cache == "BYPASS", ruta
        assert (codigo in html) == ("seguimiento" in ruta)


def test_search_results_are_not_looked_up_in_the_edge_cache(borde_vivo):
    """They are "public, no-cache" (a synonym edit shows at once), so nginx never stores them;
    looking them up would only make visitors searching the same words wait on the cache lock."""
    _app, puerto = borde_vivo
    for ruta in ("/preguntas-frecuentes/?q=visa", "/en/preguntas-frecuentes/?q=visa"):
        for _ in range(2):
            estado, cache, _html = estado_cache(puerto, ruta)
            assert (estado, cache) == (200, "BYPASS"), ruta
    estado_cache(puerto, "/preguntas-frecuentes/?q=")  # no search: an ordinary cached page
    assert estado_cache(puerto, "/preguntas-frecuentes/?q=")[1] == "HIT"


def test_cached_pages_are_served_while_the_application_is_down(borde_vivo):
    app, puerto = borde_vivo
    estado_cache(puerto, "/acerca/")
    assert estado_cache(puerto, "/acerca/")[1] == "HIT"
    app.parar()
    try:
        time.sleep(S_MAXAGE + 0.5)  # the copy is now stale
        estado, cache, html = estado_cache(puerto, "/acerca/")
        # Still served with the application down: from the cache, fresh or stale.
        assert estado == 200 and cache in ("HIT", "STALE", "UPDATING")
        assert "</html>" in html
        assert pedir(puerto, "/consulta/")[0] == 502  # nothing cached for a form page
    finally:
        app.arrancar()
    for _ in range(50):
        if estado_cache(puerto, "/acerca/")[1] in ("HIT", "MISS", "EXPIRED", "REVALIDATED"):
            break
        time.sleep(0.1)
    assert estado_cache(puerto, "/acerca/")[0] == 200
