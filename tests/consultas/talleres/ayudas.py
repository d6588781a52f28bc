"""Helpers shared by the workshop tests (not a test module)."""

import datetime as dt

from django.utils import timezone

from consultas.talleres.models import Taller


def nuevo_taller(sede, **campos):
    """A published workshop in Cusco ten days from now (two seats unless ``capacidad``)."""
    datos = {
        "titulo": "Migrar seguro: trabajo en España",
        "descripcion": "Charla informativa.",
        "publico": "jovenes",
        "inicio": timezone.now() + dt.timedelta(days=10),
        "sede": sede,
        "region": "cusco",
        "direccion": "Av. El Sol 123, Cusco",
        "capacidad": 2,
    }
    datos.update(campos)
    return Taller.objects.create(**datos)
