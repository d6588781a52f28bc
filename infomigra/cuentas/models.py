from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InformeCSP(models.Model):
    """A Content-Security-Policy violation reported by a browser (what was blocked, where)."""

    recibido = models.DateTimeField(_("recibido"), auto_now_add=True, db_index=True)
    directiva = models.CharField(_("directiva"), max_length=100, blank=True)
    bloqueado = models.CharField(_("recurso bloqueado"), max_length=500, blank=True)
    documento = models.CharField(_("página"), max_length=500, blank=True)

    class Meta:
        ordering = ["-recibido"]
        verbose_name = _("informe de CSP")
        verbose_name_plural = _("informes de CSP")

    def __str__(self):
        return f"{self.recibido:%Y-%m-%d %H:%M} {self.directiva} {self.bloqueado}"


class EnlaceAlta(models.Model):
    """A one-time link to enrol a staff member's first 2FA device: only its SHA-256 is stored,
    bound to one user, valid for a limited time; used or replaced by a newer one, it is gone."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enlace_alta"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    vence = models.DateTimeField(_("vence"))

    class Meta:
        verbose_name = _("enlace de alta de la verificación en dos pasos")
        verbose_name_plural = _("enlaces de alta de la verificación en dos pasos")

    def __str__(self):
        return f"{self.usuario} (vence {self.vence:%Y-%m-%d %H:%M})"

    def contenido_correo(self, correo):
        """The queued mail with this link, rendered when it is sent (see cuentas.alta)."""
        from infomigra.cuentas.alta import contenido_correo

        return contenido_correo(self, correo)
