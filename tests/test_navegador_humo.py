"""Browser smoke test in real headless Chromium: home page, then a staff login."""

import pytest

from tests.conftest import CLAVE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_and_login_in_chromium(live_server, pagina, asesor_a):
    externas = []
    pagina.on(
        "request",
        lambda r: externas.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    pagina.goto(live_server.url + "/")
    assert pagina.locator("h1").count() == 1
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.getAttribute('href')") == "#contenido"

    pagina.goto(live_server.url + "/gestion/")
    assert "/cuentas/login/" in pagina.url
    pagina.fill("#id_username", "asesor_a")
    pagina.fill("#id_password", CLAVE)
    pagina.click("main button[type=submit]")
    # Every staff role has two-step verification: the code of the authenticator app.
    pagina.wait_for_url("**/cuentas/doble-factor/verificar/**")
    from django_otp.oath import TOTP

    dispositivo = asesor_a.totpdevice_set.get()
    pagina.fill("#id_codigo", f"{TOTP(dispositivo.bin_key).token():06d}")
    pagina.click("main button[type=submit]")
    pagina.wait_for_url(live_server.url + "/gestion/")
    assert "Panel de gestión" in pagina.locator("h1").inner_text()
    assert externas == []
