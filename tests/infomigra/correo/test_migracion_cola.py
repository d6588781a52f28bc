"""A database from before the one queue migrates forward without losing a mail: the portal's
queue and the other services' messages (``Mensaje`` rows with an ``objeto``) become rows of
``correo.CorreoSaliente`` with the same recipient, subject, Message-ID, attempts and outcome;
the consultation threads stay as they were."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

ANTES = [
    ("contenidos", "0008_revisar_antes_de_y_direccion"),
    ("consultas", "0016_historia_contenidos_revision"),
    ("correo", "0001_cola_de_correo"),
]
T0 = dt.datetime(2026, 11, 1, 10, 0, tzinfo=dt.UTC)


def _estado_anterior():
    ejecutor = MigrationExecutor(connection)
    ejecutor.migrate(ANTES)
    return ejecutor.loader.project_state(ANTES).apps


def _datos_antiguos(apps, max_intentos):
    Sede = apps.get_model("consultas", "Sede")
    Consulta = apps.get_model("consultas", "Consulta")
    Mensaje = apps.get_model("consultas", "Mensaje")
    Portal = apps.get_model("contenidos", "CorreoSaliente")
    ContentType = apps.get_model("contenttypes", "ContentType")
    sede = Sede.objects.get_or_create(codigo="LIMA", defaults={"nombre": "Lima"})[0]
    consulta = Consulta.objects.create(
        codigo="C-2026-000001", canal="web", sede=sede, fecha="2026-11-01", recibida=T0,
        tipo_migrante="potencial", banda_edad="sin-dato", resumen="¿Visa?",
        email="ana@example.org",
    )  # fmt: skip
    Mensaje.objects.create(
        consulta=consulta, direccion="salida", tipo="respuesta", destinatario="ana@example.org",
        asunto="Respuesta", cuerpo="Sí.", message_id="<hilo-1@servicio.pe>",
        estado_envio="enviado", intentos=1, enviado_el=T0, creado=T0,
    )  # fmt: skip
    inscripcion = ContentType.objects.get_or_create(app_label="consultas", model="inscripcion")[0]
    retornado = ContentType.objects.get_or_create(app_label="consultas", model="retornado")[0]
    servicios = [
        (inscripcion, 7, "taller_confirmar", "enviado", 1, ""),
        (inscripcion, 8, "taller_recordatorio", "no_enviado", 2, "ConnectionRefusedError"),
        (retornado, 3, "retorno_control", "fallido", max_intentos, "destinatario rechazado"),
        (retornado, 4, "retorno_control", "pendiente", 0, ""),
    ]
    for numero, (tipo, objeto_id, codigo, estado, intentos, error) in enumerate(servicios):
        Mensaje.objects.create(
            objeto_tipo=tipo, objeto_id=objeto_id, direccion="salida", tipo=codigo,
            remitente="servicio@servicio.pe", destinatario=f"p{numero}@example.org",
            asunto=f"Asunto {numero}", cuerpo=f"Asunto {numero}",
            message_id=f"<servicio-{numero}@servicio.pe>", estado_envio=estado,
            intentos=intentos, ultimo_error=error, creado=T0 + dt.timedelta(minutes=numero),
            enviado_el=T0 if estado == "enviado" else None,
        )  # fmt: skip
    portal = [
        ("luz@example.org", T0, 1, ""),
        ("eva@example.org", None, 1, "ConnectionRefusedError"),
        ("rey@example.org", None, max_intentos, "SMTPServerDisconnected"),
    ]
    for destinatario, enviado_el, intentos, error in portal:
        Portal.objects.create(
            destinatario=destinatario, asunto="Confirme su suscripción", texto="Enlace: …",
            html="<p>Enlace</p>", cabeceras={"X-Prueba": "1"}, creado=T0, intentos=intentos,
            enviado_el=enviado_el, ultimo_error=error,
        )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_existing_mail_moves_into_the_one_queue_without_loss(settings):
    _datos_antiguos(_estado_anterior(), settings.CORREO_MAX_INTENTOS)
    ejecutor = MigrationExecutor(connection)
    ejecutor.migrate(ejecutor.loader.graph.leaf_nodes())

    from consultas.models.remotas import Mensaje
    from infomigra.correo.models import CorreoSaliente

    # The thread is untouched; only thread messages are left in Mensaje.
    hilo = Mensaje.objects.get()
    assert (hilo.message_id, hilo.estado_envio, hilo.consulta.codigo) == (
        "<hilo-1@servicio.pe>", "enviado", "C-2026-000001",
    )  # fmt: skip
    filas = {
        c.destinatario: c
        for c in CorreoSaliente.objects.select_related("objeto_tipo").order_by("pk")
    }
    assert sorted(filas) == sorted(
        ["p0@example.org", "p1@example.org", "p2@example.org", "p3@example.org",
         "luz@example.org", "eva@example.org", "rey@example.org"]
    )  # fmt: skip
    # The services' mail: same owner, code, Message-ID, attempts and outcome; no text stored
    # (it is still rendered when sent).
    enviado, reintento, fallido, nuevo = (filas[f"p{n}@example.org"] for n in range(4))
    assert (enviado.objeto_tipo.model, enviado.objeto_id, enviado.tipo) == (
        "inscripcion", 7, "taller_confirmar",
    )  # fmt: skip
    assert enviado.message_id == "<servicio-0@servicio.pe>" and enviado.enviado_el == T0
    assert enviado.texto == "" and enviado.asunto == "Asunto 0"
    assert enviado.cabeceras["Auto-Submitted"] == "auto-generated"
    assert reintento.enviado_el is None and reintento.abandonado_el is None
    assert (reintento.intentos, reintento.ultimo_error) == (2, "ConnectionRefusedError")
    assert fallido.abandonado_el is not None and fallido.objeto_tipo.model == "retornado"
    assert nuevo.intentos == 0 and nuevo.enviado_el is None and nuevo.abandonado_el is None
    # The portal's queue: its texts and headers kept; an exhausted mail stays given up.
    luz, eva, rey = filas["luz@example.org"], filas["eva@example.org"], filas["rey@example.org"]
    assert (luz.texto, luz.html, luz.cabeceras) == ("Enlace: …", "<p>Enlace</p>", {"X-Prueba": "1"})
    assert luz.enviado_el == T0 and luz.message_id.startswith("<")
    assert eva.enviado_el is None and eva.abandonado_el is None and eva.intentos == 1
    assert rey.abandonado_el is not None
    por_enviar = set(CorreoSaliente.objects.por_enviar().values_list("destinatario", flat=True))
    assert por_enviar == {"p1@example.org", "p3@example.org", "eva@example.org"}
    tablas = connection.introspection.table_names()
    assert "contenidos_correosaliente" not in tablas
    columnas = {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), "consultas_mensaje")}  # fmt: skip
    assert "objeto_id" not in columnas and "objeto_tipo_id" not in columnas
