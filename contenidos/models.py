from django.db import models
from django.utils.translation import gettext_lazy as _


class TemaQuerySet(models.QuerySet):
    def activos(self):
        return self.filter(activo=True)


class Tema(models.Model):
    """Topic catalogue shared by consultations, FAQ entries and guides."""

    codigo = models.SlugField(_("código"), max_length=40, unique=True)
    nombre = models.CharField(_("nombre"), max_length=120)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    activo = models.BooleanField(_("activo"), default=True)

    objects = TemaQuerySet.as_manager()

    class Meta:
        ordering = ["orden", "nombre"]
        verbose_name = _("tema")
        verbose_name_plural = _("temas")

    def __str__(self):
        return self.nombre


class VisitaDiaria(models.Model):
    """Aggregated portal page views and visits per day, section and visitor country.

    No IP address, cookie or visitor identifier is stored: counts only (see contenidos.visitas).
    """

    fecha = models.DateField(_("fecha"))
    seccion = models.CharField(_("sección"), max_length=40)
    pais = models.CharField(_("país"), max_length=8)
    vistas = models.PositiveIntegerField(_("páginas vistas"), default=0)
    visitas = models.PositiveIntegerField(_("visitas"), default=0)

    class Meta:
        ordering = ["-fecha", "seccion", "pais"]
        verbose_name = _("visitas del día")
        verbose_name_plural = _("visitas por día")
        constraints = [
            models.UniqueConstraint(fields=["fecha", "seccion", "pais"], name="visita_diaria_unica")
        ]

    def __str__(self):
        return f"{self.fecha} {self.seccion} {self.pais}: {self.vistas}"
