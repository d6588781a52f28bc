"""The house rules of docs/arquitectura.md, checked on the source: imports run only downward
(consultas → faq → contenidos → infomigra), the back office's top level stays small, and no
module or function outgrows what a newcomer can read (migrations excepted)."""

import ast
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
CAPAS = {"infomigra": 0, "contenidos": 1, "faq": 2, "consultas": 3}
# The project's wiring sees every app by design: settings and the root URLconf.
CABLEADO = {"infomigra/settings.py", "infomigra/urls.py", "infomigra/wsgi.py", "infomigra/asgi.py"}
MAX_LINEAS_MODULO = 500
MAX_LINEAS_FUNCION = 60


def _fuentes(*carpetas):
    for carpeta in carpetas:
        for ruta in sorted((RAIZ / carpeta).rglob("*.py")):
            relativa = ruta.relative_to(RAIZ).as_posix()
            if "/migrations/" not in relativa:
                yield relativa, ruta


def _importados(arbol):
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            yield from (alias.name for alias in nodo.names)
        elif isinstance(nodo, ast.ImportFrom) and nodo.module and not nodo.level:
            yield nodo.module


def test_imports_run_only_downward():
    hacia_arriba = []
    for relativa, ruta in _fuentes(*CAPAS):
        if relativa in CABLEADO:
            continue
        capa = CAPAS[relativa.split("/")[0]]
        for modulo in _importados(ast.parse(ruta.read_text())):
            destino = CAPAS.get(modulo.split(".")[0])
            if destino is not None and destino > capa:
                hacia_arriba.append(f"{relativa} imports {modulo}")
    assert hacia_arriba == []


def test_back_office_top_level_has_at_most_twelve_modules():
    assert len(list((RAIZ / "consultas").glob("*.py"))) <= 12


@pytest.mark.parametrize("carpetas", [tuple(CAPAS), ("tests", "bench")])
def test_no_module_or_function_too_long(carpetas):
    largos = []
    for relativa, ruta in _fuentes(*carpetas):
        texto = ruta.read_text()
        if texto.count("\n") > MAX_LINEAS_MODULO:
            largos.append(f"{relativa}: {texto.count(chr(10))} lines")
        for nodo in ast.walk(ast.parse(texto)):
            if isinstance(nodo, ast.FunctionDef | ast.AsyncFunctionDef):
                lineas = nodo.end_lineno - nodo.lineno + 1
                if lineas > MAX_LINEAS_FUNCION:
                    largos.append(f"{relativa}:{nodo.lineno} {nodo.name}() {lineas} lines")
    assert largos == []
