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


def test_without_a_registration_the_notice_says_it_is_pending(client, settings):
    from contenidos.carga import cargar_todo

    cargar_todo()
    settings.PRIVACIDAD_BANCO_NOMBRE = "Orientación al migrante"
    settings.PRIVACIDAD_BANCO_REGISTRO = ""
    settings.PRIVACIDAD_DIRECCION = ""
    aviso = client.get("/privacidad/").content.decode()
    assert "pendiente de inscripción en el Registro Nacional de Protección de Datos" in aviso
    assert "dirección pendiente de publicación" in aviso
    assert "inscrito en el Registro Nacional" not in aviso
    formulario = client.get("/consulta/").content.decode()
    assert 'id="aviso-corto"' in formulario and "portabilidad" in formulario


def test_no_made_up_registration_by_default():
    from infomigra import settings as ajustes

    assert ajustes.PRIVACIDAD_BANCO_REGISTRO == ""


def test_deploy_check_warns_while_the_notice_lacks_its_facts(settings):
    from django.core.checks import run_checks

    settings.DEBUG = False
    settings.PRIVACIDAD_BANCO_REGISTRO = ""
    avisos = [a for a in run_checks(include_deployment_checks=True) if a.id == "infomigra.W001"]
    assert len(avisos) == 1 and "PRIVACIDAD_BANCO_REGISTRO" in avisos[0].msg
    for nombre, valor in (
        ("PRIVACIDAD_BANCO_NOMBRE", "Orientación al migrante"),
        ("PRIVACIDAD_BANCO_REGISTRO", "RNPDP-PJP N° 1234"),
        ("PRIVACIDAD_DIRECCION", "Av. X 1, Lima"),
        ("PRIVACIDAD_ENCARGADOS", "ninguno"),
        ("PRIVACIDAD_OFICIAL_CONTACTO", "oficial@example.org"),
    ):
        setattr(settings, nombre, valor)
    avisos = [a for a in run_checks(include_deployment_checks=True) if a.id == "infomigra.W001"]
    assert avisos == []
    settings.DEBUG = True
    settings.PRIVACIDAD_BANCO_REGISTRO = ""
    assert not [a for a in run_checks(include_deployment_checks=True) if a.id == "infomigra.W001"]
