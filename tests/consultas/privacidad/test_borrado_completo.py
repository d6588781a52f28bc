"""Deletion (in the admin) and anonymisation leave no copy of a person's data anywhere in the
database: not in history tables, messages, FAQ drafts or links. Checked by reading every row of
every table."""

import pytest

from consultas.models import Consulta
from consultas.privacidad import servicios as privacidad
from consultas.remotas import servicios as remotas
from contenidos.models import Tema
from faq.models import Pregunta
from faq.servicios import proponer_desde_consulta
from tests.conftest import dar_doble_factor
from tests.volcado import volcado

pytestmark = pytest.mark.django_db

CORREO = "rosa.quispe.huaman@example.org"
DNI = "44556677"
TELEFONO = "987 654 321"


@pytest.fixture
def consulta(sede_a, asesor_a):
    consulta, _acuse = remotas.registrar_consulta_web(
        {
            "tipo_migrante": "retornado",
            "pais": "CL",
            "tema": Tema.objects.get(codigo="convenios-seguridad-social"),
            "pregunta": f"Soy Rosa Quispe, DNI {DNI}, ¿cuentan mis aportes en Chile?",
            "email": CORREO,
            "nombre": "Rosa Quispe Huamán",
            "telefono": TELEFONO,
        }
    )
    remotas.agregar_seguimiento(consulta, f"Mi teléfono es {TELEFONO} y mi DNI {DNI}")
    remotas.responder(consulta, asesor_a, "Sí, Rosa: el convenio con Chile suma los aportes.")
    consulta.refresh_from_db()
    consulta.derivada_a = "ONP"
    consulta.save()  # one more history row with every field
    # A draft made before proposals were redacted: the consultation's text, verbatim.
    proponer_desde_consulta(consulta.codigo, consulta.resumen, consulta.respuesta, "otros")
    return consulta


def _sin_rastros():
    texto = volcado()
    assert CORREO not in texto
    assert DNI not in texto
    assert TELEFONO not in texto
    assert "Quispe" not in texto


def test_deleting_in_the_admin_leaves_no_copy(consulta, client):
    from django.contrib.auth import get_user_model

    assert DNI in volcado()  # the check can see the data while it exists
    admin = get_user_model().objects.create_superuser("jefa", "jefa@example.org", "x")
    dar_doble_factor(admin)
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(admin)
    sesion = client.session
    sesion[DEVICE_ID_SESSION_KEY] = admin.totpdevice_set.get().persistent_id
    sesion.save()
    respuesta = client.post(f"/admin/consultas/consulta/{consulta.pk}/delete/", {"post": "yes"})
    assert respuesta.status_code == 302
    assert not Consulta.objects.filter(pk=consulta.pk).exists()
    _sin_rastros()
    # The deletion itself stays in the history (who and when), without the data.
    fila = Consulta.historia.model.objects.get(id=consulta.pk, history_type="-")
    assert fila.history_user == admin and fila.email == ""


def test_anonymising_leaves_no_copy(consulta):
    privacidad.anonimizar([consulta.pk])
    _sin_rastros()
    assert not Pregunta.objects.filter(consulta_origen=consulta.codigo).exists()
    consulta.refresh_from_db()
    assert consulta.anonimizada and consulta.tipo_migrante == "retornado"


def test_personal_data_request_deletes_everything(consulta, responsable, cliente_de):
    cliente = cliente_de(responsable)
    respuesta = cliente.post(
        "/gestion/datos-personales/", {"email": CORREO, "accion": "eliminar", "confirmar": "on"}
    )
    assert respuesta.status_code == 302
    _sin_rastros()
