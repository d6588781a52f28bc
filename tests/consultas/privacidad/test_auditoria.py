"""Audit trail: history of users, offices and content; log of access to personal data."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.test import RequestFactory
from django.utils import timezone

from consultas.models import Consulta, Sede
from consultas.models.historial import auditar
from consultas.privacidad.auditoria import RegistroAcceso, registrar_acceso
from contenidos.models import Tema
from infomigra.vocabulario import ROL_ASESOR

pytestmark = pytest.mark.django_db


def test_user_creation_change_group_and_deletion_are_recorded(asesor_a):
    usuario = User.objects.create_user("temporal", password="x")
    usuario.first_name = "Nuevo"
    usuario.save()
    usuario.groups.add(Group.objects.get(name=ROL_ASESOR))
    pk = usuario.pk
    usuario.delete()
    historia = User.historia.filter(id=pk).order_by("history_id")
    assert [h.history_type for h in historia][:2] == ["+", "~"]
    assert historia.last().history_type == "-"
    assert not hasattr(historia.first(), "password")
    grupos = [list(h.groups.values_list("group_id", flat=True)) for h in historia]
    assert [Group.objects.get(name=ROL_ASESOR).pk] in grupos


def test_office_and_topic_changes_are_recorded():
    sede = Sede.objects.create(codigo="CUSCO", nombre="Sede Cusco")
    sede.nombre = "Sede Cusco (centro)"
    sede.save()
    tema = Tema.objects.create(codigo="nuevo", nombre="Nuevo tema")
    tema.delete()
    assert list(Sede.historia.filter(id=sede.pk).values_list("history_type", flat=True)) == [
        "~",
        "+",
    ]
    assert {h.history_type for h in Tema.historia.filter(codigo="nuevo")} == {"+", "-"}


def test_audit_helper_registers_more_models_idempotently():
    auditar(Sede)  # already audited: no error, no second registration
    assert hasattr(Sede, "historia")


def test_web_changes_record_who_made_them(cliente_de, responsable):
    cliente = cliente_de(responsable)
    responsable.is_staff = True
    responsable.is_superuser = True
    responsable.save()
    respuesta = cliente.post(
        "/admin/consultas/sede/add/", {"codigo": "PIURA", "nombre": "Sede Piura", "activa": "on"}
    )
    assert respuesta.status_code == 302
    assert Sede.historia.get(codigo="PIURA").history_user == responsable


def test_registrar_acceso_stores_code_never_personal_data(asesor_a):
    consulta = Consulta.objects.create(
        canal="correo",
        sede=asesor_a.perfil.sede,
        tipo_migrante="potencial",
        nombre="Ana Quispe",
        email="ana@example.com",
    )
    peticion = RequestFactory().get("/")
    peticion.user = asesor_a
    registro = registrar_acceso(peticion, "ver", consulta)
    assert registro.usuario == asesor_a and registro.usuario_nombre == "asesor_a"
    assert registro.objeto == consulta.codigo
    valores = " ".join(str(v) for v in vars(registro).values())
    assert "Ana" not in valores and "ana@example.com" not in valores
    with pytest.raises(ValueError):
        registrar_acceso(peticion, "imprimir", consulta)


def test_audit_page_is_for_responsable_only(client, cliente_de, asesor_a, editor):
    assert client.get("/gestion/auditoria/").status_code == 302
    assert cliente_de(asesor_a).get("/gestion/auditoria/").status_code == 403
    client.logout()
    assert cliente_de(editor).get("/gestion/auditoria/").status_code == 403


def test_menu_shows_audit_links_to_responsable_only(client, cliente_de, asesor_a, responsable):
    assert "Auditoría" not in cliente_de(asesor_a).get("/gestion/").content.decode()
    client.logout()
    contenido = cliente_de(responsable).get("/gestion/").content.decode()
    assert 'href="/gestion/auditoria/"' in contenido
    assert 'href="/gestion/datos-personales/"' in contenido


def test_audit_page_lists_changes_with_field_names_and_filters(cliente_de, responsable, asesor_a):
    sede = Sede.objects.create(codigo="TACNA", nombre="Sede Tacna")
    sede.direccion = "Av. Bolognesi 123"
    sede.save()
    cliente = cliente_de(responsable)
    contenido = cliente.get("/gestion/auditoria/").content.decode()
    assert "<h1>Auditoría</h1>" in contenido
    assert "TACNA" in contenido and "dirección" in contenido
    assert "Av. Bolognesi" not in contenido
    solo_eliminaciones = cliente.get("/gestion/auditoria/?accion=-").content.decode()
    assert "TACNA" not in solo_eliminaciones
    manana = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    futuro = cliente.get(f"/gestion/auditoria/?desde={manana}").content.decode()
    assert "No hay registros con estos filtros" in futuro


def _editar_sedes(desde, hasta):
    for i in range(desde, hasta):
        sede = Sede.objects.create(codigo=f"S{i:03d}", nombre=f"Sede {i}")
        sede.direccion = f"Calle {i}"
        sede.save()
        sede.telefono = "01 123 4567"
        sede.save()


def test_audit_page_names_each_rows_changed_fields_with_queries_not_growing_per_row(
    cliente_de, responsable
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cliente = cliente_de(responsable)
    _editar_sedes(0, 2)
    with CaptureQueriesContext(connection) as pocas:
        pagina = cliente.get("/gestion/auditoria/?accion=~")
    filas = pagina.context["pagina"].object_list
    campos = {(f["etiqueta"], tuple(f["campos"])) for f in filas if f["modelo"] == "consultas.Sede"}
    assert ("S001", ("teléfono",)) in campos and ("S001", ("dirección",)) in campos
    _editar_sedes(2, 22)
    with CaptureQueriesContext(connection) as muchas:
        cliente.get("/gestion/auditoria/?accion=~")
    assert len(muchas) <= len(pocas) + 2


def test_audit_page_lists_access_records_filtered_by_user_and_action(
    cliente_de, responsable, asesor_a
):
    for accion, usuario in [("ver", asesor_a), ("exportar", responsable), ("buscar", asesor_a)]:
        RegistroAcceso.objects.create(
            usuario=usuario, usuario_nombre=usuario.username, accion=accion, objeto="C-2026-000042"
        )
    cliente = cliente_de(responsable)
    pagina = cliente.get("/gestion/auditoria/?tipo=accesos&usuario=asesor_a")
    assert pagina.context["pagina"].paginator.count == 2
    assert "C-2026-000042" in pagina.content.decode()
    pagina = cliente.get("/gestion/auditoria/?tipo=accesos&accion=exportar")
    assert [r.usuario_nombre for r in pagina.context["pagina"]] == ["responsable"]


def test_audit_page_paginates_and_rejects_bad_filters(cliente_de, responsable):
    RegistroAcceso.objects.bulk_create(
        RegistroAcceso(usuario_nombre="x", accion="ver", objeto=f"C-2026-{n:06d}")
        for n in range(120)
    )
    cliente = cliente_de(responsable)
    pagina = cliente.get("/gestion/auditoria/?tipo=accesos&pagina=3")
    assert pagina.context["pagina"].number == 3
    assert "Página 3 de 3" in pagina.content.decode()
    mala = cliente.get("/gestion/auditoria/?desde=ayer&usuario=nadie&pagina=xyz")
    assert mala.status_code == 200
    contenido = mala.content.decode()
    assert "Escriba la fecha como dd/mm/aaaa" in contenido
    assert "Elija un usuario de la lista" in contenido


def test_viewing_contact_data_of_a_consultation_is_logged(cliente_de, asesor_a, sede_a):
    from consultas.models import Consulta
    from consultas.privacidad.auditoria import RegistroAcceso

    con_datos = Consulta.objects.create(
        canal="web", sede=sede_a, tipo_migrante="potencial", email="rosa@example.org"
    )
    sin_datos = Consulta.objects.create(canal="presencial", sede=sede_a, tipo_migrante="publico")
    cliente = cliente_de(asesor_a)
    assert cliente.get(f"/gestion/consultas/{con_datos.codigo}/").status_code == 200
    assert cliente.get(f"/gestion/consultas/{sin_datos.codigo}/").status_code == 200
    registros = list(RegistroAcceso.objects.values_list("usuario__username", "accion", "objeto"))
    assert registros == [("asesor_a", "ver", con_datos.codigo)]


def test_answered_consultation_offers_faq_proposal(cliente_de, asesor_a, sede_a):
    from consultas.models import Consulta

    consulta = Consulta.objects.create(
        canal="presencial",
        sede=sede_a,
        tipo_migrante="potencial",
        resumen="¿Cómo verifico una oferta?",
        respuesta="Consulte el registro de agencias.",
    )
    html = cliente_de(asesor_a).get(f"/gestion/consultas/{consulta.codigo}/").content.decode()
    assert "Proponer como pregunta frecuente" in html
    assert 'action="/gestion/faq/proponer/"' in html


def test_changes_to_portal_content_and_faq_are_recorded(cliente_de, responsable):
    from contenidos.models import Guia
    from faq.models import Pregunta

    guia = Guia.objects.create(titulo="Otra guía", perfil="retornado", idioma="es", cuerpo="x")
    guia.cuerpo = "## Retornar\n\nTexto nuevo."
    guia.save()
    pregunta = Pregunta.objects.create(
        pregunta="¿Necesito visa?", respuesta="Depende.", tema=Tema.objects.first()
    )
    pregunta.publicada = True
    pregunta.save()
    cambios = list(guia.historia.values_list("history_type", flat=True))
    assert cambios == ["~", "+"]
    assert list(pregunta.historia.values_list("history_type", flat=True)) == ["~", "+"]
    html = cliente_de(responsable).get("/gestion/auditoria/").content.decode()
    import re

    filas = re.findall(r"<tr>.*?</tr>", html, re.S)
    nombre_guia = str(Guia._meta.verbose_name).capitalize()
    assert any(nombre_guia in fila and "cuerpo" in fila for fila in filas)
    assert any("Pregunta frecuente" in fila and "publicada" in fila for fila in filas)


def _cambiar_temas(sede, cantidad, temas):
    from tests.consultas.ayudas import consulta

    for i in range(cantidad):
        nueva = consulta(sede, 1 + i % 28)
        nueva.temas.set(temas[:1])
        nueva.temas.set(temas)


def test_audit_page_names_topic_changes_with_queries_not_growing_per_row(
    cliente_de, responsable, sede_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    temas = list(Tema.objects.order_by("pk")[:2]) or [
        Tema.objects.create(codigo=f"t{i}", nombre=f"Tema {i}") for i in range(2)
    ]
    cliente = cliente_de(responsable)
    _cambiar_temas(sede_a, 2, temas)
    with CaptureQueriesContext(connection) as pocas:
        pagina = cliente.get("/gestion/auditoria/?accion=~")
    filas = [f for f in pagina.context["pagina"].object_list if f["modelo"] == "consultas.Consulta"]
    assert filas and all(f["campos"] == ["temas"] for f in filas), filas
    _cambiar_temas(sede_a, 10, temas)
    with CaptureQueriesContext(connection) as muchas:
        cliente.get("/gestion/auditoria/?accion=~")
    assert len(muchas) <= len(pocas) + 2
