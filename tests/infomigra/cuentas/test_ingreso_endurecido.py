"""Guessing one account from many addresses is slowed (not locked out); passwords made of the
service's own words are refused."""

import datetime as dt

import pytest
from axes.models import AccessFailureLog
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.conftest import CLAVE

pytestmark = pytest.mark.django_db


def _ingresar(client, clave, ip):
    return client.post(
        "/cuentas/login/", {"username": "asesor_a", "password": clave}, REMOTE_ADDR=ip
    )


def test_guesses_from_many_addresses_slow_the_account_down(client, asesor_a, settings):
    settings.LOGIN_FALLOS_POR_USUARIO = 10
    settings.LOGIN_ESPERA_MAXIMA = 60
    for n in range(5):  # 3 guesses from each of 5 addresses: under the per-address lockout
        for _ in range(3):
            assert _ingresar(client, "adivinanza", f"198.51.100.{n}").status_code == 200
    # A new address, even with the right password, has to wait (the guesser too).
    respuesta = _ingresar(client, CLAVE, "203.0.113.9")
    assert respuesta.status_code == 200
    assert "Espere" in respuesta.content.decode()
    assert "_auth_user_id" not in client.session
    # The wait is short: once it has passed, the real user gets in.
    AccessFailureLog.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=61))
    assert _ingresar(client, CLAVE, "203.0.113.9").status_code == 302
    assert "_auth_user_id" in client.session


def test_the_wait_grows_with_failures_and_is_capped(asesor_a, settings):
    from infomigra.seguridad import espera_por_usuario

    settings.LOGIN_FALLOS_POR_USUARIO = 2
    settings.LOGIN_ESPERA_MAXIMA = 30
    assert espera_por_usuario("asesor_a") == 0
    for n in range(3):
        AccessFailureLog.objects.create(username="asesor_a", ip_address=f"198.51.100.{n}")
    assert 1 <= espera_por_usuario("asesor_a") <= 2
    for n in range(10):
        AccessFailureLog.objects.create(username="asesor_a", ip_address=f"192.0.2.{n}")
    assert 25 <= espera_por_usuario("asesor_a") <= 30
    assert espera_por_usuario("otra_persona") == 0


@pytest.mark.parametrize(
    "clave", ["Peru123456", "Migrante2026", "peru.migrante.2026", "Infomigra#2026", "Perú2026!!"]
)
def test_service_words_passwords_are_refused(clave):
    with pytest.raises(ValidationError) as error:
        validate_password(clave)
    assert "palabras muy fáciles de adivinar" in str(error.value)


@pytest.mark.parametrize("clave", ["Vicuña.Azul.Tejado.7", "Clave.De.Prueba.2026x9k"])
def test_other_passwords_pass(clave):
    validate_password(clave)


def test_team_form_refuses_a_service_word_password(responsable, cliente_de, sede_a):
    respuesta = cliente_de(responsable).post(
        "/gestion/equipo/usuarios/nuevo/",
        {
            "username": "nueva",
            "first_name": "Nueva",
            "last_name": "Asesora",
            "email": "nueva@example.org",
            "rol": "Asesor",
            "sede": sede_a.pk,
            "canal": "presencial",
            "password1": "Migrante2026",
            "password2": "Migrante2026",
        },
    )
    assert respuesta.status_code == 200
    assert "palabras muy fáciles de adivinar" in respuesta.content.decode()
