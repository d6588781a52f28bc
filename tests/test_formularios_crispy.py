"""Every form is rendered one way, by crispy-bootstrap5: no hand-written widget helper.

crispy gives each field its Bootstrap class, its label, help text and error feedback, and ties
the error to the field (``aria-invalid``, ``aria-describedby``). Code or templates that set
those by hand drift from it (another id scheme, a state left out), so they are refused here.
"""

import ast
import re
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
CARPETAS_PYTHON = ("consultas", "contenidos", "faq", "infomigra")
# What only a widget helper writes: Bootstrap's field classes and the error-state attributes.
# A size modifier (form-select-sm) given to crispy's Field is no helper: whole class names only.
MARCAS_PYTHON = re.compile(
    r"(?<![\w-])(form-control|form-select|form-check-input|is-invalid)(?![\w-])"
    r"|aria-(invalid|describedby)"
)
# In a template: a field's error state written by hand, or a bound field printed bare.
MARCAS_PLANTILLA = re.compile(
    r"is-invalid|aria-invalid"
    r"|\{\{\s*(form|campo|filtro|form_\w+)"
    r"(\.(?!(label|errors|non_field_errors|id_for_label|value|help_text|html_name)\b)\w+)?\s*\}\}"
)


def _literales(ruta: Path):
    for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
        if isinstance(nodo, ast.Constant) and isinstance(nodo.value, str):
            yield nodo.lineno, nodo.value


def test_no_python_module_writes_bootstrap_field_classes_or_aria_state():
    encontrados = [
        f"{ruta.relative_to(RAIZ)}:{linea}: {texto!r}"
        for carpeta in CARPETAS_PYTHON
        for ruta in sorted((RAIZ / carpeta).rglob("*.py"))
        if "migrations" not in ruta.parts
        for linea, texto in _literales(ruta)
        if MARCAS_PYTHON.search(texto)
    ]
    assert encontrados == [], "render the form with crispy instead:\n" + "\n".join(encontrados)


def test_no_template_renders_a_field_or_its_errors_by_hand():
    encontrados = [
        f"{ruta.relative_to(RAIZ)}:{numero}: {linea.strip()[:120]}"
        for ruta in sorted((RAIZ / "templates").rglob("*.html"))
        for numero, linea in enumerate(ruta.read_text(encoding="utf-8").splitlines(), start=1)
        if MARCAS_PLANTILLA.search(linea)
    ]
    assert encontrados == [], "use {{ campo|as_crispy_field }} or {% crispy form %}:\n" + "\n".join(
        encontrados
    )
