"""Truth data per item: source, last and next review, shown publicly and listed for Editors."""

import datetime

import pytest

from contenidos.models import Alerta, Convenio, Guia, Institucion, PaisGuia, Video
from contenidos.revision import MODELOS, pendientes

pytestmark = pytest.mark.django_db


def test_every_seeded_item_has_source_and_both_review_dates(contenido):
    for modelo in MODELOS:
        objetos = list(modelo.objects.all())
        assert objetos, modelo
        for obj in objetos:
            nombre = f"{modelo.__name__} «{obj}»"
            assert obj.fuente.strip(), nombre
            assert obj.revisado_el, nombre
            assert obj.revisar_antes_de, nombre
            assert obj.revisar_antes_de > obj.revisado_el, nombre
    for alerta in Alerta.objects.all():
        assert alerta.vigente_hasta and alerta.vigente_hasta >= alerta.revisar_antes_de, alerta


def test_review_dates_are_per_item_not_one_bulk_date(contenido):
    for modelo in (Guia, PaisGuia, Video, Institucion, Convenio):
        fechas = set(modelo.objects.values_list("revisado_el", flat=True))
        proximas = set(modelo.objects.values_list("revisar_antes_de", flat=True))
        assert len(fechas | proximas) > 1, modelo


def test_guides_and_country_pages_cite_an_official_link(contenido):
    for obj in [*Guia.objects.all(), *PaisGuia.objects.all(), *Video.objects.all()]:
        assert any(f["url"] for f in obj.fuentes()), obj


@pytest.mark.parametrize(
    "ruta", ["/perfil/retornado/", "/paises/CA/", "/videos/la-tarjeta-del-migrante-retornado/"]
)
def test_public_pages_show_last_and_next_review(client, contenido, ruta):
    html = client.get(ruta).content.decode()
    assert "Última revisión:" in html and "Próxima revisión:" in html


def test_directory_agreements_and_alerts_show_their_review(client, contenido):
    for ruta in ("/instituciones/", "/instituciones/convenios/", "/"):
        html = client.get(ruta).content.decode()
        assert "Próxima revisión:" in html, ruta
    defensoria = client.get("/instituciones/?pais=PE").content.decode()
    assert 'href="tel:080015170"' in defensoria


def test_editor_list_shows_past_due_items_first(client, cliente_de, editor, contenido):
    vencida = PaisGuia.objects.get(iso="JP", idioma="es")
    vencida.revisar_antes_de = datetime.date(2020, 1, 1)
    vencida.save()
    sin_fecha = Institucion.objects.get(titulo__startswith="Cruz Roja")
    sin_fecha.revisar_antes_de = None
    sin_fecha.save()
    filas = pendientes(hoy=datetime.date(2026, 12, 1))
    vencidas = [f.objeto for f in filas if f.vencida]
    assert vencidas[0] == sin_fecha and vencida in vencidas
    assert Guia.objects.get(perfil="potencial", idioma="es") not in [f.objeto for f in filas]

    html = cliente_de(editor).get("/gestion/contenidos/revision/").content.decode()
    assert "Migrar a Japón" in html and "Cruz Roja Peruana" in html
    assert f"/admin/contenidos/paisguia/{vencida.pk}/change/" in html


def test_information_pages_have_their_own_url(client, contenido):
    for slug in (
        "base-legal",
        "jovenes",
        "retorno-productivo",
        "apoyo-psicosocial",
        "voto-y-dni",
        "mercado-laboral",
    ):
        respuesta = client.get(f"/paginas/{slug}/")
        assert respuesta.status_code == 200, slug
        assert "Próxima revisión:" in respuesta.content.decode()
    assert client.get("/paginas/acerca/").status_code == 404
    assert client.get("/paginas/no-existe/").status_code == 404
    html = client.get("/paginas/base-legal/").content.decode()
    for norma in (
        "Ley N° 29381",
        "002-2011-MTPE/3",
        "001-2012-TR",
        "Dirección de Migración Laboral",
    ):
        assert norma in html
