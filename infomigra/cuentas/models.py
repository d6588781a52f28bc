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
