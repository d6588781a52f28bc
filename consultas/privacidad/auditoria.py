"""Audit trail: history of users, offices and content (django-simple-history) and a log of every
view, search, export and deletion of personal data (``RegistroAcceso``).

``RegistroAcceso`` stores who, when, what action and which object code, never the personal data
itself. ``registrar_acceso(request, accion, objeto)`` is what views call.
"""

import functools

from consultas.models import Accion, RegistroAcceso


def registrar_acceso(request, accion, objeto=None, detalle=""):
    """Record an access to personal data. ``objeto`` is a model instance or a code string."""
    accion = Accion(accion)
    if objeto is None:
        codigo = ""
    elif isinstance(objeto, str):
        codigo = objeto
    else:
        codigo = getattr(objeto, "codigo", None) or str(objeto.pk)
    usuario = getattr(request, "user", None)
    autenticado = usuario is not None and usuario.is_authenticated
    return RegistroAcceso.objects.create(
        usuario=usuario if autenticado else None,
        usuario_nombre=usuario.get_username() if autenticado else "",
        accion=accion,
        objeto=codigo[:40],
        detalle=str(detalle)[:200],
    )


@functools.cache
def modelos_con_historia():
    """Every model with a ``historia`` manager: (model, historical model). The app registry is
    fixed once Django has started, and reading ``historia`` builds a new manager class each time
    (~0.2 ms per model), so the list is computed once per process."""
    from django.apps import apps

    return [
        (modelo, modelo.historia.model)
        for modelo in apps.get_models()
        if hasattr(modelo, "historia") and hasattr(modelo.historia, "model")
    ]
