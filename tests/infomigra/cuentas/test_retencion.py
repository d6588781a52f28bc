"""Login records and backups are not kept forever."""

import datetime as dt
import os
import time
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _registros(dias_atras):
    momento = timezone.now() - dt.timedelta(days=dias_atras)
    for modelo, extra in (
        (AccessAttempt, {"failures_since_start": 1}),
        (AccessFailureLog, {}),
        (AccessLog, {}),
    ):
        fila = modelo.objects.create(username=f"x{dias_atras}", ip_address="192.0.2.1", **extra)
        modelo.objects.filter(pk=fila.pk).update(attempt_time=momento)


def test_login_records_older_than_the_retention_are_deleted(settings):
    settings.ACCESOS_RETENCION_DIAS = 30
    _registros(31)
    _registros(29)
    salida = StringIO()
    call_command("depurar_accesos", stdout=salida)
    limite = timezone.now() - dt.timedelta(days=30)
    for modelo in (AccessAttempt, AccessFailureLog, AccessLog):
        assert modelo.objects.count() == 1
        assert not modelo.objects.filter(attempt_time__lt=limite).exists()
    assert "3 registros" in salida.getvalue()


def test_backup_keeps_the_newest_n(settings, tmp_path, monkeypatch):
    from infomigra.cuentas.management.commands import respaldo

    def copia(config, archivo, conexion_sqlite=None):  # the dump itself: see test_respaldos
        archivo.write_bytes(b"copia")
        return archivo

    monkeypatch.setattr(respaldo, "respaldar", copia)
    settings.RESPALDOS_DIR = tmp_path
    settings.RESPALDOS_CONSERVAR = 3
    ahora = time.time()
    for n in range(5):
        viejo = tmp_path / f"infomigra-2025010{n}-000000.sqlite3"
        viejo.write_bytes(b"x")
        os.utime(viejo, (ahora - 86400 * (10 - n), ahora - 86400 * (10 - n)))
    ajeno = tmp_path / "notas.txt"
    ajeno.write_text("no es un respaldo")
    salida = StringIO()
    call_command("respaldo", stdout=salida)
    restantes = sorted(p.name for p in tmp_path.glob("infomigra-*"))
    assert len(restantes) == 3
    nuevo = salida.getvalue().splitlines()[0]
    assert os.path.basename(nuevo) in restantes
    assert "infomigra-20250104-000000.sqlite3" in restantes  # the newest old ones stay
    assert "infomigra-20250100-000000.sqlite3" not in restantes
    assert ajeno.exists()
