import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from consultas.models import Consulta, Sede
from contenidos.models import Tema
from infomigra.vocabulario import TEMAS, Canal, TipoMigrante, banda_de_edad


@pytest.mark.parametrize(
    ("edad", "banda"),
    [
        (None, "sin-dato"),
        (0, "0-17"),
        (17, "0-17"),
        (18, "18-25"),
        (25, "18-25"),
        (26, "26-35"),
        (35, "26-35"),
        (36, "36-45"),
        (45, "36-45"),
        (46, "46-59"),
        (59, "46-59"),
        (60, "60+"),
        (99, "60+"),
    ],
)
def test_age_band_boundaries(edad, banda):
    assert banda_de_edad(edad) == banda


def test_codes_match_design_contract():
    assert [c for c, _ in TipoMigrante.choices] == [
        "potencial",
        "emigrante",
        "retornado",
        "extranjero",
        "andino",
        "publico",
    ]
    assert [c for c, _ in Canal.choices] == ["presencial", "digemin", "correo", "web", "telefono"]


@pytest.mark.django_db
def test_topics_and_main_office_are_seeded():
    assert list(Tema.objects.values_list("codigo", flat=True)) == [c for c, _ in TEMAS]
    assert Sede.objects.get(codigo="LIMA").nombre == "Sede central — Lima"


@pytest.mark.django_db
def test_consulta_gets_code_local_date_and_band(sede_a):
    lima = ZoneInfo("America/Lima")
    # 23:30 in Lima is already the next day in UTC: the stored date must be Lima's.
    recibida = dt.datetime(2026, 3, 31, 23, 30, tzinfo=lima)
    primera = Consulta.objects.create(
        canal="presencial", sede=sede_a, tipo_migrante="potencial", recibida=recibida, edad=30
    )
    segunda = Consulta.objects.create(
        canal="web", sede=sede_a, tipo_migrante="publico", recibida=recibida, ref=""
    )
    assert primera.fecha == dt.date(2026, 3, 31)
    assert primera.banda_edad == "26-35"
    assert segunda.banda_edad == "sin-dato"
    assert segunda.ref is None
    assert primera.codigo == "C-2026-000001"
    assert segunda.codigo == "C-2026-000002"
