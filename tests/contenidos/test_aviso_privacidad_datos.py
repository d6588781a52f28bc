"""The privacy notice states the data bank, its registration, the entity's address, the
processors, the portability right and the data-protection officer; the form shows a short
notice."""

import pytest

pytestmark = pytest.mark.django_db


def test_notice_and_form_state_the_data_bank_facts(client, settings):
    from contenidos.carga import cargar_todo

    cargar_todo()
    settings.PRIVACIDAD_BANCO_NOMBRE = "Orientación al migrante"
    settings.PRIVACIDAD_BANCO_REGISTRO = "RNPDP-PJP N° 1234"
    settings.PRIVACIDAD_DIRECCION = "Av. Salaverry 655, Jesús María, Lima"
    settings.PRIVACIDAD_ENCARGADOS = "Proveedor de correo X"
    settings.PRIVACIDAD_OFICIAL_CONTACTO = "datospersonales@trabajo.gob.pe"
    aviso = client.get("/privacidad/").content.decode()
    for dato in (
        "Orientación al migrante",
        "RNPDP-PJP N° 1234",
        "Av. Salaverry 655",
        "Proveedor de correo X",
        "datospersonales@trabajo.gob.pe",
        "portabilidad",
    ):
        assert dato in aviso
    formulario = client.get("/consulta/").content.decode()
    assert 'id="aviso-corto"' in formulario
    assert "Orientación al migrante" in formulario and "portabilidad" in formulario
