"""Proposing a consultation as an FAQ entry: the advisor confirms a text without personal data,
and only for a consultation of their own office that exists."""

import pytest

from faq.models import Pregunta
from faq.redaccion import redactar
from tests.faq_ayudas import consulta_respondida

pytestmark = pytest.mark.django_db

RESUMEN = (
    "Me llamo Juana Pérez Flores, DNI 44556677, C.E. N° 001234567, cel. +51 987 654 321, "
    "correo juana.perez@example.com. ¿Mis aportes de 2019 en Chile cuentan?"
)
RESPUESTA = "Estimada Juana: sí, el convenio suma los aportes. Llame al (01) 630-6000."


@pytest.fixture
def consulta(sede_a):
    return consulta_respondida(
        sede_a, RESUMEN, RESPUESTA, "Juana Pérez Flores", "juana.perez@example.com"
    )


def test_redaction_removes_emails_numbers_documents_and_names():
    texto = redactar(RESUMEN, ["Juana Pérez Flores"])
    for dato in ("44556677", "001234567", "987", "juana", "Juana", "Pérez", "Flores"):
        assert dato not in texto
    assert "DNI [documento]" in texto and "[correo]" in texto and "[nombre]" in texto
    assert "2019" in texto and "Chile" in texto  # ordinary words and years stay
    assert redactar("Soy enfermera y vivo en Lima") == "Soy enfermera y vivo en Lima"


def test_advisor_sees_and_confirms_a_redacted_text(consulta, asesor_a, cliente_de):
    cliente = cliente_de(asesor_a)
    pagina = cliente.get("/gestion/faq/proponer/", {"codigo": consulta.codigo})
    html = pagina.content.decode()
    assert pagina.status_code == 200
    assert "44556677" not in html and "juana" not in html.lower() and "987 654" not in html
    assert "[documento]" in html and "[nombre]" in html
    inicial = {k: v for k, v in pagina.context["form"].initial.items() if v}
    # Even if the advisor pastes the original back, the stored draft is redacted.
    inicial["resumen"] += " DNI 44556677"
    assert cliente.post("/gestion/faq/proponer/", inicial).status_code == 302
    borrador = Pregunta.objects.get(consulta_origen=consulta.codigo)
    assert not borrador.publicada
    for dato in ("44556677", "Juana", "juana.perez", "630-6000"):
        assert dato not in borrador.pregunta + borrador.respuesta


def test_another_offices_or_unknown_code_is_refused(consulta, asesor_b, cliente_de):
    cliente = cliente_de(asesor_b)
    for codigo in (consulta.codigo, "C-2099-999999"):
        assert cliente.get("/gestion/faq/proponer/", {"codigo": codigo}).status_code == 404
        respuesta = cliente.post(
            "/gestion/faq/proponer/",
            {
                "codigo": codigo,
                "resumen": "¿Cuentan mis aportes?",
                "respuesta": "Sí.",
                "tema": "otros",
            },
        )
        assert respuesta.status_code == 400
        assert "No encontramos una consulta respondida" in respuesta.content.decode()
    assert not Pregunta.objects.exists()


def test_an_editor_cannot_tag_drafts_with_consultation_codes(consulta, editor, cliente_de):
    respuesta = cliente_de(editor).post(
        "/gestion/faq/proponer/",
        {"codigo": consulta.codigo, "resumen": "¿Algo?", "respuesta": "Sí.", "tema": "otros"},
    )
    assert respuesta.status_code == 400
    assert not Pregunta.objects.exists()
