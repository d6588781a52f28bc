"""The back office speaks to staff as *usted*, like the content: no *tú* in its templates."""

import re
from pathlib import Path

from django.conf import settings

# Words that only appear when addressing someone as *tú*.
TUTEO = re.compile(
    r"\b(tú|tu|tus|ti|contigo|puedes|tienes|debes|quieres|escribe|revisa|elige|ingresa|"
    r"vuelve|intenta|pulsa|recibirás|podrás)\b",
    re.IGNORECASE,
)
TEXTO_TRADUCIBLE = re.compile(
    r"{%\s*(?:translate|trans)\s+\"([^\"]*)\"|{%\s*blocktranslate[^%]*%}(.*?){%\s*endblocktranslate",
    re.S,
)
CARPETAS = ("gestion", "registration")


def test_back_office_templates_use_usted():
    raiz = Path(settings.BASE_DIR) / "templates"
    tuteo = []
    for carpeta in CARPETAS:
        for plantilla in sorted((raiz / carpeta).rglob("*.html")):
            for simple, bloque in TEXTO_TRADUCIBLE.findall(plantilla.read_text(encoding="utf-8")):
                texto = simple or bloque
                if TUTEO.search(texto):
                    tuteo.append(f"{plantilla.relative_to(raiz)}: {texto.strip()}")
    assert tuteo == []
