"""Public consultation form: submission, acknowledgement by real SMTP, spam traps, private page."""

import re
import time

import pytest
from django.core import signing

from consultas.models import Consulta, Mensaje
from consultas.models.remotas import EnlaceSeguimiento, EstadoEnvio
from consultas.remotas.forms import SAL_MARCA
from contenidos.models import Tema

pytestmark = pytest.mark.django_db

URL = "/consulta/"


def marca(hace: float = 10.0) -> str:
    return signing.dumps(time.time() - hace, salt=SAL_MARCA)


def datos_validos(**cambios):
    datos = {
        "tipo_migrante": "potencial",
        "pais": "ES",
        "tema": Tema.objects.get(codigo="empleo-exterior").pk,
        "pregunta": "¿Qué necesito para trabajar en España como enfermera?",
        "email": "rosa@example.org",
        "nombre": "Rosa Quispe",
        "telefono": "",
        "edad": "29",
        "sexo": "F",
        "consentimiento": "on",
        "sitio_web": "",
        "marca": marca(),
    }
    datos.update(cambios)
    return datos


def enlace_del_correo(correo) -> str:
    texto = correo.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/consulta/seguimiento/\S+/", texto).group(0)


def test_form_shows_every_field_with_labels_and_privacy_link(client):
    respuesta = client.get(URL)
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert html.count("<h1") == 1
    for campo in ("tipo_migrante", "pais", "tema", "pregunta", "email", "nombre", "telefono"):
        assert f'for="id_{campo}"' in html
    assert 'href="/privacidad/"' in html
    assert "Solo para estadísticas del servicio" in html
    # Honeypot hidden by a class, never by an inline style.
    assert 'class="oculto-humanos"' in html
    assert "style=" not in html


def test_question_prefilled_from_query_string(client):
    respuesta = client.get(URL, {"pregunta": "¿Cómo convalido mi título?"})
    assert "¿Cómo convalido mi título?</textarea>" in respuesta.content.decode()


def test_form_also_served_in_english_prefix(client):
    assert client.get("/en/consulta/").status_code == 200


def test_privacy_notice_names_law_controller_retention_and_rights(client, settings):
    from contenidos.carga import cargar_todo

    cargar_todo()
    html = client.get("/privacidad/").content.decode()
    assert "Ley N° 29733" in html
    assert "016-2024-JUS" in html
    assert "Ministerio de Trabajo y Promoción del Empleo" in html
    assert "24 meses" in html
    for derecho in ("Acceso", "Rectificación", "Cancelación", "Oposición"):
        assert derecho in html
    assert settings.AVISO_PRIVACIDAD_VERSION in html


def test_submission_creates_web_consultation_and_emails_code_and_private_link(
    client, servidor_smtp, settings
):
    respuesta = client.post(URL, datos_validos(), follow=True)
    consulta = Consulta.objects.get()
    assert consulta.canal == "web" and consulta.estado == "pendiente"
    assert consulta.sede.codigo == "LIMA"
    assert consulta.resumen.startswith("¿Qué necesito")
    assert consulta.consentimiento and consulta.consentimiento_el is not None
    assert consulta.aviso_version == settings.AVISO_PRIVACIDAD_VERSION
    assert consulta.banda_edad == "26-35" and consulta.sexo == "F"
    assert [t.codigo for t in consulta.temas.all()] == ["empleo-exterior"]
    assert consulta.codigo in respuesta.content.decode()
    assert "Recibimos su consulta" in respuesta.content.decode()

    # The thread stores the question and the acknowledgement, which was really delivered.
    entrada, acuse = consulta.mensajes.all()
    assert entrada.direccion == "entrada" and entrada.cuerpo == consulta.resumen
    assert acuse.tipo == "acuse" and acuse.estado_envio == EstadoEnvio.ENVIADO
    [correo] = servidor_smtp.recibidos
    assert correo["To"] == "rosa@example.org"
    assert consulta.codigo in correo["Subject"]
    assert correo["Message-ID"] == acuse.message_id
    assert correo["Auto-Submitted"] == "auto-replied"
    assert correo.get_body(preferencelist=("html",)) is not None
    enlace = enlace_del_correo(correo)
    assert enlace.startswith(settings.SITE_URL)

    # The private link opens the thread.
    pagina = client.get(enlace.removeprefix(settings.SITE_URL))
    assert pagina.status_code == 200
    assert "no-store" in pagina["Cache-Control"]
    assert pagina["Referrer-Policy"] == "same-origin"
    assert consulta.codigo in pagina.content.decode()
    assert "¿Qué necesito para trabajar en España" in pagina.content.decode()


