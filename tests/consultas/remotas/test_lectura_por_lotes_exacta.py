"""Reading the mailbox in batches gives exactly what reading one message at a time gave: the
per-sender flood limit across batches and runs, consecutive codes without gaps (also when a
message fails), one audit history row per consultation, the daily summary, and the very
acknowledgement text, while the batch writes each of these once instead of per message."""

import pytest
from django.utils import timezone

from consultas.estadisticas import resumen
from consultas.models import Consulta, Mensaje, ResumenDiario, Sede
from consultas.models.consulta import Contador
from consultas.remotas import acuses, buzon
from consultas.remotas import correo as correo_saliente
from infomigra import limites
from tests.consultas.remotas.correos import correo, leer

pytestmark = pytest.mark.django_db


def _entregar(servidor, n, de="Ana <ana@example.org>", prefijo="m"):
    for i in range(n):
        servidor.entregar(servidor.usuario, correo(f"<{prefijo}{i}@example.org>", de=de))


def test_flood_limit_is_exact_across_batches_and_runs(servidor_imap, settings, monkeypatch):
    settings.CORREO_LIMITE_POR_REMITENTE = 3
    monkeypatch.setattr(buzon, "LOTE", 2)  # the sender's 7 mails span four batches
    _entregar(servidor_imap, 7)
    _entregar(servidor_imap, 2, de="Eva <eva@example.org>", prefijo="e")
    assert leer()[0] == 0
    de_ana = Consulta.objects.filter(email="ana@example.org").order_by("codigo")
    assert [c.estado for c in de_ana] == ["pendiente"] * 3 + ["descartada"] * 4
    assert set(
        Consulta.objects.filter(email="eva@example.org").values_list("estado", flat=True)
    ) == {"pendiente"}
    # The counter the batches wrote is the shared one: a later run in the hour, and the
    # one-by-one limiter, see the 7 uses.
    _entregar(servidor_imap, 1, prefijo="despues")
    assert leer()[0] == 0
    assert Mensaje.objects.get(message_id="<despues0@example.org>").consulta.estado == "descartada"
    assert limites.tomar("correo", "ana@example.org", 9)  # 8 used: the 9th is allowed…
    assert not limites.tomar("correo", "ana@example.org", 9)  # …the 10th is not
    assert limites.tomar("correo", "eva@example.org", 3)


def test_codes_are_consecutive_and_a_failed_message_gives_its_number_back(
    servidor_imap, settings, monkeypatch
):
    settings.CORREO_LIMITE_POR_REMITENTE = 2
    anio = timezone.localdate().year
    previa = Consulta.objects.create(
        canal="web", sede=Sede.principal(), tipo_migrante="potencial", resumen="Antes"
    )
    for i in range(5):
        servidor_imap.entregar(
            servidor_imap.usuario,
            correo(f"<n{i}@example.org>", de="ana@example.org", asunto=f"Asunto {i}"),
        )
    real = correo_saliente.saliente

    def saliente(consulta, tipo, cuerpo, *args, **kwargs):
        mensaje = real(consulta, tipo, cuerpo, *args, **kwargs)
        if kwargs.get("asunto_original") == "Asunto 1":
            raise ValueError("fallo después de tomar el código y el cupo")
        return mensaje

    monkeypatch.setattr(correo_saliente, "saliente", saliente)
    assert leer()[0] == 1  # the failing one is reported and retried later
    codigos = list(Consulta.objects.exclude(pk=previa.pk).order_by("id").values_list("codigo"))
    numero = int(previa.codigo.rsplit("-", 1)[1])
    assert [c for (c,) in codigos] == [f"C-{anio}-{numero + i:06d}" for i in (1, 2, 3, 4)]
    # Its flood allowance was given back too: the next one is still within the limit.
    estados = list(Consulta.objects.exclude(pk=previa.pk).order_by("id").values_list("estado"))
    assert [e for (e,) in estados] == ["pendiente"] * 2 + ["descartada"] * 2
    assert Contador.objects.get(anio=anio).ultimo == numero + 4
    web = Consulta.objects.create(
        canal="web", sede=Sede.principal(), tipo_migrante="potencial", resumen="Después"
    )
    assert web.codigo == f"C-{anio}-{numero + 5:06d}"


