"""Change history (django-simple-history) of users, offices, portal content and FAQ entries.

Their historical tables live in this app; ``Consulta`` declares its own ``historia``. Adding a
model: an entry in ``MODELOS_AUDITADOS`` and ``makemigrations consultas``.
"""

import contextlib

from django.contrib.auth.models import User
from simple_history import register
from simple_history.exceptions import MultipleRegistrationsError

from contenidos import models as contenidos_models
from faq.models import Pregunta

from .consulta import PerfilUsuario, Sede

# Models whose changes are recorded, besides Consulta (which declares ``historia`` itself):
# (app_label.ModelName, options for HistoricalRecords). Historical tables live in this app.
MODELOS_AUDITADOS = {
    "auth.User": {"excluded_fields": ["password", "last_login"], "m2m_fields": ["groups"]},
    "consultas.Sede": {},
    "consultas.PerfilUsuario": {},
    "contenidos.Tema": {},
    # Portal content and FAQ entries: what editors write (derived columns are left out).
    **{
        f"contenidos.{nombre}": {
            "excluded_fields": ["cuerpo_html", "indice", "texto_busqueda", "actualizado"]
        }
        for nombre in (
            "Guia",
            "PaisGuia",
            "Video",
            "Boletin",
            "Institucion",
            "Convenio",
            "Pagina",
            "Alerta",
        )
    },
    "faq.Pregunta": {
        "excluded_fields": [
            "respuesta_html",
            "busqueda_pregunta",
            "busqueda_respuesta",
            "vector_busqueda",
            "vector_pregunta",
            "votos_utiles",
            "votos_no_utiles",
            "usos",
            "actualizada",
        ],
        "m2m_fields": ["perfiles"],
    },
}


def auditar(modelo, **opciones):
    """Record creation, change and deletion of ``modelo`` (history manager: ``historia``).

    Call at import time of ``consultas.models`` (add an entry to MODELOS_AUDITADOS) and run
    ``makemigrations consultas`` to create its historical table.
    """
    with contextlib.suppress(MultipleRegistrationsError):
        register(modelo, app="consultas", manager_name="historia", **opciones)


def auditar_modelos(modelos):
    """Register every model of ``modelos`` (a mapping label → class) listed above."""
    for etiqueta, opciones in MODELOS_AUDITADOS.items():
        auditar(modelos[etiqueta], **opciones)


auditar_modelos(
    {
        modelo._meta.label: modelo
        for modelo in (
            User,
            Sede,
            PerfilUsuario,
            Pregunta,
            contenidos_models.Tema,
            contenidos_models.Guia,
            contenidos_models.PaisGuia,
            contenidos_models.Video,
            contenidos_models.Boletin,
            contenidos_models.Institucion,
            contenidos_models.Convenio,
            contenidos_models.Pagina,
            contenidos_models.Alerta,
        )
    }
)
