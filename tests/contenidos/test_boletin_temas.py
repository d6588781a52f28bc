"""The boletín by topic: editions carry topics, subscribers choose topics, the sending rule
matches on them, the editions list filters by them, and the profile data of before maps onto
topics without anyone losing an edition."""

import importlib
import itertools
import re

import pytest
from django.apps import apps
from django.utils import timezone

from contenidos.carga import cargar_todo
from contenidos.models import Boletin, Suscriptor, Tema

pytestmark = pytest.mark.django_db

migracion = importlib.import_module("contenidos.migrations.0012_boletin_temas_desde_perfiles")


@pytest.fixture
def contenido(db):
    return cargar_todo()


def temas(*codigos):
    return list(Tema.objects.filter(codigo__in=codigos))


@pytest.mark.parametrize(
    ("de_la_edicion", "del_suscriptor", "recibe"),
    [
        ((), (), True),
        ((), ("retorno",), True),
        (("retorno",), (), True),
        (("retorno",), ("retorno", "remesas"), True),
        (("retorno", "remesas"), ("remesas",), True),
        (("retorno",), ("remesas",), False),
    ],
)
def test_sending_rule_matches_on_topics(de_la_edicion, del_suscriptor, recibe):
    boletin = Boletin.objects.create(numero=50, fecha=timezone.localdate(), titulo="Ed.")
    boletin.temas.set(temas(*de_la_edicion))
    suscriptor = Suscriptor.objects.create(email="a@ejemplo.pe", perfiles=["andino"])
    suscriptor.temas.set(temas(*del_suscriptor))
    assert suscriptor.quiere(boletin) is recibe
    ids = set(boletin.temas.values_list("pk", flat=True))
    assert suscriptor.quiere(boletin, ids) is recibe


def test_subscription_form_lists_topics_not_profiles(client):
    html = client.get("/boletin/suscribirse/").content.decode()
    assert re.search(r"<legend[^>]*>\s*Temas\s*</legend>", html)
    assert 'name="temas" value="retorno"' in html and "Retorno al Perú" in html
    assert "Pienso migrar" not in html and 'name="perfiles"' not in html
    ingles = client.get("/en/boletin/suscribirse/").content.decode()
    assert re.search(r"<legend[^>]*>\s*Topics\s*</legend>", ingles)
    assert "Returning to Peru" in ingles
    assert "Retorno al Perú" not in ingles


def test_subscription_stores_the_topics_and_rejects_unknown_ones(client):
    datos = {"email": "ana@ejemplo.pe", "temas": ["retorno", "remesas"]}
    assert client.post("/boletin/suscribirse/", datos).status_code == 302
    elegidos = Suscriptor.objects.get().temas.values_list("codigo", flat=True)
    assert sorted(elegidos) == ["remesas", "retorno"]
    malo = client.post("/boletin/suscribirse/", {"email": "eva@ejemplo.pe", "temas": ["nada"]})
    assert malo.status_code == 400
    assert "Temas: elija temas de la lista." in malo.content.decode()
    assert Suscriptor.objects.count() == 1
    ninguno = client.post("/en/boletin/suscribirse/", {"email": "bob@ejemplo.pe"})
    assert ninguno.status_code == 302
    assert not Suscriptor.objects.get(email="bob@ejemplo.pe").temas.exists()


def test_editions_list_shows_and_filters_by_topic(client, contenido):
    html = client.get("/boletin/").content.decode()
    assert "Trámites y visas" in html and "Retorno al Perú" in html
    assert '<option value="retorno">Retorno al Perú</option>' in html
    retorno = client.get("/boletin/", {"tema": "retorno"}).content.decode()
    assert 'href="/boletin/2/"' in retorno and 'href="/boletin/1/"' not in retorno
    assert '<option value="retorno" selected>' in retorno
    vacio = client.get("/boletin/", {"tema": "remesas"}).content.decode()
    assert "No hay ediciones sobre este tema." in vacio
    malo = client.get("/boletin/", {"tema": "<script>"})
    assert malo.status_code == 200
    texto = malo.content.decode()
    assert "Tema: elija un tema de la lista." in texto and 'href="/boletin/2/"' not in texto
    # The cached list follows the filter: the unfiltered list is whole again.
    todo = client.get("/boletin/").content.decode()
    assert 'href="/boletin/1/"' in todo and 'href="/boletin/2/"' in todo


def test_editions_list_and_edition_in_english(client, contenido):
    html = client.get("/en/boletin/", {"tema": "retorno"}).content.decode()
    assert '<option value="retorno" selected>Returning to Peru</option>' in html
    assert "All topics" in html
    lista = html.split('class="list-unstyled ediciones"', 1)[1]
    assert "Topics: " in lista and "Returning to Peru</span>" in lista
    edicion = client.get("/en/boletin/2/").content.decode()
    assert 'href="/en/boletin/?tema=retorno">Returning to Peru</a>' in edicion


def test_editing_an_editions_topics_redraws_the_cached_list(client, contenido):
    assert 'href="/boletin/1/"' not in client.get("/boletin/?tema=remesas").content.decode()
    Boletin.objects.get(numero=1).temas.add(*temas("remesas"))
    assert 'href="/boletin/1/"' in client.get("/boletin/?tema=remesas").content.decode()


def test_seeded_editions_have_topics(contenido):
    codigos = {
        b.numero: sorted(b.temas.values_list("codigo", flat=True)) for b in Boletin.objects.all()
    }
    assert codigos == {
        1: ["trabajo-en-peru", "tramites-visas"],
        2: ["convenios-seguridad-social", "retorno"],
    }


PERFILES = ("potencial", "emigrante", "retornado", "extranjero", "andino", "publico")
COMBINACIONES = [()] + [(p,) for p in PERFILES] + list(itertools.combinations(PERFILES, 2))


def test_data_migration_maps_profiles_so_no_one_loses_an_edition():
    """Every edition a subscriber got under the profile rule, they get under the topic rule."""
    fecha = timezone.localdate()
    ediciones = [
        Boletin.objects.create(numero=i, fecha=fecha, titulo=f"E{i}", perfiles=list(c))
        for i, c in enumerate(COMBINACIONES, start=100)
    ]
    suscriptores = [
        Suscriptor.objects.create(email=f"s{i}@ejemplo.pe", perfiles=list(c))
        for i, c in enumerate(COMBINACIONES)
    ]
    migracion.perfiles_a_temas(apps, None)
    assert Boletin.objects.get(perfiles=["retornado"]).temas.filter(codigo="retorno").exists()
    assert not Suscriptor.objects.get(perfiles=["publico"]).temas.exists()  # everything
    for boletin, suscriptor in itertools.product(ediciones, suscriptores):
        antes = (
            not boletin.perfiles
            or not suscriptor.perfiles
            or bool(set(boletin.perfiles) & set(suscriptor.perfiles))
        )
        if antes:
            assert suscriptor.quiere(boletin), (boletin.perfiles, suscriptor.perfiles)
    # The profile data stays.
    assert Suscriptor.objects.get(email="s3@ejemplo.pe").perfiles == ["retornado"]
