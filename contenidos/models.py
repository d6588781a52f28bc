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
