"""In real Chromium: a Responsable's first login goes through TOTP setup under the strict CSP."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from infomigra.vocabulario import ROL_RESPONSABLE
from tests.conftest import CLAVE, crear_usuario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_responsable_first_login_sets_up_2fa_without_csp_violations(live_server, pagina, sede_a):
    usuario = crear_usuario("jefa", ROL_RESPONSABLE, sede_a)
    avisos = []
    pagina.on("console", lambda m: avisos.append(m.text) if m.type == "error" else None)

    pagina.goto(live_server.url + "/gestion/auditoria/")
    pagina.fill("#id_username", "jefa")
    pagina.fill("#id_password", CLAVE)
    pagina.click("main button[type=submit]")
    pagina.wait_for_url("**/cuentas/doble-factor/**")
    assert pagina.locator("h1").inner_text() == "Verificación en dos pasos"
    assert pagina.locator("figure svg").is_visible()

    dispositivo = TOTPDevice.objects.get(user=usuario)
    pagina.fill("#id_codigo", f"{totp(dispositivo.bin_key):06d}")
    pagina.click("main button[type=submit]")
    pagina.wait_for_url(live_server.url + "/gestion/auditoria/")
    assert pagina.locator("h1").inner_text() == "Auditoría"
    assert pagina.locator("table caption").count() == 1
    assert not [a for a in avisos if "Content Security Policy" in a], avisos
