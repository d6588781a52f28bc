"""Regional offices stand alone; the national report sums all of them."""

import datetime as dt

import pytest
from django.core.management import call_command

from consultas.estadisticas.servicio import calcular
from consultas.models import Consulta, Sede

pytestmark = pytest.mark.django_db


def test_national_report_is_the_sum_of_the_office_reports(sede_a, sede_b, asesor_a, asesor_b):
    Sede.objects.create(codigo="CUSCO", nombre="Dirección Regional — Cusco")
    call_command("generar_datos", consultas=600, desde="2026-03-01", hasta="2026-03-31")
    desde, hasta = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    nacional = calcular(desde, hasta)
    por_sede = [calcular(desde, hasta, sede) for sede in Sede.objects.all()]
    assert nacional.total == 600
    assert sum(r.total for r in por_sede) == nacional.total
    for indice, dimension in enumerate(nacional.dimensiones):
        suma = {}
        for reporte in por_sede:
            for fila in reporte.dimensiones[indice].filas:
                suma[fila.valor] = suma.get(fila.valor, 0) + fila.cantidad
        assert suma == {f.valor: f.cantidad for f in dimension.filas}, dimension.codigo


def test_office_report_only_counts_that_office(cliente_de, asesor_a, asesor_b):
    call_command("generar_datos", consultas=200, desde="2026-03-01", hasta="2026-03-31")
    propias = Consulta.objects.filter(sede=asesor_b.perfil.sede, fecha__month=3).count()
    assert 0 < propias < 200
    cliente = cliente_de(asesor_b)
    respuesta = cliente.get(
        "/gestion/reportes/mensual/reporte.csv", {"desde": "2026-03-01", "hasta": "2026-03-31"}
    )
    total = next(
        linea for linea in respuesta.content.decode().splitlines() if linea.startswith("total")
    )
    assert total.split(",")[3] == str(propias)
