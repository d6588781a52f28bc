"""Helpers of the services' browser journeys: staff sessions and the mails' private links."""

import re

from django.conf import settings
from django.test import Client


def contexto_con_sesion(navegador, live_server, usuario, **opciones):
    """A browser context logged in as ``usuario`` (the session cookie of a forced login, past
    two-step verification when the user has a device)."""
    from tests.conftest import sesion_verificada

    cliente = sesion_verificada(Client(), usuario)
    contexto = navegador.new_context(locale="es-PE", **opciones)
    contexto.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cliente.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    pagina = contexto.new_page()
    pagina.set_default_timeout(10_000)
    return pagina


def llenar_consulta_web(pagina, perfil, pais, tema, email, pregunta=None, edad=None):
    """Fill the public consultation form and send it (after its minimum fill time)."""
    pagina.select_option("#id_tipo_migrante", perfil)
    pagina.select_option("#id_pais", pais)
    pagina.select_option("#id_tema", label=tema)
    if pregunta is not None:
        pagina.fill("#id_pregunta", pregunta)
    pagina.fill("#id_email", email)
    if edad is not None:
        pagina.fill("#id_edad", edad)
    pagina.check("#id_consentimiento")
    pagina.wait_for_timeout(1200)  # past the minimum fill time
    pagina.click("main button[type=submit]")


def enlace_en(correo, ruta: str) -> str:
    """The first link of the mail whose path starts with ``ruta``."""
    return re.search(rf"http://\S+{re.escape(ruta)}\S+/", correo.body).group(0)
