"""The personal-data access log: who saw, searched, exported or deleted which record, never the
personal data itself (written through ``consultas.privacidad.auditoria.registrar_acceso``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
