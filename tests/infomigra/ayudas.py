"""Helpers shared by the project-level tests."""

import os
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]


def leer_ajuste(expresion, **entorno):
    """Evaluate an expression over the settings loaded in a clean process."""
    limpias = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DATABASE_POOL"}
    env = {k: v for k, v in os.environ.items() if k not in limpias}
    env.update({"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "infomigra.settings", **entorno})
    codigo = f"from django.conf import settings as s; print(*({expresion},))"
    resultado = subprocess.run(
        [sys.executable, "-c", codigo],
        cwd=RAIZ,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultado.returncode == 0, resultado.stderr
    return resultado.stdout.strip()
