"""Every page or file that shows a person's name, email or phone writes an access-log row.

The test walks every GET URL of the permission matrix and every admin page of a consultation as
a Responsable; whenever the answer carries the person's data, a row must have been written."""

import pytest
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from consultas.models import Consulta
from consultas.models.auditoria import Accion, RegistroAcceso
from consultas.models.remotas import Direccion, Mensaje, TipoMensaje
from tests.conftest import dar_doble_factor

pytestmark = pytest.mark.django_db

NOMBRE, CORREO, TELEFONO = "Rosa Quispe", "rosa.q@example.org", "987654321"


@pytest.fixture
def datos(sede_a, asesor_a, responsable):
    consulta = Consulta.objects.create(
        canal="web",
        sede=sede_a,
        tipo_migrante="potencial",
        resumen=f"Soy {NOMBRE} y quiero trabajar en España",
        respuesta="Revise los requisitos.",
        estado="pendiente",
        nombre=NOMBRE,
        email=CORREO,
        telefono=TELEFONO,
    )
    Mensaje.objects.create(
        consulta=consulta,
        direccion=Direccion.ENTRADA,
        tipo=TipoMensaje.CONSULTA,
        remitente=CORREO,
        cuerpo=consulta.resumen,
    )
    consulta.estado = "respondida"
    consulta.save()
    responsable.is_staff = True
    responsable.save(update_fields=["is_staff"])
    return {"consulta": consulta.codigo, "usuario": asesor_a.pk, "pregunta": "x", "pregunta_id": 0}


def _contenido(respuesta):
    if respuesta.streaming:
        return b"".join(respuesta.streaming_content)
    return respuesta.content


def _patrones(resolver=None, espacio=""):
    """Every named URL pattern outside the admin: (full name, its parameter names)."""
    resolver = resolver or get_resolver()
    for patron in resolver.url_patterns:
        if isinstance(patron, URLResolver):
            if patron.namespace == "admin":
                continue
            nuevo = f"{espacio}{patron.namespace}:" if patron.namespace else espacio
            yield from _patrones(patron, nuevo)
        elif patron.name:
            yield f"{espacio}{patron.name}", list(patron.pattern.converters)


def _urls(datos):
    """Every back-office and portal URL with this consultation's code and the Asesor's id."""
    consulta = Consulta.objects.get(codigo=datos["consulta"])
    valores = {"codigo": consulta.codigo, "pk": datos["usuario"], "dia": "2026-11-02"}
    for nombre, parametros in _patrones():
        argumentos = {p: valores.get(p, "1") for p in parametros}
        try:
            yield nombre, reverse(nombre, kwargs=argumentos)
        except NoReverseMatch:
            continue  # a parameter of another type (a slug of portal content): no consultation
    version = consulta.historia.first().history_id
    yield "admin:change", reverse("admin:consultas_consulta_change", args=[consulta.pk])
    yield "admin:history", reverse("admin:consultas_consulta_history", args=[consulta.pk])
    yield (
        "admin:simple_history",
        reverse("admin:consultas_consulta_simple_history", args=[consulta.pk, version]),
    )


def test_every_view_showing_contact_data_is_logged(datos, responsable, cliente_de):
    cliente = cliente_de(responsable)
    con_datos, sin_registro = [], []
    for nombre, ruta in _urls(datos):
        antes = RegistroAcceso.objects.count()
        respuesta = cliente.get(ruta)
        contenido = _contenido(respuesta)
        if any(dato.encode() in contenido for dato in (NOMBRE, CORREO, TELEFONO)):
            con_datos.append(nombre)
            if RegistroAcceso.objects.count() == antes:
                sin_registro.append(f"{nombre} ({ruta})")
    assert sin_registro == []
    assert set(con_datos) >= {
        "gestion:consulta",
        "gestion:consulta_editar",
        "gestion:bandeja_hilo",
        "gestion:consultas_csv",
        "admin:change",
        "admin:simple_history",
    }


def test_exports_and_admin_pages_name_the_user_and_action(datos, responsable, cliente_de):
    cliente = cliente_de(responsable)
    cliente.get("/gestion/consultas/exportar.xlsx")
    fila = RegistroAcceso.objects.get(accion=Accion.EXPORTAR)
    assert fila.usuario == responsable and "XLSX" in fila.detalle and "1 consultas" in fila.detalle
    consulta = Consulta.objects.get(codigo=datos["consulta"])
    cliente.get(reverse("admin:consultas_consulta_change", args=[consulta.pk]))
    assert RegistroAcceso.objects.filter(
        objeto=consulta.codigo, accion=Accion.VER, detalle="admin: ficha"
    ).exists()


def test_a_refused_admin_page_writes_no_access_row(datos, editor, cliente_de):
    dar_doble_factor(editor)
    consulta = Consulta.objects.get(codigo=datos["consulta"])
    respuesta = cliente_de(editor).get(
        reverse("admin:consultas_consulta_change", args=[consulta.pk])
    )
    assert respuesta.status_code == 403
    assert not RegistroAcceso.objects.exists()
