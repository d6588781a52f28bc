"""Pages reach a real browser compressed (Lighthouse's "enable text compression")."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("ruta", ["/", "/preguntas-frecuentes/", "/consulta/"])
def test_html_is_sent_gzip_compressed(sitio, movil, ruta):
    respuesta = movil.goto(sitio.url + ruta)
    assert respuesta.status == 200
    cabeceras = respuesta.all_headers()
    assert cabeceras.get("content-encoding") == "gzip", cabeceras
    assert "accept-encoding" in cabeceras.get("vary", "").lower()
