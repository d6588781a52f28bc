"""Senders racing for the same queued mail (a web request, reenviar_pendientes on two nodes):
the atomic claim lets exactly one of them deliver it, and the others send nothing."""

import threading

import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import connection

from infomigra.correo import cola
from infomigra.correo.models import CorreoSaliente

# transaction=True: the threads need committed rows.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The SQLite *test* database is in memory with a shared cache, whose table locks ignore the
    # busy timeout, so concurrent writers fail there; the sequential claim tests in
    # test_cola.py run on both.
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="concurrent writers need PostgreSQL (in-memory SQLite test DB locks tables)",
    ),
]


def en_paralelo(funcion, veces):
    salida = threading.Barrier(veces)
    resultados = []

    def correr():
        try:
            salida.wait()
            resultados.append(funcion())
        finally:
            connection.close()

    hilos = [threading.Thread(target=correr) for _ in range(veces)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=30)
    return resultados


def test_four_senders_of_the_same_mail_deliver_it_once(servidor_smtp):
    correo = cola.encolar_mensaje(EmailMultiAlternatives("Hola", "Texto", to=["ines@example.org"]))
    resultados = en_paralelo(lambda: cola.enviar(correo.pk), 4)
    assert sorted(resultados) == [False, False, False, True]
    assert len(servidor_smtp.recibidos) == 1
    correo.refresh_from_db()
    assert correo.enviado_el is not None and correo.intentos == 1


def test_two_retry_runs_at_once_send_every_mail_once(servidor_smtp):
    for numero in range(10):
        cola.encolar(f"persona{numero}@example.org", f"Aviso {numero}", "Texto")
    resultados = en_paralelo(lambda: cola.reenviar_pendientes()[0], 2)
    assert sum(resultados) == 10
    destinos = sorted(m["To"] for m in servidor_smtp.recibidos)
    assert destinos == sorted(f"persona{n}@example.org" for n in range(10))
    assert not CorreoSaliente.objects.por_enviar().exists()
