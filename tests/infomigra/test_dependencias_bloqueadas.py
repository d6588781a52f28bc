"""Production installs exact, hash-checked versions without the test tools; CI uses the same
kind of lock (with the test tools)."""

import re
import tomllib
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]


def _nombre(requisito: str) -> str:
    return re.split(r"[\[=<>~ ]", requisito, maxsplit=1)[0].lower().replace("_", "-")


def _bloqueo(archivo: str) -> dict[str, str]:
    texto = (RAIZ / archivo).read_text()
    assert "file://" not in texto and "/opt/" not in texto  # nothing of a build machine
    paquetes = {}
    for bloque in re.split(r"\n(?=[A-Za-z0-9])", texto):
        primera = bloque.split("\n", 1)[0]
        if "==" in primera:
            assert "--hash=sha256:" in bloque, primera
            nombre, version = primera.split(" ", 1)[0].split("==")
            paquetes[nombre.lower().replace("_", "-")] = version
    return paquetes


def test_production_lock_pins_every_dependency_with_hashes_and_no_test_tools():
    proyecto = tomllib.loads((RAIZ / "pyproject.toml").read_text())["project"]
    bloqueo = _bloqueo("requirements.txt")
    for requisito in proyecto["dependencies"]:
        nombre, version = _nombre(requisito), requisito.split("==")[1]
        assert bloqueo.get(nombre) == version, requisito
    for requisito in proyecto["optional-dependencies"]["test"]:
        assert _nombre(requisito) not in bloqueo, requisito


def test_test_lock_adds_the_test_tools():
    proyecto = tomllib.loads((RAIZ / "pyproject.toml").read_text())["project"]
    bloqueo = _bloqueo("requirements-test.txt")
    for requisito in proyecto["dependencies"] + proyecto["optional-dependencies"]["test"]:
        assert bloqueo.get(_nombre(requisito)) == requisito.split("==")[1], requisito


def test_deployment_and_ci_install_from_the_locks():
    guia = (RAIZ / "docs" / "despliegue.md").read_text()
    assert "pip install --require-hashes -r requirements.txt" in guia
    assert "[test]" not in guia
    makefile = (RAIZ / "Makefile").read_text()
    assert "--require-hashes -r requirements-test.txt" in makefile
