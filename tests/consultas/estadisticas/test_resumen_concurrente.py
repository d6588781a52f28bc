"""Concurrent writers of the same day and office (saves, edits and a CSV import at once) leave
the report summary exact: the per-cell advisory locks serialise its recomputations."""

import datetime as dt
import io
import threading

import pytest
from django.db import connection

from consultas.estadisticas import resumen as resumen_diario
from consultas.intercambio.importacion import importar
from consultas.models import Consulta, ResumenDiario
from tests.datos_reporte import LIMA

# transaction=True: the threads need committed rows.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Same reason as test_envio_concurrente.py: the in-memory SQLite test database locks tables
    # for concurrent writers; SQLite also serialises every write, so there is no race to test.
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="concurrent writers need PostgreSQL (in-memory SQLite test DB locks tables)",
    ),
]

CSV = (
    "ref,fecha,hora,canal,sede,tipo_migrante,sexo,edad,nacionalidad,pais,temas,medio,"
    "resumen,respuesta,recibida,respondida\n"
    + "".join(
        f"r{i},2026-07-02,10:{i:02d},telefono,LIMA,retornado,M,40,CO,CO,,otro,x,,,\n"
        for i in range(20)
    )
)


def _guardado():
    return sorted(
        ResumenDiario.objects.values_list("fecha", "sede_id", "dimension", "valor", "cantidad")
    )


def test_concurrent_saves_edits_and_import_keep_the_summary_exact(sede_a, sede_b):
    dia = dt.datetime(2026, 7, 2, 9, tzinfo=LIMA)
    movibles = [
        Consulta.objects.create(canal="web", sede=sede_b, tipo_migrante="publico", recibida=dia)
        for _i in range(4)
    ]
    salida = threading.Barrier(9)
    errores = []

    def en_hilo(trabajo):
        def correr():
            try:
                salida.wait()
                trabajo()
            except Exception as exc:  # reported below with the others
                errores.append(exc)
            finally:
                connection.close()

        return threading.Thread(target=correr)

    def crear(i):
        return lambda: Consulta.objects.create(
            canal="presencial", sede=sede_a, tipo_migrante="potencial", sexo="F",
            nacionalidad="PE", recibida=dia + dt.timedelta(minutes=i),
        )  # fmt: skip

    def mover(consulta):
        def trabajo():
            consulta.sede = sede_a
            consulta.pais = "AR"
            consulta.save()

        return trabajo

    hilos = [en_hilo(crear(i)) for i in range(4)] + [en_hilo(mover(c)) for c in movibles]
    importados = []
    hilos.append(en_hilo(lambda: importados.append(importar(io.BytesIO(CSV.encode())))))
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert errores == []
    assert importados[0].errores == []
    assert importados[0].importadas == 20
    guardado = _guardado()
    resumen_diario.reconstruir()
    assert guardado == _guardado()
    total = ResumenDiario.objects.get(sede=sede_a, dimension="total").cantidad
    assert total == 4 + 4 + 20
    assert not ResumenDiario.objects.filter(sede=sede_b).exists()
