import pytest
from django.contrib.auth.models import Group

from consultas.models import Consulta
from infomigra.acceso import es_responsable, tiene_algun_permiso
from infomigra.vocabulario import ROL_ASESOR, ROL_EDITOR, ROL_RESPONSABLE

pytestmark = pytest.mark.django_db


def test_roles_are_groups_with_permissions():
    asesor = Group.objects.get(name=ROL_ASESOR)
    responsable = Group.objects.get(name=ROL_RESPONSABLE)
    editor = Group.objects.get(name=ROL_EDITOR)
    codigos = set(asesor.permissions.values_list("codename", flat=True))
    assert {"add_consulta", "change_consulta", "view_consulta"} <= codigos
    assert "importar_consultas" not in codigos
    assert responsable.permissions.filter(codename="importar_consultas").exists()
    assert responsable.permissions.filter(codename="ver_todas_las_sedes").exists()
    assert editor.permissions.filter(codename="change_tema").exists()
    assert not editor.permissions.filter(content_type__app_label="consultas").exists()


def test_role_helpers(asesor_a, responsable, editor, sin_rol):
    assert es_responsable(responsable) and not es_responsable(asesor_a)
    assert tiene_algun_permiso(editor, "faq.change_pregunta")
    assert not tiene_algun_permiso(editor, "consultas.view_consulta")
    assert not tiene_algun_permiso(sin_rol)
    assert tiene_algun_permiso(asesor_a) and not es_responsable(editor)


def test_consultas_visible_by_office(asesor_a, asesor_b, responsable, sede_a, sede_b):
    propia = Consulta.objects.create(canal="presencial", sede=sede_a, tipo_migrante="potencial")
    ajena = Consulta.objects.create(canal="presencial", sede=sede_b, tipo_migrante="publico")
    assert list(Consulta.objects.visibles_para(asesor_a)) == [propia]
    assert list(Consulta.objects.visibles_para(asesor_b)) == [ajena]
    assert set(Consulta.objects.visibles_para(responsable)) == {propia, ajena}
