"""The consultations list: filters, search, pagination, scoping and CSV download."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from consultas.models import Consulta
from infomigra.paginacion import PaginadorAcotado
from infomigra.vocabulario import Canal, Estado
from tests.consultas.ayudas import URL, codigos, consulta

pytestmark = pytest.mark.django_db
LIMA = ZoneInfo("America/Lima")


def test_url_name_of_list():
    assert reverse("gestion:consultas") == URL


def test_newest_first_and_only_own_office(cliente_de, asesor_a, sede_a, sede_b):
    vieja, nueva = consulta(sede_a, 2), consulta(sede_a, 5)
    ajena = consulta(sede_b, 6)
    respuesta = cliente_de(asesor_a).get(URL)
    assert codigos(respuesta) == [nueva.codigo, vieja.codigo]
    assert ajena.codigo not in respuesta.content.decode()
    assert "2 consultas." in respuesta.content.decode()


def test_responsable_lists_every_office(cliente_de, responsable, sede_a, sede_b):
    consulta(sede_a, 2)
    consulta(sede_b, 3)
    assert len(codigos(cliente_de(responsable).get(URL))) == 2


@pytest.mark.parametrize(
    ("parametros", "esperadas"),
    [
        ({"desde": "2026-03-03", "hasta": "2026-03-04"}, {"b", "c"}),
        ({"canal": "correo"}, {"b"}),
        ({"tipo_migrante": "retornado"}, {"c"}),
        ({"sexo": "F"}, {"a"}),
        ({"sexo": "sin-dato"}, {"b", "c", "d"}),
        ({"tema": "remesas"}, {"d"}),
        ({"estado": "pendiente"}, {"b"}),
        ({"q": "PASAPORTE"}, {"c"}),
        ({"q": "envíos desde españa"}, {"d"}),
        # Word-based and accent-blind: any order, without accents.
        ({"q": "espana envios"}, {"d"}),
        ({"q": "pasaporte perdio"}, {"c"}),
        ({"q": "pasaporte españa"}, set()),
        ({"sede": "LIMA", "canal": "presencial"}, {"a", "c", "d"}),
    ],
)
def test_filters_and_search(cliente_de, responsable, sede_a, parametros, esperadas):
    filas = {
        "a": consulta(sede_a, 2, sexo="F"),
        "b": consulta(sede_a, 3, canal=Canal.CORREO, estado=Estado.PENDIENTE),
        "c": consulta(sede_a, 4, tipo_migrante="retornado", resumen="Perdió su pasaporte"),
        "d": consulta(sede_a, 5, temas=["remesas"], respuesta="Se explicó envíos desde España"),
    }
    respuesta = cliente_de(responsable).get(URL, parametros)
    assert set(codigos(respuesta)) == {filas[k].codigo for k in esperadas}


def test_filter_by_advisor(cliente_de, responsable, asesor_a, sede_a):
    suya = consulta(sede_a, 2, asesor=asesor_a)
    consulta(sede_a, 3)
    respuesta = cliente_de(responsable).get(URL, {"asesor": asesor_a.pk})
    assert codigos(respuesta) == [suya.codigo]


def test_search_by_code(cliente_de, asesor_a, sede_a):
    buscada = consulta(sede_a, 2)
    consulta(sede_a, 3)
    assert codigos(cliente_de(asesor_a).get(URL, {"q": buscada.codigo.lower()})) == [buscada.codigo]


def test_advisor_cannot_widen_scope_with_office_filter(cliente_de, asesor_a, sede_a, sede_b):
    consulta(sede_b, 2)
    respuesta = cliente_de(asesor_a).get(URL, {"sede": "AREQUIPA"})
    assert codigos(respuesta) == []
    assert "Hay filtros no válidos" in respuesta.content.decode()


def test_invalid_filters_show_a_message_not_an_error(cliente_de, asesor_a, sede_a):
    consulta(sede_a, 2)
    respuesta = cliente_de(asesor_a).get(URL, {"desde": "ayer", "hasta": "2026-13-01"})
    assert respuesta.status_code == 200
    assert "Hay filtros no válidos" in respuesta.content.decode()
    respuesta = cliente_de(asesor_a).get(URL, {"desde": "2026-03-05", "hasta": "2026-03-01"})
    assert "«Hasta» debe ser igual o posterior a «Desde»." in respuesta.content.decode()


def test_filter_form_is_plain_get_with_labels(cliente_de, asesor_a):
    html = cliente_de(asesor_a).get(URL).content.decode()
    assert '<form method="get"' in html
    for campo in ("q", "desde", "hasta", "canal", "sede", "tipo_migrante", "sexo", "tema"):
        assert f'for="id_{campo}"' in html
    assert "<script" not in html


def test_pagination_50_per_page_keeps_filters(cliente_de, asesor_a, sede_a):
    Consulta.objects.bulk_create(
        [
            Consulta(
                codigo=f"C-2026-{i:06d}",
                canal=Canal.PRESENCIAL,
                sede=sede_a,
                tipo_migrante="publico",
                recibida=dt.datetime(2026, 3, 2, 9, 0, tzinfo=LIMA) + dt.timedelta(minutes=i),
                fecha=dt.date(2026, 3, 2),
                banda_edad="sin-dato",
            )
            for i in range(1, 61)
        ]
    )
    cliente = cliente_de(asesor_a)
    primera = cliente.get(URL, {"canal": "presencial"})
    assert len(codigos(primera)) == 50
    assert codigos(primera)[0] == "C-2026-000060"
    html = primera.content.decode()
    assert "Página 1 de 2" in html
    assert "canal=presencial&amp;pagina=2" in html
    segunda = cliente.get(URL, {"canal": "presencial", "pagina": "2"})
    assert codigos(segunda)[-1] == "C-2026-000001"
    assert len(codigos(segunda)) == 10
    assert cliente.get(URL, {"pagina": "zzz"}).status_code == 200


def test_bounded_paginator_stops_counting_past_its_limit(sede_a):
    for dia in (2, 3, 4, 5):
        consulta(sede_a, dia)
    paginador = PaginadorAcotado(Consulta.objects.order_by("-recibida"), 2, limite=3)
    assert paginador.excede_limite
    assert paginador.num_pages == 2
    exacto = PaginadorAcotado(Consulta.objects.order_by("-recibida"), 2, limite=10)
    assert exacto.count == 4 and not exacto.excede_limite


def test_download_csv_only_for_responsable_and_respects_filters(
    cliente_de, client, responsable, asesor_a, sede_a
):
    consulta(sede_a, 2, canal=Canal.CORREO)
    consulta(sede_a, 3)
    html = cliente_de(asesor_a).get(URL).content.decode()
    assert "Descargar CSV" not in html
    assert client.get("/gestion/consultas/exportar/").status_code == 403
    cliente = cliente_de(responsable)
    html = cliente.get(URL, {"canal": "correo"}).content.decode()
    assert "Descargar CSV" in html and "/gestion/consultas/exportar/?canal=correo" in html
    respuesta = cliente.get("/gestion/consultas/exportar/", {"canal": "correo"})
    assert respuesta["Content-Type"].startswith("text/csv")
    lineas = b"".join(respuesta.streaming_content).decode().splitlines()
    assert lineas[0].startswith("ref,fecha,hora,canal,sede")
    assert len(lineas) == 2 and ",correo," in lineas[1]
