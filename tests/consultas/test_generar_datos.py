import datetime as dt
from collections import Counter

import holidays
import pytest
from django.core.management import CommandError, call_command

from consultas.models import Consulta

pytestmark = pytest.mark.django_db


def test_generated_data_follows_published_shares(sede_a, sede_b, asesor_a):
    call_command("generar_datos", consultas=4000, desde="2025-01-01", hasta="2025-12-31")
    total = Consulta.objects.count()
    assert total == 4000
    tipos = Counter(Consulta.objects.values_list("tipo_migrante", flat=True))
    assert abs(tipos["potencial"] / total - 0.34) < 0.03
    assert abs(tipos["publico"] / total - 0.40) < 0.03
    assert abs(tipos["extranjero"] / total - 0.12) < 0.02
    assert abs(tipos["retornado"] / total - 0.04) < 0.015
    sexos = Counter(Consulta.objects.values_list("sexo", flat=True))
    assert abs(sexos["M"] / (sexos["M"] + sexos["F"]) - 0.53) < 0.03
    bandas = Counter(Consulta.objects.values_list("banda_edad", flat=True))
    assert abs((bandas["26-35"] + bandas["36-45"]) / total - 0.60) < 0.04
    presenciales = Consulta.objects.filter(canal__in=["presencial", "digemin"])
    desde_digemin = presenciales.filter(medio="digemin").count() / presenciales.count()
    assert abs(desde_digemin - 0.60) < 0.04
    feriados = holidays.Peru(years=2025)
    fechas = set(Consulta.objects.values_list("fecha", flat=True))
    assert all(f.weekday() < 5 and f not in feriados for f in fechas)
    assert all(dt.date(2025, 1, 1) <= f <= dt.date(2025, 12, 31) for f in fechas)
    assert set(Consulta.objects.values_list("sede__codigo", flat=True)) == {"LIMA", "AREQUIPA"}
    codigos = list(Consulta.objects.values_list("codigo", flat=True))
    assert len(set(codigos)) == total and all(c.startswith("C-2025-") for c in codigos)
    assert Consulta.temas.through.objects.count() >= total


def test_generated_codes_continue_after_existing(sede_a):
    Consulta.objects.create(
        canal="web",
        sede=sede_a,
        tipo_migrante="publico",
        recibida=dt.datetime(2025, 5, 5, 10, tzinfo=dt.UTC),
    )
    call_command("generar_datos", consultas=10, desde="2025-05-01", hasta="2025-05-31")
    assert Consulta.objects.filter(codigo="C-2025-000011").exists()


def test_bad_dates_are_rejected_in_spanish():
    with pytest.raises(CommandError, match="anterior"):
        call_command("generar_datos", consultas=1, desde="2025-02-01", hasta="2025-01-01")
