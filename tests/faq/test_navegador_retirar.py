"""An Editor retires a wrong FAQ entry from the admin list in real Chromium: the server, which
had the entry's page and the FAQ list cached, stops serving it at once, and serves it again
when it is published back. (A browser that already holds the page may show its own copy for
up to ``max-age``, 60 s, by design: each visit below is a fresh browser, as a new visitor.)"""

import pytest

from contenidos.models import VersionPortal
from tests.faq_ayudas import crear_pregunta
from tests.navegador import iniciar_sesion

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("semillas"),
]


def _accion(pagina, live_server, pregunta, accion):
    pagina.goto(live_server.url + "/admin/faq/pregunta/")
    pagina.check(f"input[name='_selected_action'][value='{pregunta.pk}']")
    pagina.select_option("select[name='action']", accion)
    pagina.click("button[name='index']")
    pagina.wait_for_load_state()
    return pagina.locator(".messagelist").inner_text()


def test_an_entry_retired_in_the_admin_leaves_the_public_pages_at_once(
    live_server, navegador, editor, contenido
):
    editor.is_staff = True
    editor.save()
    pregunta = crear_pregunta(
        "¿Puedo trabajar con visa de turista?", "No: la visa de turista no permite trabajar."
    )
    entrada = f"{live_server.url}/preguntas-frecuentes/{pregunta.slug}/"
    lista = f"{live_server.url}/preguntas-frecuentes/"
    oficina = navegador.new_context(locale="es-PE")
    admin = oficina.new_page()

    def visita(url):
        """A new anonymous visitor without JavaScript: (status, page text)."""
        contexto = navegador.new_context(locale="es-PE", java_script_enabled=False)
        try:
            pagina = contexto.new_page()
            respuesta = pagina.goto(url)
            return respuesta.status, pagina.content()
        finally:
            contexto.close()

    try:
        assert visita(entrada)[0] == 200  # both pages are now in the server's page cache
        assert pregunta.pregunta in visita(lista)[1]
        iniciar_sesion(admin, live_server, editor)
        antes = VersionPortal.actual()
        assert "1 pregunta retirada." in _accion(admin, live_server, pregunta, "retirar")
        assert VersionPortal.actual() > antes  # every worker re-reads it within a second
        assert visita(entrada)[0] == 404
        assert pregunta.pregunta not in visita(lista)[1]
        assert "1 pregunta publicada." in _accion(admin, live_server, pregunta, "publicar")
        assert visita(entrada)[0] == 200
    finally:
        oficina.close()
