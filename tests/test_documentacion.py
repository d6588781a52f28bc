"""The README documents every environment variable that settings.py reads."""

import re
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def test_every_environment_variable_is_in_the_readme_table():
    ajustes = (RAIZ / "infomigra" / "settings.py").read_text(encoding="utf-8")
    variables = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', ajustes))
    assert len(variables) > 20
    readme = (RAIZ / "README.md").read_text(encoding="utf-8")
    documentadas = set(re.findall(r"^\|[^|]*`([A-Z0-9_]+)`", readme, re.M))
    documentadas |= set(
        re.findall(r"`([A-Z0-9_]+)` */ *`([A-Z0-9_]+)`", readme)
        and [v for par in re.findall(r"`([A-Z0-9_]+)` */ *`([A-Z0-9_]+)`", readme) for v in par]
    )
    faltan = sorted(variables - documentadas)
    assert faltan == [], f"Variables sin documentar en README.md: {faltan}"


def test_readme_quick_start_is_the_two_commands():
    readme = (RAIZ / "README.md").read_text(encoding="utf-8")
    bloque = readme.split("## Inicio rápido", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    comandos = [linea.split("#")[0].strip() for linea in bloque.strip().splitlines()]
    assert comandos == ["make run", "make test"]
