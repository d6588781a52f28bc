"""In real Chromium: a new Asesor cannot enrol 2FA with the password alone; with the one-time
link (as the Responsable mails it) they log in, set up TOTP and reach the back office, under the
strict CSP."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from infomigra.cuentas import alta
from infomigra.cuentas.models import EnlaceAlta
from infomigra.vocabulario import ROL_ASESOR
from tests.conftest import CLAVE, crear_usuario
from tests.navegador import axe_graves

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ingresar(pagina):
    pagina.fill("#id_username", "nuevo.asesor")
    pagina.fill("#id_password", CLAVE)
    pagina.click("main button[type=submit]")


def test_new_asesor_enrols_2fa_through_the_link_without_csp_violations(live_server, pagina, sede_a):
    usuario = crear_usuario("nuevo.asesor", ROL_ASESOR, sede_a)
    avisos = []
    pagina.on("console", lambda m: avisos.append(m.text) if m.type == "error" else None)

    # The password alone: an explanation of how to get the link, no QR, no back office.
    pagina.goto(live_server.url + "/gestion/")
    ingresar(pagina)
    pagina.wait_for_url("**/cuentas/doble-factor/**")
    assert pagina.locator("h1").inner_text() == "Active la verificación en dos pasos"
    assert "enlace de un solo uso" in pagina.locator("#sin-enlace").inner_text()
    assert pagina.locator("figure svg").count() == 0
    assert axe_graves(pagina) == []
    pagina.goto(live_server.url + "/gestion/")
    assert "/cuentas/doble-factor/" in pagina.url
    assert not TOTPDevice.objects.filter(user=usuario).exists()

    # The link, opened in a fresh session: log in first, then the setup page.
    enlace = live_server.url + alta.emitir(usuario)
    pagina.context.clear_cookies()
    pagina.goto(enlace)
    pagina.wait_for_url("**/cuentas/login/**")
    ingresar(pagina)
    pagina.wait_for_url(live_server.url + "/cuentas/doble-factor/")
    assert pagina.locator("h1").inner_text() == "Verificación en dos pasos"
    assert pagina.locator("figure svg").is_visible()
    assert pagina.locator("header.cabecera-gestion").count() == 1  # the back-office layout
    assert axe_graves(pagina) == []
    assert not EnlaceAlta.objects.exists()  # used once, gone

    dispositivo = TOTPDevice.objects.get(user=usuario)
    pagina.fill("#id_codigo", f"{totp(dispositivo.bin_key):06d}")
    pagina.click("main button[type=submit]")
    # The backup codes, shown once, then on to the back office.
    pagina.wait_for_url("**/cuentas/doble-factor/respaldo/**")
    assert pagina.locator("ol.codigos-respaldo li").count() == 10
    pagina.click("main a:text('Continuar')")
    pagina.wait_for_url(live_server.url + "/gestion/")
    assert pagina.locator("header.cabecera-gestion").count() == 1
    assert not [a for a in avisos if "Content Security Policy" in a], avisos
