"""Boletín: archive, double opt-in, one-click unsubscribe, and sending that is resumable and
never mails a person twice."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from contenidos import boletin as servicio
from contenidos.models import Boletin, Envio, Suscriptor, Tema

pytestmark = pytest.mark.django_db


def suscriptor(email, temas=(), confirmado=True, baja=False):
    ahora = timezone.now()
    nuevo = Suscriptor.objects.create(
        email=email,
        confirmado_el=ahora if confirmado else None,
        baja_el=ahora if baja else None,
    )
    nuevo.temas.set(Tema.objects.filter(codigo__in=temas))
    return nuevo


def enlace(cuerpo, nombre):
    return re.search(rf"http://[^\s]+/boletin/{nombre}/[^\s/]+/", cuerpo).group(0)


def test_archive_lists_editions_and_edition_page(client, contenido):
    html = client.get("/boletin/").content.decode()
    assert 'href="/boletin/1/"' in html and 'href="/boletin/2/"' in html
    edicion = client.get("/boletin/1/").content.decode()
    assert "Cinco años del Estatuto Migratorio Andino" in edicion
    assert "Última revisión" in edicion
    assert client.get("/boletin/99/").status_code == 404


def test_subscription_needs_confirmation_by_email(client, contenido):
    respuesta = client.post(
        "/boletin/suscribirse/", {"email": "Ana@Ejemplo.pe", "temas": ["remesas"]}
    )
    assert respuesta.status_code == 302
    assert "Revise su correo" in client.get(respuesta["Location"]).content.decode()
    nuevo = Suscriptor.objects.get()
    assert nuevo.email == "ana@ejemplo.pe"
    assert list(nuevo.temas.values_list("codigo", flat=True)) == ["remesas"]
    assert not nuevo.activo
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ana@ejemplo.pe"]
    assert "Para confirmarlo, abra este enlace" in mail.outbox[0].body

    url = enlace(mail.outbox[0].body, "confirmar")
    html = client.get(url.split("8000", 1)[-1]).content.decode()
    assert "Suscripción confirmada" in html
    nuevo.refresh_from_db()
    assert nuevo.activo


def test_forged_confirmation_link_is_refused(client, contenido):
    suscriptor("ana@ejemplo.pe", confirmado=False)
    respuesta = client.get("/boletin/confirmar/falso:token/")
    assert respuesta.status_code == 400
    assert "Enlace no válido" in respuesta.content.decode()
    assert not Suscriptor.objects.get().activo


def test_invalid_email_answers_with_field_message(client, contenido):
    respuesta = client.post("/boletin/suscribirse/", {"email": "no-es-correo"})
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Correo electrónico: escriba un correo válido" in html
    assert 'aria-describedby="id_email_error"' in html and 'id="id_email_error"' in html
    assert not Suscriptor.objects.exists() and mail.outbox == []


def test_honeypot_stops_bots_silently(client, contenido):
    respuesta = client.post(
        "/boletin/suscribirse/", {"email": "bot@ejemplo.pe", "sitio_web": "http://spam"}
    )
    assert respuesta.status_code == 302
    assert not Suscriptor.objects.exists() and mail.outbox == []


def test_active_subscriber_is_not_mailed_again(client, contenido):
    suscriptor("ana@ejemplo.pe")
    client.post("/boletin/suscribirse/", {"email": "ana@ejemplo.pe"})
    assert mail.outbox == []


def test_unsubscribe_link_then_one_click(client, contenido):
    ana = suscriptor("ana@ejemplo.pe")
    pagina = client.get(f"/boletin/baja/{ana.token}/").content.decode()
    assert "Darme de baja" in pagina
    ana.refresh_from_db()
    assert ana.activo  # a GET (link scanners) changes nothing
    respuesta = client.post(f"/boletin/baja/{ana.token}/")  # RFC 8058: no CSRF token
    assert "Se dio de baja" in respuesta.content.decode()
    ana.refresh_from_db()
    assert not ana.activo
    assert client.get("/boletin/baja/otro-token/").status_code == 404


def test_send_goes_to_confirmed_only_with_unsubscribe_header(contenido):
    ana = suscriptor("ana@ejemplo.pe")
    suscriptor("sin-confirmar@ejemplo.pe", confirmado=False)
    suscriptor("de-baja@ejemplo.pe", baja=True)
    salida = StringIO()
    call_command("enviar_boletin", "2", stdout=salida)
    assert [m.to for m in mail.outbox] == [["ana@ejemplo.pe"]]
    mensaje = mail.outbox[0]
    assert mensaje.extra_headers["List-Unsubscribe"] == f"<{servicio.url_baja(ana)}>"
    assert mensaje.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/boletin/baja/{ana.token}/" in mensaje.body
    assert f"/boletin/baja/{ana.token}/" in mensaje.alternatives[0][0]
    assert "1 enviados" in salida.getvalue()
    # Addressed as usted, in the text and the HTML part.
    assert "Léalo en la web:" in mensaje.body and "dese de baja con un clic" in mensaje.body
    assert "Léalo en la web</a>" in mensaje.alternatives[0][0]


def test_sending_twice_never_mails_the_same_person_twice(contenido):
    for i in range(5):
        suscriptor(f"p{i}@ejemplo.pe")
    call_command("enviar_boletin", "1", "--lote", "2", stdout=StringIO())
    call_command("enviar_boletin", "1", stdout=StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{i}@ejemplo.pe" for i in range(5)]
    assert Envio.objects.filter(estado=Envio.Estado.ENVIADO).count() == 5


def test_interrupted_sending_resumes_where_it_stopped(contenido):
    for i in range(5):
        suscriptor(f"p{i}@ejemplo.pe")
    boletin = Boletin.objects.get(numero=1)
    primero = servicio.enviar_edicion(boletin, lote=2, limite=3)
    assert primero.enviados == 3 and len(mail.outbox) == 3
    segundo = servicio.enviar_edicion(boletin, lote=2)
    assert segundo.enviados == 2
    assert len({m.to[0] for m in mail.outbox}) == len(mail.outbox) == 5


def test_delivery_claimed_by_another_run_is_skipped(contenido):
    ana = suscriptor("ana@ejemplo.pe")
    boletin = Boletin.objects.get(numero=1)
    Envio.objects.create(boletin=boletin, suscriptor=ana, estado=Envio.Estado.RECLAMADO)
    assert servicio.enviar_edicion(boletin).enviados == 0
    assert mail.outbox == []


def test_failed_delivery_is_recorded_and_retried(contenido, monkeypatch):
    suscriptor("ana@ejemplo.pe")
    boletin = Boletin.objects.get(numero=1)
    original = servicio.EmailMultiAlternatives.send

    def falla(self, fail_silently=False):
        raise OSError("servidor de correo caído")

    monkeypatch.setattr(servicio.EmailMultiAlternatives, "send", falla)
    assert servicio.enviar_edicion(boletin).fallidos == 1
    envio = Envio.objects.get()
    assert envio.estado == Envio.Estado.FALLIDO and "caído" in envio.error
    monkeypatch.setattr(servicio.EmailMultiAlternatives, "send", original)
    assert servicio.enviar_edicion(boletin).enviados == 1
    assert Envio.objects.get().estado == Envio.Estado.ENVIADO
    assert servicio.enviar_edicion(boletin).enviados == 0


def test_topic_preferences_select_editions(contenido):
    suscriptor("retorno@ejemplo.pe", temas=["retorno"])
    suscriptor("andino@ejemplo.pe", temas=["trabajo-en-peru", "remesas"])
    suscriptor("todo@ejemplo.pe")
    boletin = Boletin.objects.get(numero=1)
    boletin.temas.set(Tema.objects.filter(codigo__in=["trabajo-en-peru", "tramites-visas"]))
    resultado = servicio.enviar_edicion(boletin)
    assert sorted(m.to[0] for m in mail.outbox) == ["andino@ejemplo.pe", "todo@ejemplo.pe"]
    assert resultado.omitidos == 1


def test_edition_without_topic_goes_to_everyone(contenido):
    suscriptor("retorno@ejemplo.pe", temas=["retorno"])
    suscriptor("todo@ejemplo.pe")
    boletin = Boletin.objects.get(numero=1)
    boletin.temas.clear()
    assert servicio.enviar_edicion(boletin).enviados == 2


def test_command_refuses_unknown_or_draft_edition(contenido):
    with pytest.raises(CommandError, match="No existe el boletín n.º 9"):
        call_command("enviar_boletin", "9")
    Boletin.objects.filter(numero=1).update(publicado=False)
    with pytest.raises(CommandError, match="borrador"):
        call_command("enviar_boletin", "1")


def test_admin_action_sends_the_edition(cliente_de, editor, contenido):
    suscriptor("ana@ejemplo.pe")
    boletin = Boletin.objects.get(numero=2)
    editor.is_staff = True  # Editors use the Django admin (the demo users are staff)
    editor.save()
    cliente = cliente_de(editor)
    respuesta = cliente.post(
        "/admin/contenidos/boletin/",
        {"action": "enviar", "_selected_action": [boletin.pk]},
        follow=True,
    )
    assert "1 correo enviado" in respuesta.content.decode()
    assert [m.to for m in mail.outbox] == [["ana@ejemplo.pe"]]


def test_old_confirmation_link_does_not_resubscribe_after_leaving(client, contenido):
    client.post("/boletin/suscribirse/", {"email": "ana@ejemplo.pe"})
    ruta = enlace(mail.outbox[0].body, "confirmar").split("8000", 1)[-1]
    assert client.get(ruta).status_code == 200
    assert client.get(ruta).status_code == 200  # clicking twice is harmless
    ana = Suscriptor.objects.get()
    client.post(f"/boletin/baja/{ana.token}/")
    assert client.get(ruta).status_code == 400
    ana.refresh_from_db()
    assert not ana.activo
