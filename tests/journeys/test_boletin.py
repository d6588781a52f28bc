"""Boletín subscription in a real browser while the mail server is down, then retried."""

import pytest

from tests.servidores_correo import ServidorSMTP

pytestmark = pytest.mark.browser


class SMTPEnPuerto(ServidorSMTP):
    """The real aiosmtpd test server, on the port the site was told to use."""

    def __init__(self, puerto):
        from aiosmtpd.controller import Controller

        self.recibidos = []
        self.rechazar = set()
        self.puerto = puerto
        self.controlador = Controller(self, hostname="127.0.0.1", port=puerto)


def test_subscription_with_mail_down_answers_a_page_and_the_mail_goes_later_once(sitio, movil):
    movil.goto(sitio.url + "/boletin/")
    movil.click("main a[href$='/boletin/suscribirse/']")  # the form has its own page
    etiquetas = movil.locator(
        "form[action$='/boletin/suscribirse/'] .form-check-label"
    ).all_inner_texts()
    # The list under "Temas" is the topics, not the profiles.
    assert "Empleo en el exterior" in etiquetas and "Retorno al Perú" in etiquetas
    assert "Pienso migrar" not in etiquetas and "Potencial migrante" not in etiquetas
    movil.fill("#id_email", "lucia.boletin@example.org")
    movil.check("input[name=temas][value=empleo-exterior]")
    with movil.expect_navigation() as navegacion:
        movil.click("form[action$='/boletin/suscribirse/'] button[type=submit]")
    assert navegacion.value.status == 200
    assert movil.locator("body > header nav").count() >= 1  # the site's own page, not a bare 500
    assert "correo" in movil.locator("main h1").inner_text().lower()

    servidor = SMTPEnPuerto(sitio.puerto_smtp)
    servidor.iniciar()
    try:
        sitio.manage("reenviar_pendientes")
        sitio.manage("reenviar_pendientes")
    finally:
        servidor.detener()
    para_lucia = [m for m in servidor.recibidos if m["To"] == "lucia.boletin@example.org"]
    assert len(para_lucia) == 1
    assert "/boletin/confirmar/" in para_lucia[0].get_content()
    temas = sitio.consultar(
        "from contenidos.models import Suscriptor; "
        "s = Suscriptor.objects.get(email='lucia.boletin@example.org'); "
        "print(','.join(s.temas.values_list('codigo', flat=True)))"
    )
    assert temas == "empleo-exterior"
