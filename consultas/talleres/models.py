"""Workshops and talks (``Taller``) and their registrations (``Inscripcion``).

Imported at the end of ``consultas.models`` so Django registers them with the app.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from consultas.models.consulta import PorSedeQuerySet
from consultas.models.enlace_privado import EnlacePrivado
from infomigra.vocabulario import BandaEdad, Region, Sexo, TipoMigrante, banda_de_edad


class Publico(models.TextChoices):
    JOVENES = "jovenes", _("Jóvenes y potenciales migrantes")
    FAMILIAS = "familias", _("Familias de migrantes")
    FUNCIONARIOS = "funcionarios", _("Funcionarios regionales")
    CONSULADOS = "consulados", _("Consulados")
    EMPLEADORES = "empleadores", _("Empleadores")
    RETORNADOS = "retornados", _("Peruanos retornados")
    GENERAL = "general", _("Público en general")


class Idioma(models.TextChoices):
    ES = "es", pgettext_lazy("idioma de un taller", "Español")
    QU = "qu", _("Quechua")
    AY = "ay", _("Aimara")
    EN = "en", _("Inglés")


class TallerQuerySet(PorSedeQuerySet):
    def publicados(self):
        return self.filter(publicado=True)

    def proximos(self, ahora=None):
        return self.publicados().filter(inicio__gte=ahora or timezone.now()).order_by("inicio")


class Taller(models.Model):
    titulo = models.CharField(_("título"), max_length=200)
    descripcion = models.TextField(_("descripción"))
    publico = models.CharField(_("público"), max_length=20, choices=Publico.choices)
    inicio = models.DateTimeField(_("fecha y hora de inicio"))
    duracion = models.PositiveSmallIntegerField(
        _("duración (minutos)"), default=90, help_text=_("Entre 15 y 600 minutos.")
    )
    sede = models.ForeignKey(
        "consultas.Sede",
        on_delete=models.PROTECT,
        related_name="talleres",
        verbose_name=_("sede organizadora"),
    )
    region = models.CharField(_("región"), max_length=20, choices=Region.choices)
    en_la_sede = models.BooleanField(
        _("en la sede organizadora"),
        default=False,
        help_text=_("Marque si el taller se realiza en la dirección de la sede."),
    )
    direccion = models.CharField(_("dirección"), max_length=200, blank=True)
    enlace_en_linea = models.URLField(_("enlace de la sesión en línea"), blank=True)
    capacidad = models.PositiveIntegerField(_("cupos"))
    idioma = models.CharField(_("idioma"), max_length=2, choices=Idioma.choices, default="es")
    publicado = models.BooleanField(_("publicado en el portal"), default=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    creado = models.DateTimeField(auto_now_add=True)

    objects = TallerQuerySet.as_manager()
    historia = HistoricalRecords()

    class Meta:
        ordering = ["inicio", "id"]
        verbose_name = _("taller")
        verbose_name_plural = _("talleres")
        indexes = [models.Index(fields=["publicado", "inicio"], name="taller_publicado_idx")]

    def __str__(self):
        return self.titulo

    def clean(self):
        errores = {}
        if not (self.en_la_sede or self.direccion or self.enlace_en_linea):
            errores["__all__"] = _(
                "Indique dónde se realiza: en la sede, una dirección o un enlace para la "
                "sesión en línea."
            )
        if self.duracion is not None and not 15 <= self.duracion <= 600:
            errores["duracion"] = _("La duración debe estar entre 15 y 600 minutos.")
        if self.capacidad is not None and self.capacidad < 1:
            errores["capacidad"] = _("Debe haber al menos un cupo.")
        if errores:
            raise ValidationError(errores)

    @property
    def fin(self):
        return self.inicio + timedelta(minutes=self.duracion)

    @property
    def lugar(self) -> str:
        if self.en_la_sede:
            return ", ".join(p for p in (self.sede.nombre, self.sede.direccion) if p)
        return self.direccion

    @property
    def pasado(self) -> bool:
        return self.inicio < timezone.now()

    @property
    def idioma_contenido(self) -> str:
        """The language staff wrote the title and description in: English for an English
        workshop, else Spanish (workshops in Quechua or Aymara are announced in Spanish)."""
        return "en" if self.idioma == Idioma.EN else "es"


class EstadoInscripcion(models.TextChoices):
    PENDIENTE = "pendiente", _("Por confirmar")
    CONFIRMADA = "confirmada", _("Confirmada")
    ESPERA = "espera", _("En lista de espera")
    CANCELADA = "cancelada", _("Cancelada")


class Inscripcion(EnlacePrivado):
    """One person's registration: double opt-in, private link to confirm or cancel."""

    PROPOSITO = "consultas.talleres.inscripcion"

    taller = models.ForeignKey(
        Taller, on_delete=models.CASCADE, related_name="inscripciones", verbose_name=_("taller")
    )
    # Personal data, anonymised on schedule; profile, sex and age band stay for statistics.
    nombre = models.CharField(_("nombre"), max_length=150, blank=True)
    email = models.EmailField(_("correo electrónico"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    tipo_migrante = models.CharField(
        _("perfil"), max_length=20, choices=TipoMigrante.choices, blank=True
    )
    sexo = models.CharField(_("sexo"), max_length=1, choices=Sexo.choices, blank=True)
    edad = models.PositiveSmallIntegerField(_("edad"), null=True, blank=True)
    banda_edad = models.CharField(
        _("grupo de edad"), max_length=10, choices=BandaEdad.choices, editable=False
    )
    estado = models.CharField(
        _("estado"),
        max_length=12,
        choices=EstadoInscripcion.choices,
        default=EstadoInscripcion.PENDIENTE,
    )
    creada = models.DateTimeField(_("inscrita el"), default=timezone.now)
    confirmada_el = models.DateTimeField(_("confirmada el"), null=True, blank=True)
    espera_desde = models.DateTimeField(_("en espera desde"), null=True, blank=True)
    cancelada_el = models.DateTimeField(_("cancelada el"), null=True, blank=True)
    asistio = models.BooleanField(_("asistió"), default=False)
    recordatorio_el = models.DateTimeField(_("recordatorio en cola el"), null=True, blank=True)
    consentimiento_el = models.DateTimeField(_("consentimiento otorgado el"), null=True)
    anonimizada = models.BooleanField(_("anonimizada"), default=False)
    idioma_correo = models.CharField(
        _("idioma de los correos"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="es",
        help_text=_("El idioma del portal en que la persona se inscribió."),
    )

    historia = HistoricalRecords(excluded_fields=["sal", "token_hash"])

    class Meta:
        ordering = ["creada", "id"]
        verbose_name = _("inscripción")
        verbose_name_plural = _("inscripciones")
        indexes = [
            models.Index(fields=["taller", "estado"], name="inscripcion_estado_idx"),
            models.Index(fields=["email"], name="inscripcion_email_idx"),
        ]

    def __str__(self):
        return f"{self.taller_id}: {self.nombre or self.pk}"

    def save(self, *args, **kwargs):
        self.banda_edad = banda_de_edad(self.edad)
        super().save(*args, **kwargs)

    def contenido_correo(self, mensaje):
        from consultas.talleres.servicios import contenido_correo

        return contenido_correo(self, mensaje)
