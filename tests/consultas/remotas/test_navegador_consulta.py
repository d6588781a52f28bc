"""Browser journey of the public consultation form in real headless Chromium."""

import pytest

from consultas.models import Consulta
from contenidos.models import Tema
from tests.consultas.navegador import llenar_consulta_web

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("semillas"),
]


def test_person_fills_form_and_gets_tracking_code(live_server, pagina, settings, sede_a):
    assert Tema.objects.filter(nombre="Trámites y visas").exists()
    settings.CONSULTA_TIEMPO_MINIMO = 1
    externas = []
    pagina.on(
        "request",
        lambda r: externas.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    pagina.goto(live_server.url + "/consulta/?pregunta=¿Necesito+visa+para+Japón?")
    assert pagina.input_value("#id_pregunta") == "¿Necesito visa para Japón?"
    # The honeypot is not visible to people.
    assert not pagina.is_visible("#id_sitio_web") or pagina.evaluate(
        "document.getElementById('id_sitio_web').getBoundingClientRect().right < 0"
    )
    llenar_consulta_web(
        pagina, "potencial", "JP", "Trámites y visas", "kenji@example.org", edad="31"
    )
    pagina.wait_for_url(live_server.url + "/consulta/enviada/")

    consulta = Consulta.objects.get()
    assert consulta.codigo in pagina.locator(".codigo-consulta").inner_text()
    assert "Recibimos su consulta" in pagina.locator("h1").inner_text()
    assert consulta.pais.code == "JP" and consulta.email == "kenji@example.org"
    assert externas == []


def test_too_fast_submission_explains_and_keeps_text(live_server, pagina, settings):
    settings.CONSULTA_TIEMPO_MINIMO = 30
    pagina.goto(live_server.url + "/consulta/")
    pagina.fill("#id_pregunta", "Mi pregunta")
    pagina.click("main button[type=submit]")
    assert "demasiado rápido" in pagina.locator(".alert-danger").inner_text()
    assert pagina.input_value("#id_pregunta") == "Mi pregunta"
    assert Consulta.objects.count() == 0
