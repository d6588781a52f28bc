"""Two senders racing for the same stored message (the web request and reenviar_pendientes):
the atomic claim lets exactly one of them deliver it."""

import threading

import pytest
from django.db import connection

from consultas.models import Consulta
from consultas.models.remotas import EstadoEnvio, TipoMensaje
from consultas.remotas import correo

# transaction=True: the threads need committed rows.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The SQLite *test* database is in memory with a shared cache, whose table locks ignore the
    # busy timeout, so concurrent writers fail there ("database table is locked"); deployments
    # use a WAL file with a timeout. The sequential claim test in test_bandeja.py runs on both.
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="concurrent writers need PostgreSQL (in-memory SQLite test DB locks tables)",
    ),
]


def test_two_processes_sending_the_same_message_deliver_it_once(sede_a, servidor_smtp):
    consulta = Consulta.objects.create(
        canal="web", sede=sede_a, tipo_migrante="publico", email="ines@example.org"
    )
    mensaje = correo.nuevo_mensaje_saliente(consulta, TipoMensaje.RESPUESTA, "Respuesta")
    salida = threading.Barrier(4)
    resultados = []

    def enviar():
        try:
            salida.wait()
            resultados.append(correo.enviar(mensaje.pk))
        finally:
            connection.close()

    hilos = [threading.Thread(target=enviar) for _ in range(4)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=30)

    assert sorted(resultados) == [False, False, False, True]
    assert len(servidor_smtp.recibidos) == 1
    mensaje.refresh_from_db()
    assert mensaje.estado_envio == EstadoEnvio.ENVIADO and mensaje.intentos == 1
