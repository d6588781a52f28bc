"""One register: the Spanish content speaks to the reader as *usted*, never *tú*.

Every Spanish seed is scanned (guides, country pages, information pages, the Guía Básica,
boletines, videos, directory, agreements, alerts and the FAQ), and so are the portal's
templates, so a page added later is covered without touching this test.
"""

import json
import re
from pathlib import Path

from django.conf import settings

from contenidos.carga import DIRECTORIO

# Forms that only exist when addressing someone as *tú*: pronouns, second-person verbs and
# tú imperatives with a reflexive "te" (infórmate, comunícate, asegúrate).
TUTEO = re.compile(
    r"\b(tú|tu|tus|ti|te|contigo|puedes|tienes|debes|quieres|necesitas|eres|estás|sabes|"
    r"vives|trabajas|vas|recibirás|podrás|deberás|tendrás|haz|hazlo|cuéntanos|escríbenos|"
    r"llámanos|infórmate|comunícate|asegúrate|acércate|protégete|fíjate|cuídate|inscríbete|"
    r"regístrate|quédate|dirígete|acuérdate)\b",
    re.IGNORECASE,
)
FAQ = Path(settings.BASE_DIR) / "faq" / "semillas" / "preguntas.json"
PLANTILLAS = Path(settings.BASE_DIR) / "templates"


def _textos_json(valor):
    if isinstance(valor, dict):
        if valor.get("idioma", "es") != "es":
            return
        for clave, dato in valor.items():
            if clave not in ("web", "fuente", "archivo", "subtitulos", "poster"):
                yield from _textos_json(dato)
    elif isinstance(valor, list):
        for dato in valor:
            yield from _textos_json(dato)
    elif isinstance(valor, str):
        yield valor


def textos_en_espanol():
    for ruta in sorted(DIRECTORIO.rglob("*.md")):
        if ".en." not in ruta.name:
            yield ruta.relative_to(DIRECTORIO), ruta.read_text(encoding="utf-8")
    for ruta in [*sorted(DIRECTORIO.glob("*.json")), FAQ]:
        for texto in _textos_json(json.loads(ruta.read_text(encoding="utf-8"))):
            yield ruta.name, texto


def _tuteo(texto):
    sin_enlaces = re.sub(r"https?://\S+|\]\([^)]*\)", " ", texto)
    return [m.group() for m in TUTEO.finditer(sin_enlaces)]


def test_the_detector_tells_tu_from_usted():
    assert _tuteo("Si puedes, infórmate y escríbenos; tu consulta importa.") == [
        "puedes",
        "infórmate",
        "escríbenos",
        "tu",
    ]
    assert _tuteo("Si puede, infórmese y escríbanos; su consulta importa. Es vigente.") == []


def test_spanish_content_uses_usted():
    tuteo = [(str(nombre), palabra) for nombre, texto in textos_en_espanol()
             for palabra in _tuteo(texto)]  # fmt: skip
    assert tuteo == []


def test_the_scan_covers_every_spanish_page_including_the_new_ones():
    nombres = {str(nombre) for nombre, _ in textos_en_espanol()}
    for pagina in (DIRECTORIO / "paginas").glob("*.md"):
        if ".en." not in pagina.name:
            assert f"paginas/{pagina.name}" in nombres
    assert {"paginas/guia-basica.md", "paginas/jovenes.md", "preguntas.json"} <= nombres


def test_portal_templates_use_usted():
    tuteo = []
    for carpeta in ("portal", "faq"):
        for plantilla in sorted((PLANTILLAS / carpeta).rglob("*.html")):
            texto = re.sub(r"{[{%#].*?[}%#]}|<[^>]+>", " ", plantilla.read_text(encoding="utf-8"))
            tuteo += [(plantilla.name, p) for p in _tuteo(texto)]
    assert tuteo == []
