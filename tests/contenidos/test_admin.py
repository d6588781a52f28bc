"""Editors edit portal content in the Django admin: code lists, Markdown, publish actions."""

import pytest

from contenidos.models import Convenio, Institucion

pytestmark = pytest.mark.django_db


@pytest.fixture
def cliente_editor(cliente_de, editor):
    editor.is_staff = True
    editor.save()
    return cliente_de(editor)


def test_editor_adds_an_institution_with_profiles(cliente_editor):
    respuesta = cliente_editor.post(
        "/admin/contenidos/institucion/add/",
        {
            "titulo": "Consulado General del Perú en Milán",
            "idioma": "es",
            "publicado": "on",
            "tipo": "consulado",
            "pais": "IT",
            "perfiles": ["emigrante", "publico"],
            "cuerpo": "Atiende a peruanos en el norte de Italia.<script>x()</script>",
            "web": "https://www.gob.pe/rree",
        },
    )
    assert respuesta.status_code == 302
    institucion = Institucion.objects.get()
    assert institucion.perfiles == ["emigrante", "publico"]
    assert "<script" not in institucion.cuerpo_html
    assert Institucion.objects.filter(perfiles__contains=";publico;").count() == 1


def test_agreement_countries_are_typed_as_codes(cliente_editor):
    respuesta = cliente_editor.post(
        "/admin/contenidos/convenio/add/",
        {"titulo": "Convenio Perú–Corea", "idioma": "es", "tipo": "seguridad_social",
         "paises": "kr; pe"},
    )  # fmt: skip
    assert respuesta.status_code == 302
    assert Convenio.objects.get().paises == ["KR", "PE"]
    assert not Convenio.objects.get().publicado  # new content starts as a draft


def test_publish_action(cliente_editor):
    convenio = Convenio.objects.create(titulo="Borrador", tipo="can")
    cliente_editor.post(
        "/admin/contenidos/convenio/",
        {"action": "publicar", "_selected_action": [convenio.pk]},
    )
    convenio.refresh_from_db()
    assert convenio.publicado


def test_people_without_editor_role_cannot_edit(cliente_de, asesor_a):
    asesor_a.is_staff = True
    asesor_a.save()
    assert cliente_de(asesor_a).get("/admin/contenidos/guia/").status_code == 403
