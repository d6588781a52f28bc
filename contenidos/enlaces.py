"""Links in published portal content: internal ones (to check they resolve) and external ones."""

import concurrent.futures
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser

from contenidos import extensiones
from contenidos.revision import MODELOS
from contenidos.texto import partir_fuentes

AGENTE = "INFOMIGRA-revisar-enlaces/1.0"


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def hrefs(html: str) -> list[str]:
    lector = _Hrefs()
    lector.feed(html or "")
    return lector.hrefs


def textos_publicados():
    """(origin, HTML, sources, web) of every published item, FAQ included through its hook."""
    for modelo in MODELOS:
        for obj in modelo.objects.publicados():
            web = getattr(obj, "web", "")
            yield f"{modelo._meta.verbose_name} «{obj}»", obj.cuerpo_html, obj.fuente, web
    for origen, html, fuente in extensiones.textos_de_extensiones():
        yield origen, html, fuente, ""


@dataclass
class Enlace:
    url: str
    origenes: list[str] = field(default_factory=list)
    estado: str = ""
    ok: bool | None = None


def recoger() -> tuple[dict[str, Enlace], dict[str, Enlace]]:
    """Internal (path) and external (http/https) links, each with the items that use it."""
    internos, externos = {}, {}
    for origen, html, fuente, web in textos_publicados():
        urls = hrefs(html) + [f["url"] for f in partir_fuentes(fuente) if f["url"]]
        urls += [web] if web else []
        for url in urls:
            if url.startswith("/") and not url.startswith("//"):
                internos.setdefault(url.split("#")[0], Enlace(url.split("#")[0]))
                internos[url.split("#")[0]].origenes.append(origen)
            elif url.startswith(("http://", "https://")):
                externos.setdefault(url, Enlace(url)).origenes.append(origen)
    return internos, externos


def _comprobar_uno(enlace: Enlace, tiempo: float) -> Enlace:
    for metodo in ("HEAD", "GET"):
        cabeceras = {"User-Agent": AGENTE}
        # Only http(s) URLs reach here (see recoger).
        peticion = urllib.request.Request(enlace.url, method=metodo, headers=cabeceras)  # noqa: S310
        try:
            with urllib.request.urlopen(peticion, timeout=tiempo) as respuesta:  # noqa: S310
                enlace.estado, enlace.ok = str(respuesta.status), True
                return enlace
        except urllib.error.HTTPError as exc:
            enlace.estado, enlace.ok = str(exc.code), False
            if exc.code not in (403, 405, 501):  # some servers refuse HEAD: retry with GET
                return enlace
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            razon = getattr(exc, "reason", exc)
            enlace.estado, enlace.ok = f"sin respuesta ({razon})", False
            return enlace
    return enlace


def comprobar(enlaces: list[Enlace], tiempo: float = 10, hilos: int = 8) -> list[Enlace]:
    with concurrent.futures.ThreadPoolExecutor(max_workers=hilos) as grupo:
        return list(grupo.map(lambda e: _comprobar_uno(e, tiempo), enlaces))
