"""Demo data never lies in the future: nothing received or answered after "now"."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from consultas.generador import generar
from consultas.models import Consulta

pytestmark = pytest.mark.django_db

LIMA = ZoneInfo("America/Lima")


def test_generated_consultations_of_today_are_before_now(sede_a, asesor_a):
    # A Monday at 09:10: the old generator placed today's walk-ins until 16:59.
    ahora = dt.datetime(2026, 11, 30, 9, 10, tzinfo=LIMA)
    generar(300, dt.date(2026, 11, 30), dt.date(2026, 11, 30), ahora=ahora)

    assert Consulta.objects.count() == 300
    assert not Consulta.objects.filter(recibida__gt=ahora).exists()
    assert not Consulta.objects.filter(respondida__gt=ahora).exists()
    assert not Consulta.objects.filter(respondida__lt=F("recibida")).exists()


def test_generar_datos_up_to_today_puts_nothing_after_now(sede_a, asesor_a):
    call_command("generar_datos", consultas=400, desde=timezone.localdate().isoformat())
    ahora = timezone.now()

    assert Consulta.objects.count() == 400
    assert not Consulta.objects.filter(recibida__gt=ahora).exists()
    assert not Consulta.objects.filter(respondida__gt=ahora).exists()