def test_token_is_not_stored_in_clear(client):
    client.post(URL, datos_validos())
    enlace = EnlaceSeguimiento.objects.get()
    assert enlace.token not in (enlace.sal, enlace.token_hash)
    assert EnlaceSeguimiento.buscar(enlace.token) == enlace


def test_missing_email_and_consent_are_named_in_spanish_and_nothing_is_saved(client):
    respuesta = client.post(URL, datos_validos(email="", consentimiento=""))
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Revise estos campos" in html
    assert "Para enviar la consulta debe aceptar el aviso de privacidad." in html
    assert 'aria-invalid="true"' in html
    assert Consulta.objects.count() == 0
    # What the person wrote is kept.
    assert "¿Qué necesito para trabajar en España como enfermera?" in html


@pytest.mark.parametrize(
    ("cambios", "mensaje"),
    [
        ({"sitio_web": "http://spam.example"}, "se llenó un campo que debe quedar vacío"),
        ({"marca": 0}, "se envió demasiado rápido"),
        ({"marca": 3 * 3600}, "caducó"),
        ({"marca": "123:forjada:abc"}, "No pudimos validar el formulario"),
        ({"marca": ""}, "No pudimos validar el formulario"),
    ],
    ids=["honeypot", "demasiado-rapido", "caducado", "forjado", "sin-marca"],
)
def test_spam_traps_reject_with_spanish_message_and_save_nothing(client, cambios, mensaje):
    if isinstance(cambios.get("marca"), int):
        cambios = {"marca": marca(hace=cambios["marca"])}
    respuesta = client.post(URL, datos_validos(**cambios))
    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    assert Consulta.objects.count() == 0
    assert Mensaje.objects.count() == 0


def test_rate_limit_per_address(client, settings):
    settings.CONSULTA_LIMITE_POR_HORA = 2
    for _ in range(2):
        assert client.post(URL, datos_validos()).status_code == 302
    respuesta = client.post(URL, datos_validos())
    assert respuesta.status_code == 429
    assert "demasiadas consultas desde su conexión" in respuesta.content.decode()
    assert Consulta.objects.count() == 2
    # Another address is not affected.
    assert client.post(URL, datos_validos(), REMOTE_ADDR="203.0.113.9").status_code == 302
    assert Consulta.objects.count() == 3


def test_rate_limit_uses_forwarded_address_only_behind_trusted_proxy(client, settings):
    settings.CONSULTA_LIMITE_POR_HORA = 1
    settings.PROXY_SSL_HEADER = True
    assert client.post(URL, datos_validos(), HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 302
    assert client.post(URL, datos_validos(), HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
    assert client.post(URL, datos_validos(), HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429
    # A client cannot dodge it by prepending addresses: only the proxy's (last) entry counts.
    falsa = "10.9.9.9, 198.51.100.2"
    assert client.post(URL, datos_validos(), HTTP_X_FORWARDED_FOR=falsa).status_code == 429


def test_wrong_or_missing_token_is_404(client):
    client.post(URL, datos_validos())
    assert client.get("/consulta/seguimiento/token-inventado/").status_code == 404
    assert client.get("/consulta/seguimiento/").status_code == 404
    assert client.post("/consulta/seguimiento/x/", {"texto": "hola"}).status_code == 404
    assert Mensaje.objects.filter(cuerpo="hola").count() == 0


def test_reply_on_private_page_joins_thread_and_reopens(client, asesor_a):
    from consultas.remotas import servicios as remotas

    client.post(URL, datos_validos())
    consulta = Consulta.objects.get()
    remotas.responder(consulta, asesor_a, "Necesitas homologar tu título en el Ministerio.")
    consulta.refresh_from_db()
    assert consulta.estado == "respondida"

    ruta = f"/consulta/seguimiento/{consulta.enlace_seguimiento.token}/"
    assert "Necesitas homologar tu título" in client.get(ruta).content.decode()
    respuesta = client.post(ruta, {"texto": "Gracias. ¿Y dónde se homologa?"}, follow=True)
    assert "Recibimos su mensaje" in respuesta.content.decode()
    assert "¿Y dónde se homologa?" in respuesta.content.decode()
    consulta.refresh_from_db()
    assert consulta.estado == "pendiente"
    ultimo = consulta.mensajes.last()
    assert ultimo.direccion == "entrada" and ultimo.tipo == "seguimiento"


def test_empty_reply_on_private_page_shows_error(client):
    client.post(URL, datos_validos())
    consulta = Consulta.objects.get()
    ruta = f"/consulta/seguimiento/{consulta.enlace_seguimiento.token}/"
    respuesta = client.post(ruta, {"texto": ""})
    assert respuesta.status_code == 200
    assert "Este campo es obligatorio" in respuesta.content.decode()
    assert consulta.mensajes.count() == 2
