"""The private follow-up link expires, is renewed by a new mail from the person, and dies with
anonymisation or deletion; an anonymised consultation takes no reply."""

import datetime as dt

import pytest
from django.utils import timezone

from consultas.models import Consulta
from consultas.models.remotas import EnlaceSeguimiento, Mensaje
from consultas.privacidad import servicios as privacidad
from consultas.remotas import servicios as remotas
from contenidos.models import Tema

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulta_web(sede_a):
    consulta, _acuse = remotas.registrar_consulta_web(
        {
            "tipo_migrante": "potencial",
            "pais": "ES",
            "tema": Tema.objects.get(codigo="empleo-exterior"),
            "pregunta": "¿Qué necesito para trabajar en España?",
            "email": "rosa@example.org",
            "nombre": "Rosa Quispe",
        }
    )
    return consulta


def _url(consulta):
    return f"/consulta/seguimiento/{EnlaceSeguimiento.para(consulta).token}/"


def _envejecer(consulta, dias):
    antes = timezone.now() - dt.timedelta(days=dias)
    Mensaje.objects.filter(consulta=consulta).update(creado=antes)
    EnlaceSeguimiento.objects.filter(consulta=consulta).update(creado=antes)


def test_link_expires_after_the_last_message_and_a_new_mail_renews_it(
    client, consulta_web, settings
):
    settings.SEGUIMIENTO_VIGENCIA_DIAS = 180
    url = _url(consulta_web)
    _envejecer(consulta_web, 179)
    assert client.get(url).status_code == 200
    _envejecer(consulta_web, 181)
    vencido = client.get(url)
    assert vencido.status_code == 410
    assert "venció" in vencido.content.decode()
    assert "¿Qué necesito" not in vencido.content.decode()
    assert client.post(url, {"texto": "¿Sigue ahí?"}).status_code == 410
    # The person writes again by mail (the intake threads it): the link works again.
    remotas.agregar_seguimiento(consulta_web, "Escribo de nuevo", remitente="rosa@example.org")
    assert client.get(url).status_code == 200


def test_anonymisation_revokes_the_link_and_refuses_replies(client, consulta_web):
    url = _url(consulta_web)
    privacidad.anonimizar([consulta_web.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"texto": "Mi DNI es 44556677"}).status_code == 404
    assert not EnlaceSeguimiento.objects.filter(consulta=consulta_web).exists()
    with pytest.raises(remotas.ConsultaAnonimizada):
        remotas.agregar_seguimiento(consulta_web, "Mi DNI es 44556677")
    assert not Mensaje.objects.filter(cuerpo__contains="44556677").exists()


def test_a_mail_reply_to_an_anonymised_thread_starts_a_new_consultation(consulta_web):
    from consultas.remotas import buzon

    acuse = consulta_web.mensajes.get(tipo="acuse")
    privacidad.anonimizar([consulta_web.pk])
    crudo = (
        "From: Rosa <rosa@example.org>\r\nTo: infomigra@localhost\r\n"
        f"Subject: Re: [{consulta_web.codigo}] consulta\r\n"
        f"Message-ID: <r1@example.org>\r\nIn-Reply-To: {acuse.message_id}\r\n\r\n"
        "Mi DNI es 44556677\r\n"
    ).encode()
    assert buzon.procesar(crudo).tipo == buzon.NUEVA
    consulta_web.refresh_from_db()
    assert not consulta_web.mensajes.filter(cuerpo__contains="44556677").exists()
    assert Consulta.objects.filter(resumen__contains="44556677").exclude(pk=consulta_web.pk)


def test_deleting_a_consultation_deletes_its_link(client, consulta_web):
    url = _url(consulta_web)
    consulta_web.delete()
    assert client.get(url).status_code == 404
