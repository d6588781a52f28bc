import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_health_answers_ok_after_database_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        respuesta = client.get("/salud/")
    assert respuesta.status_code == 200
    assert respuesta.json() == {"estado": "ok", "base_de_datos": "ok"}


@pytest.mark.django_db
def test_health_answers_503_when_database_down(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def caida(self, sql, params=None):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", caida)
    respuesta = client.get("/salud/")
    assert respuesta.status_code == 503
    assert respuesta.json()["estado"] == "error"
