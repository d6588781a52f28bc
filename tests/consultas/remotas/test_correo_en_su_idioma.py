"""Mail to the person is in the language of the portal they wrote in: a consultation sent
from /en/ gets its acknowledgement (and later its answer's subject, greeting and footer) in
English, delivered through a real SMTP server; one sent from the Spanish portal stays Spanish."""

import time

import pytest
from django.core import signing

from consultas.models import Consulta
from consultas.models.remotas import TipoMensaje
from consultas.remotas import acuses, buzon, correo
from consultas.remotas.forms import SAL_MARCA
from contenidos.models import Tema
from tests.consultas.remotas.correos import correo as correo_entrante

pytestmark = pytest.mark.django_db


def _datos(email):
    return {
        "tipo_migrante": "extranjero", "pais": "VE", "pregunta": "How do I get a work permit?",
        "tema": Tema.objects.get(codigo="trabajo-en-peru").pk, "email": email,
        "consentimiento": "on", "sitio_web": "",
        "marca": signing.dumps(time.time() - 10, salt=SAL_MARCA),
    }  # fmt: skip


def _textos(recibido):
    texto = recibido.get_body(preferencelist=("plain",)).get_content()
    html = recibido.get_body(preferencelist=("html",)).get_content()
    return texto, html


def test_a_consultation_sent_in_english_is_acknowledged_in_english(client, servidor_smtp, settings):
    assert client.post("/en/consulta/", _datos("john@example.org")).status_code == 302
    assert client.post("/consulta/", _datos("juan@example.org")).status_code == 302
    ingles, espanol = sorted(servidor_smtp.recibidos, key=lambda m: m["To"])
    assert ingles["To"] == "john@example.org"
    consulta = Consulta.objects.get(email="john@example.org")
    assert consulta.idioma == "en"
    assert (
        str(ingles["Subject"]).strip().startswith(f"[{consulta.codigo}] We received your question")
    )
    texto, html = _textos(ingles)
    assert texto.startswith("Hello,") and consulta.codigo in texto
    assert "Free information and guidance service for migrants." in texto
    assert "/en/" in texto and '<html lang="en">' in html and "Hola" not in texto
    # The private link opens the English page.
    enlace = next(p for p in texto.split() if "/seguimiento/" in p)
    assert enlace.removeprefix(settings.SITE_URL).startswith("/en/")
    pagina = client.get(enlace.removeprefix(settings.SITE_URL))
    assert pagina.status_code == 200 and consulta.codigo in pagina.content.decode()
    assert "Recibimos su consulta" in espanol["Subject"]
    assert _textos(espanol)[0].startswith("Hola:")


def test_the_answer_to_an_english_consultation_is_in_english(client, servidor_smtp, asesor_a):
    client.post("/en/consulta/", _datos("john@example.org"))
    consulta = Consulta.objects.get()
    respuesta = correo.nuevo_mensaje_saliente(
        consulta, TipoMensaje.RESPUESTA, "You need a work visa.", autor=asesor_a
    )
    assert correo.enviar(respuesta.pk)
    recibido = servidor_smtp.recibidos[-1]
    assert (
        str(recibido["Subject"]).strip().startswith(f"[{consulta.codigo}] Answer to your question")
    )
    texto, _html = _textos(recibido)
    assert texto.startswith("Hello,") and "You need a work visa." in texto
    assert f"This is the answer to your question {consulta.codigo}:" in texto


def test_batched_acknowledgements_keep_each_persons_language(servidor_smtp):
    ids = [buzon.procesar(correo_entrante(f"<i{i}@example.org>", de=f"p{i}@example.org")).acuse_id
           for i in range(4)]  # fmt: skip
    Consulta.objects.filter(email__in=["p1@example.org", "p3@example.org"]).update(idioma="en")
    acuses.enviar(ids)
    por_destino = {m["To"]: _textos(m)[0] for m in servidor_smtp.recibidos}
    assert [por_destino[f"p{i}@example.org"].split()[0] for i in range(4)] == [
        "Hola:", "Hello,", "Hola:", "Hello,",
    ]  # fmt: skip
