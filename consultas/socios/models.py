"""Partners that show the service's badge and hand out its leaflets, and their visit counts.

Imported at the end of ``consultas.models`` so Django registers them with the app.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from consultas.models.consulta import PorSedeQuerySet

CODIGO_RE = r"^[A-Z0-9][A-Z0-9-]{1,19}$"
# Cache of active codes read on every portal request that carries one (socios/atribucion.py).
CLAVE_CACHE_CODIGOS = "socios:codigos-activos"


class TipoSocio(models.TextChoices):
    CONSULADO = "consulado", _("Consulado")
    MINISTERIO = "ministerio", _("Ministerio u organismo público")
    GOBIERNO_REGIONAL = "gobierno-regional", _("Gobierno regional")
    GOBIERNO_LOCAL = "gobierno-local", _("Gobierno local")
    ONG = "ong", _("ONG o asociación")
    UNIVERSIDAD = "universidad", _("Universidad o instituto")
    OTRO = "otro", _("Otro")


class SocioQuerySet(PorSedeQuerySet):
    pass


class Socio(models.Model):
    codigo = models.CharField(
        _("código"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                CODIGO_RE,
                _("Use de 2 a 20 letras mayúsculas, números o guiones, por ejemplo CONS-MADRID."),
            )
        ],
        help_text=_("Viaja en los enlaces (?socio=CÓDIGO); no lo cambie una vez difundido."),
    )
    nombre = models.CharField(_("nombre"), max_length=200)
    tipo = models.CharField(_("tipo"), max_length=20, choices=TipoSocio.choices)
    pais = CountryField(_("país"), blank=True)
    sede = models.ForeignKey(
        "consultas.Sede",
        on_delete=models.PROTECT,
        related_name="socios",
        verbose_name=_("sede que lo atiende"),
    )
    sitio_web = models.URLField(_("sitio web"), blank=True)
    # The contact person is personal data: found, exported and deleted by email on request.
    contacto_nombre = models.CharField(_("persona de contacto"), max_length=150, blank=True)
    contacto_email = models.EmailField(_("correo de contacto"), blank=True)
    activo = models.BooleanField(_("activo"), default=True)
    creado = models.DateTimeField(auto_now_add=True)

    objects = SocioQuerySet.as_manager()
    historia = HistoricalRecords()

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("socio de difusión")
        verbose_name_plural = _("socios de difusión")

    def __str__(self):
        return f"{self.nombre} ({self.codigo})"

    def save(self, *args, **kwargs):
        from django.core.cache import cache

        super().save(*args, **kwargs)
        cache.delete(CLAVE_CACHE_CODIGOS)


class VisitaSocio(models.Model):
    """Portal visits that arrived through a partner's link, per day (no person is recorded)."""

    socio = models.ForeignKey(Socio, on_delete=models.CASCADE, related_name="visitas")
    fecha = models.DateField()
    visitas = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["socio", "fecha"], name="visita_socio_fecha_uniq")
        ]

    def __str__(self):
        return f"{self.socio_id} {self.fecha}: {self.visitas}"

    @classmethod
    def sumar(cls, socio_id: int, fecha) -> None:
        fila, _creada = cls.objects.get_or_create(socio_id=socio_id, fecha=fecha)
        cls.objects.filter(pk=fila.pk).update(visitas=F("visitas") + 1)
