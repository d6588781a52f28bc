"""A Responsable creates offices and their advisors; nobody else can."""

import pytest
from django.contrib.auth import get_user_model

from consultas.models import Consulta, Sede

pytestmark = pytest.mark.django_db


def test_responsable_creates_office_and_advisor_who_sees_only_it(cliente_de, responsable, client):
    cliente = cliente_de(responsable)
    respuesta = cliente.post(
        "/gestion/equipo/sedes/nueva/",
        {
            "codigo": "cusco",
            "nombre": "Dirección Regional — Cusco",
            "horario": "8:00–13:00",
            "activa": "on",
        },
    )
    assert respuesta.status_code == 302
    cusco = Sede.objects.get(codigo="CUSCO")
    respuesta = cliente.post(
        "/gestion/equipo/usuarios/nuevo/",
        {
            "username": "asesor.cusco",
            "first_name": "Pilar",
            "last_name": "Condori",
            "email": "pilar@example.org",
            "rol": "Asesor",
            "sede": cusco.pk,
            "canal": "presencial",
            "password1": "Cusco.Andino.2026",
            "password2": "Cusco.Andino.2026",
        },
    )
    assert respuesta.status_code == 302
    nuevo = get_user_model().objects.get(username="asesor.cusco")
    assert nuevo.perfil.sede == cusco
    assert list(nuevo.groups.values_list("name", flat=True)) == ["Asesor"]
    assert nuevo.check_password("Cusco.Andino.2026")
    lista = cliente.get("/gestion/equipo/").content.decode()
    assert "Dirección Regional — Cusco" in lista and "asesor.cusco" in lista

    Consulta.objects.create(canal="presencial", sede=cusco, tipo_migrante="andino")
    Consulta.objects.create(canal="presencial", sede=Sede.principal(), tipo_migrante="publico")
    assert [c.sede for c in Consulta.objects.visibles_para(nuevo)] == [cusco]


def test_user_form_reports_errors_in_spanish(cliente_de, responsable, sede_a):
    respuesta = cliente_de(responsable).post(
        "/gestion/equipo/usuarios/nuevo/",
        {
            "username": "responsable",
            "first_name": "X",
            "last_name": "Y",
            "email": "no-es-correo",
            "rol": "Asesor",
            "sede": sede_a.pk,
            "canal": "presencial",
            "password1": "123",
            "password2": "456",
        },
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Ya existe un usuario con ese nombre." in html
    assert "Las contraseñas no coinciden." in html
    assert "dirección de correo electrónico válida" in html


def test_editing_user_changes_role_and_office(cliente_de, responsable, asesor_a, sede_b):
    respuesta = cliente_de(responsable).post(
        f"/gestion/equipo/usuarios/{asesor_a.pk}/",
        {
            "username": "asesor_a",
            "first_name": "A",
            "last_name": "B",
            "email": "a@example.org",
            "rol": "Editor",
            "sede": sede_b.pk,
            "canal": "correo",
            "activo": "on",
        },
    )
    assert respuesta.status_code == 302
    asesor_a.refresh_from_db()
    assert asesor_a.perfil.sede == sede_b
    assert list(asesor_a.groups.values_list("name", flat=True)) == ["Editor"]
    assert asesor_a.check_password("Clave.De.Prueba.2026")


@pytest.mark.parametrize("fixture", ["asesor_a", "editor"])
def test_only_responsable_manages_team(request, cliente_de, fixture):
    cliente = cliente_de(request.getfixturevalue(fixture))
    assert cliente.get("/gestion/equipo/").status_code == 403
    assert cliente.post("/gestion/equipo/sedes/nueva/", {"codigo": "X"}).status_code == 403
