"""Steps shared by the journey tests (what a person does in the browser)."""


def enviar_consulta(pagina, sitio, email="kenji@example.org", pregunta=None):
    """Fill and send the public consultation form; leaves the browser on the confirmation."""
    pagina.goto(sitio.url + "/consulta/")
    pagina.select_option("#id_tipo_migrante", "potencial")
    pagina.select_option("#id_pais", "JP")
    pagina.select_option("#id_tema", index=1)
    pagina.fill("#id_pregunta", pregunta or "¿Necesito visa de trabajo para Japón?")
    pagina.fill("#id_email", email)
    pagina.check("#id_consentimiento")
    pagina.wait_for_timeout(1100)  # past the minimum fill time
    pagina.click("main button[type=submit]")
    pagina.wait_for_url("**/consulta/enviada/")


def iniciar_sesion(pagina, sitio, usuario="asesora"):
    """The demo advisor logs in: password, then the code of the authenticator app."""
    from binascii import unhexlify

    from django_otp.oath import TOTP

    from tests.journeys.conftest import CLAVE_TOTP

    pagina.goto(sitio.url + "/cuentas/login/")
    pagina.fill("#id_username", usuario)
    pagina.fill("#id_password", sitio.clave_asesora)
    pagina.click("main button[type=submit]")
    pagina.wait_for_url("**/doble-factor/verificar/**")
    pagina.fill("#id_codigo", f"{TOTP(unhexlify(CLAVE_TOTP)).token():06d}")
    pagina.click("main button[type=submit]")
    pagina.wait_for_url("**/gestion/**")


def altura_cabecera(pagina) -> float:
    return pagina.evaluate("document.querySelector('body > header').getBoundingClientRect().height")


def url_seguimiento(sitio, codigo) -> str:
    """The private follow-up URL of a consultation, as its emails carry it."""
    return sitio.consultar(
        "from consultas.remotas import correo; from consultas.models import Consulta; "
        f"print(correo.url_seguimiento(Consulta.objects.get(codigo='{codigo}')))"
    )
