"""One register: the service speaks to people as *usted*, never *tú*.

Scanned: every translatable string (the msgids of the English catalogue, which
tests/contenidos/test_ingles.py keeps complete: templates, mails, Python), the text left
outside the tags of every template, every Spanish seed (guides, country and information pages,
boletines, videos, directory, agreements, alerts, the FAQ) and the Spanish strings of the Python
code (demo data, command messages). A page, mail or seed added later is covered by itself.
"""

import ast
import json
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from contenidos.carga import DIRECTORIO

BASE = Path(settings.BASE_DIR)
CATALOGO = BASE / "locale" / "en" / "LC_MESSAGES" / "django.po"
FAQ = BASE / "faq" / "semillas" / "preguntas.json"

# Forms that exist only when addressing someone as *tú*: pronouns, second-person verbs and
# imperatives with a pronoun attached (léelo, escríbenos, infórmate, date de baja).
TUTEO = re.compile(
    r"\b(tú|tu|tus|ti|te|contigo|tuyos?|tuyas?|puedes|tienes|debes|quieres|necesitas|eres|"
    r"estás|sabes|vives|trabajas|vas|buscas|recibes|recibirás|podrás|deberás|tendrás|haz|"
    r"hazlo|date|dale|léelo|léela|recíbelo|recíbela|ábrelo|escríbenos|llámanos|cuéntanos|"
    r"contáctanos|síguenos|visítanos|pregúntanos|infórmate|comunícate|asegúrate|acércate|"
    r"protégete|fíjate|cuídate|inscríbete|suscríbete|regístrate|entérate|quédate|dirígete|"
    r"acuérdate|olvides|dudes)\b",
    re.IGNORECASE,
)
# Bare tú imperatives read like usted's present tense mid-sentence ("el texto que escribe"):
# they count only where an instruction starts (a sentence, a clause after a comma, a list item).
IMPERATIVO = re.compile(
    r"(?:^\s*(?:[-*]|\d+\.)?\s*|[.:;!?¡¿,]\s+)"
    r"(abre|revisa|escribe|elige|ingresa|pulsa|intenta|vuelve|llama|visita|descarga|lee|mira|"
    r"recuerda|verifica|guarda|acude|llena|averigua|comparte|ten|ven|pon)\b",
    re.IGNORECASE | re.MULTILINE,
)
# A *tú* the service did not write (a person's own words, quoted): the exact text and why.
PERMITIDOS: dict[str, str] = {}
# Python files whose Spanish strings are word lists, not text addressed to anyone.
LISTAS_DE_PALABRAS = {"faq/motor/texto.py"}  # the search's stop words include "tu", "te"…
ESPANOL = re.compile(r"\b(de|la|el|los|las|que|su|sus|para|con|por|del|una|usted)\b")


def tuteo(texto: str, permitidos=PERMITIDOS) -> list[str]:
    """The tú forms in ``texto`` (links and allowlisted quotes left out)."""
    for cita in permitidos:
        texto = texto.replace(cita, " ")
    texto = re.sub(r"https?://\S+|\]\([^)]*\)", " ", texto)
    formas = [m.group(1) for m in TUTEO.finditer(texto)]
    return formas + [m.group(1) for m in IMPERATIVO.finditer(texto)]


def msgids():
    catalogo = CATALOGO.read_text(encoding="utf-8")
    for bloque in re.findall(r'^msgid ((?:".*"\n)+)', catalogo, re.MULTILINE):
        yield "".join(re.findall(r'"(.*)"', bloque)).replace("\\n", "\n")


def texto_de_plantillas():
    """The text of each template outside its tags (translatable text is in ``msgids``)."""
    for plantilla in sorted((BASE / "templates").rglob("*")):
        if plantilla.suffix in (".html", ".txt"):
            texto = plantilla.read_text(encoding="utf-8")
            texto = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", texto, flags=re.S)
            texto = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}|<[^>]*>", " ", texto, flags=re.S)
            yield plantilla.relative_to(BASE), texto


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