def test_each_consultation_has_the_history_row_a_save_writes(servidor_imap):
    _entregar(servidor_imap, 3, de="Rosa <rosa@example.org>")
    assert leer()[0] == 0
    modelo = Consulta.historia.model
    campos = [f.attname for f in modelo.tracked_fields]
    for consulta in Consulta.objects.all():
        (fila,) = consulta.historia.all()
        assert fila.history_type == "+"
        assert fila.history_user_id is None and fila.history_change_reason is None
        assert {c: getattr(fila, c) for c in campos} == {c: getattr(consulta, c) for c in campos}
        assert abs((fila.history_date - consulta.creada).total_seconds()) < 5
    # The same shape as a one-by-one save.
    suelta = Consulta.objects.create(
        canal="web", sede=Sede.principal(), tipo_migrante="potencial", resumen="x"
    )
    (fila,) = suelta.historia.all()
    assert (fila.history_type, fila.history_change_reason) == ("+", None)


def test_daily_summary_is_exact_after_a_mail_batch(servidor_imap, settings, monkeypatch):
    settings.CORREO_LIMITE_POR_REMITENTE = 2
    monkeypatch.setattr(buzon, "LOTE", 3)
    _entregar(servidor_imap, 4)  # 2 pending, 2 discarded (in no statistic)
    _entregar(servidor_imap, 3, de="eva@example.org", prefijo="e")
    assert leer()[0] == 0
    filas = set(
        ResumenDiario.objects.values_list("fecha", "sede_id", "dimension", "valor", "cantidad")
    )
    resumen.reconstruir()
    assert filas == set(
        ResumenDiario.objects.values_list("fecha", "sede_id", "dimension", "valor", "cantidad")
    )
    assert (
        sum(ResumenDiario.objects.filter(dimension="total").values_list("cantidad", flat=True)) == 4
    )


def test_acknowledgements_of_a_batch_are_the_mails_rendered_one_by_one(settings):
    settings.SERVICIO_NOMBRE = "Servicio <Migrante> & Familia"  # escaped in the HTML part
    ids = [
        buzon.procesar(correo(f"<b{i}@example.org>", de=f"p{i}@example.org")).acuse_id
        for i in range(3)
    ]
    molde = acuses.Molde()
    hechos = [molde.construir(Mensaje.objects.select_related("consulta").get(pk=pk)) for pk in ids]
    assert molde.partes is not None  # the mould is used after the first message
    for pk, hecho in zip(ids, hechos, strict=True):
        mensaje = Mensaje.objects.select_related("consulta").get(pk=pk)
        esperado = correo_saliente.construir(mensaje)
        assert hecho.body == esperado.body and mensaje.consulta.codigo in hecho.body
        assert hecho.alternatives[0][0] == esperado.alternatives[0][0]
        assert hecho.subject == esperado.subject and hecho.extra_headers == esperado.extra_headers


def test_a_template_reading_more_than_the_marks_is_rendered_per_message(settings, monkeypatch):
    real = correo_saliente.textos

    def textos(mensaje, datos):
        texto, html = real(mensaje, datos)
        return texto + str(datos["consulta"].email), html  # a field the mould has no mark for

    monkeypatch.setattr(correo_saliente, "textos", textos)
    ids = [
        buzon.procesar(correo(f"<c{i}@example.org>", de=f"q{i}@example.org")).acuse_id
        for i in range(2)
    ]
    molde = acuses.Molde()
    hechos = [molde.construir(Mensaje.objects.select_related("consulta").get(pk=pk)) for pk in ids]
    assert molde.partes is None
    assert [h.body.endswith(f"q{i}@example.org") for i, h in enumerate(hechos)] == [True, True]
