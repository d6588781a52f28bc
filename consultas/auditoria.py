"""Audit trail: history of users, offices and content (django-simple-history) and a log of every
view, search, export and deletion of personal data (``RegistroAcceso``).

``RegistroAcceso`` stores who, when, what action and which object code, never the personal data
itself. ``registrar_acceso(request, accion, objeto)`` is what views call.
"""

import contextlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.exceptions import MultipleRegistrationsError


class Accion(models.TextChoices):
    VER = "ver", _("Ver")
    BUSCAR = "buscar", _("Buscar")
    EXPORTAR = "exportar", _("Exportar")
    ELIMINAR = "eliminar", _("Eliminar")


class RegistroAcceso(models.Model):
    """One access to personal data by a staff member."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accesos_registrados",
        verbose_name=_("usuario"),
    )
    # Kept when the account is later deleted.
    usuario_nombre = models.CharField(_("nombre de usuario"), max_length=150)
    momento = models.DateTimeField(_("momento"), auto_now_add=True, db_index=True)
    accion = models.CharField(_("acción"), max_length=20, choices=Accion.choices)
    objeto = models.CharField(_("objeto"), max_length=40, blank=True)
    detalle = models.CharField(_("detalle"), max_length=200, blank=True)

    class Meta:
        app_label = "consultas"
        ordering = ["-momento", "-id"]
        verbose_name = _("registro de acceso a datos personales")
        verbose_name_plural = _("registros de acceso a datos personales")

    def __str__(self):
        return f"{self.momento:%Y-%m-%d %H:%M} {self.usuario_nombre} {self.accion} {self.objeto}"


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


def modelos_con_historia():
    """Every model with a ``historia`` manager: (model, historical model)."""
    from django.apps import apps

    return [
        (modelo, modelo.historia.model)
        for modelo in apps.get_models()
        if hasattr(modelo, "historia") and hasattr(modelo.historia, "model")
    ]