def semillas_en_espanol():
    for ruta in sorted(DIRECTORIO.rglob("*.md")):
        if ".en." not in ruta.name:
            yield ruta.relative_to(DIRECTORIO), ruta.read_text(encoding="utf-8")
    for ruta in [*sorted(DIRECTORIO.glob("*.json")), FAQ]:
        for texto in _textos_json(json.loads(ruta.read_text(encoding="utf-8"))):
            yield ruta.name, texto


def cadenas_python():
    """Spanish string literals of the project's Python code (not the tests)."""
    archivos = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=BASE, capture_output=True, text=True, check=True
    ).stdout.split()
    for nombre in archivos:
        if nombre.startswith(("tests/", "bench/")) or nombre in LISTAS_DE_PALABRAS:
            continue
        arbol = ast.parse((BASE / nombre).read_text(encoding="utf-8"))
        for nodo in ast.walk(arbol):
            texto = nodo.value if isinstance(nodo, ast.Constant) else None
            if isinstance(texto, str) and len(ESPANOL.findall(texto)) >= 2:
                yield nombre, texto


def test_the_detector_tells_tu_from_usted():
    assert tuteo("Si puedes, infórmate y escríbenos; tu consulta importa.") == [
        "puedes",
        "infórmate",
        "escríbenos",
        "tu",
    ]
    assert tuteo("Léelo en la web. Para no recibirlo, date de baja; abre este enlace.") == [
        "Léelo",
        "date",
        "abre",
    ]
    assert tuteo("Para confirmarlo, abre este enlace.\n- Revisa tu correo.") == [
        "tu",
        "abre",
        "Revisa",
    ]
    usted = "Léalo en la web; dese de baja, abra este enlace. Es el texto que escribe y revisa."
    assert tuteo(usted) == []


def test_an_allowlisted_quote_is_the_only_tu_let_through():
    cita = "«¿tú sabes si es legal?», me escribió"
    texto = f"Una consulta decía {cita}. Revise su contrato."
    assert tuteo(texto, permitidos={}) == ["tú", "sabes"]
    assert tuteo(texto, permitidos={cita: "the migrant's own words"}) == []


def test_every_translatable_string_uses_usted():
    encontrados = [(texto[:80], forma) for texto in msgids() for forma in tuteo(texto)]
    assert encontrados == []


def test_template_text_outside_tags_uses_usted():
    encontrados = [(str(nombre), forma) for nombre, texto in texto_de_plantillas()
                   for forma in tuteo(texto)]  # fmt: skip
    assert encontrados == []


def test_spanish_seeds_use_usted():
    encontrados = [(str(nombre), forma) for nombre, texto in semillas_en_espanol()
                   for forma in tuteo(texto)]  # fmt: skip
    assert encontrados == []


def test_spanish_strings_of_the_code_use_usted():
    encontrados = [(nombre, texto[:80], forma) for nombre, texto in cadenas_python()
                   for forma in TUTEO.findall(texto)]  # fmt: skip
    assert encontrados == []


def test_the_scan_reaches_every_kind_of_text():
    ids = set(msgids())
    assert {"Léalo en la web", "Recíbalo por correo"} <= ids  # portal, boletín mails
    assert "Déjela en blanco para no cambiarla." in ids  # a Python form's gettext string
    plantillas = {str(nombre) for nombre, _ in texto_de_plantillas()}
    assert {"templates/404.html", "templates/portal/correo/edicion.txt"} <= plantillas
    semillas = {str(nombre) for nombre, _ in semillas_en_espanol()}
    for pagina in (DIRECTORIO / "paginas").glob("*.md"):
        if ".en." not in pagina.name:
            assert f"paginas/{pagina.name}" in semillas
    assert {"boletin/1.md", "videos.json", "preguntas.json"} <= semillas
    archivos = {nombre for nombre, _ in cadenas_python()}
    assert {"consultas/generador.py", "consultas/management/commands/cargar_demo.py"} <= archivos


@pytest.mark.django_db
def test_the_pages_that_said_tu_now_say_usted(client):
    no_existe = client.get("/no-existe/")
    assert no_existe.status_code == 404
    assert "La página que busca no existe" in no_existe.content.decode()
    assert "Recíbalo por correo" in client.get("/boletin/").content.decode()
