from django.db import models
from django.utils.translation import gettext_lazy as _


class ResumenDiario(models.Model):
    """Consultations per day, office and report dimension value (kept by consultas/resumen.py).

    One row per (fecha, sede, dimension, valor): ``dimension`` is ``total`` (valor empty), a
    report column (canal, sede, tipo_migrante, sexo, edad, nacionalidad, pais, medio,
    derivada_a) or ``tema`` (valor = the topic's id); missing values are ``sin-dato``. The
    reports sum these rows instead of scanning every consultation of the period.
    """

    fecha = models.DateField(_("fecha"))
    sede = models.ForeignKey(
        "consultas.Sede", on_delete=models.CASCADE, related_name="+", verbose_name=_("sede")
    )
    dimension = models.CharField(_("dimensión"), max_length=20)
    valor = models.CharField(_("valor"), max_length=200)
    cantidad = models.PositiveIntegerField(_("cantidad"))

    class Meta:
        verbose_name = _("resumen diario")
        verbose_name_plural = _("resúmenes diarios")
        constraints = [
            # Also the index the reports read by (and the upserts' conflict target).
            models.UniqueConstraint(
                fields=["fecha", "sede", "dimension", "valor"], name="resumen_diario_unico"
            )
        ]

    def __str__(self):
        return f"{self.fecha} {self.sede_id} {self.dimension}={self.valor}: {self.cantidad}"
