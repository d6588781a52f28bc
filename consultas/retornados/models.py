"""Returnee follow-up: the person enrolled (``Retornado``), their referrals (``Derivacion``) and
the check-ins at 1, 3, 6 and 12 months (``Control``).

Imported at the end of ``consultas.models`` so Django registers them with the app.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from consultas.models.consulta import PorSedeQuerySet
from consultas.models.enlace_privado import EnlacePrivado
from contenidos.campos import CodigosField
from infomigra.vocabulario import BandaEdad, Sexo, banda_de_edad

MESES_CONTROL = (1, 3, 6, 12)


class Necesidad(models.TextChoices):
    EMPLEO = "empleo", _("Empleo")
    EMPRENDIMIENTO = "emprendimiento", _("Autoempleo o negocio")
    CERTIFICACION = "certificacion", _("Certificación de competencias")
    CAPACITACION = "capacitacion", _("Capacitación")
    FINANZAS = "finanzas", _("Educación financiera: remesas y ahorro")
    SALUD = "salud", _("Seguro de salud")
    ESCOLARIDAD = "escolaridad", _("Escolaridad de hijos e hijas")
    PSICOSOCIAL = "psicosocial", _("Apoyo psicosocial")


class Resultado(models.TextChoices):
    EMPLEO_FORMAL = "empleo-formal", _("Con empleo formal")
    EMPLEO_INFORMAL = "empleo-informal", _("Con empleo informal")
    INDEPENDIENTE = "independiente", _("Trabaja por cuenta propia")
    CAPACITACION = "capacitacion", _("En capacitación")
    BUSCANDO = "buscando", _("Buscando empleo")
    REEMIGRO = "reemigro", _("Volvió a emigrar")
    SIN_CONTACTO = "sin-contacto", _("No se pudo contactar")


class RetornadoQuerySet(PorSedeQuerySet):
    pass


class Retornado(EnlacePrivado):
    """A returnee accompanied in their labour reinsertion; the private link opens the
    check-in form."""

    PROPOSITO = "consultas.retornados.control"

    sede = models.ForeignKey(
        "consultas.Sede",
        on_delete=models.PROTECT,
        related_name="retornados",
        verbose_name=_("sede"),
    )
    asesor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retornados",
        verbose_name=_("asesor"),
    )
    consulta = models.ForeignKey(
        "consultas.Consulta",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retornados",
        verbose_name=_("consulta de origen"),
    )
    inscrito_el = models.DateField(_("fecha de inscripción"), default=timezone.localdate)
    # Personal data, anonymised on schedule; sex, age band, office and dates stay.
    nombre = models.CharField(_("nombre"), max_length=150, blank=True)
    email = models.EmailField(_("correo electrónico"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    notas = models.TextField(_("notas del plan"), blank=True)
    sexo = models.CharField(_("sexo"), max_length=1, choices=Sexo.choices, blank=True)
    edad = models.PositiveSmallIntegerField(_("edad"), null=True, blank=True)
    banda_edad = models.CharField(
        _("grupo de edad"), max_length=10, choices=BandaEdad.choices, editable=False
    )
    pais_retorno = CountryField(_("país del que retornó"), blank=True)
    necesidades = CodigosField(_("necesidades del plan"), choices=Necesidad.choices, blank=True)
    anonimizado = models.BooleanField(_("anonimizado"), default=False)
    idioma = models.CharField(
        _("idioma de los correos"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="es",
        help_text=_("El correo del control y su formulario llegan en este idioma."),
    )
    creado = models.DateTimeField(auto_now_add=True)

    objects = RetornadoQuerySet.as_manager()
    historia = HistoricalRecords(excluded_fields=["sal", "token_hash"])

    class Meta:
        ordering = ["-inscrito_el", "-id"]
        verbose_name = _("retornado en seguimiento")
        verbose_name_plural = _("retornados en seguimiento")
        indexes = [models.Index(fields=["email"], name="retornado_email_idx")]

    def __str__(self):
        return self.nombre or f"#{self.pk}"

    def save(self, *args, **kwargs):
        self.banda_edad = banda_de_edad(self.edad)
        nuevo = self._state.adding
        super().save(*args, **kwargs)
        if nuevo:
            Control.objects.bulk_create(
                [
                    Control(retornado=self, meses=m, vence=sumar_meses(self.inscrito_el, m))
                    for m in MESES_CONTROL
                ]
            )

    @property
    def necesidades_etiquetas(self) -> list[str]:
        etiquetas = dict(Necesidad.choices)
        return [str(etiquetas.get(c, c)) for c in self.necesidades]

    def contenido_correo(self, mensaje):
        from consultas.retornados.servicios import contenido_correo

        return contenido_correo(self, mensaje)


def sumar_meses(fecha: dt.date, meses: int) -> dt.date:
    total = fecha.year * 12 + fecha.month - 1 + meses
    anio, mes = divmod(total, 12)
    siguiente = dt.date(anio + (mes == 11), (mes + 1) % 12 + 1, 1)
    ultimo = (siguiente - dt.timedelta(days=1)).day
    return dt.date(anio, mes + 1, min(fecha.day, ultimo))


class EstadoDerivacion(models.TextChoices):
    PENDIENTE = "pendiente", _("Por gestionar")
    DERIVADA = "derivada", _("Derivada")
    ATENDIDA = "atendida", _("Atendida")
    NO_ATENDIDA = "no-atendida", _("No atendida")


class Derivacion(models.Model):
    """A referral of the plan to a directory institution (or another service), with its state."""

    retornado = models.ForeignKey(Retornado, on_delete=models.CASCADE, related_name="derivaciones")
    necesidad = models.CharField(_("necesidad"), max_length=20, choices=Necesidad.choices)
    institucion = models.ForeignKey(
        "contenidos.Institucion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derivaciones",
        verbose_name=_("institución del directorio"),
    )
    otra_institucion = models.CharField(
        _("otra institución o programa"), max_length=200, blank=True
    )
    estado = models.CharField(
        _("estado"),
        max_length=12,
        choices=EstadoDerivacion.choices,
        default=EstadoDerivacion.PENDIENTE,
    )
    fecha = models.DateField(_("fecha"), default=timezone.localdate)
    actualizada = models.DateTimeField(auto_now=True)

    historia = HistoricalRecords()

    class Meta:
        ordering = ["fecha", "id"]
        verbose_name = _("derivación")
        verbose_name_plural = _("derivaciones")

    def __str__(self):
        return f"{self.get_necesidad_display()} → {self.destino}"

    @property
    def destino(self) -> str:
        return self.institucion.titulo if self.institucion_id else self.otra_institucion


class Control(models.Model):
    """A check-in at ``meses`` months after enrolment and its outcome."""

    retornado = models.ForeignKey(Retornado, on_delete=models.CASCADE, related_name="controles")
    meses = models.PositiveSmallIntegerField(_("meses desde la inscripción"))
    vence = models.DateField(_("fecha prevista"))
    resultado = models.CharField(
        _("resultado"), max_length=20, choices=Resultado.choices, blank=True
    )
    comentario = models.TextField(_("comentario"), blank=True)
    realizado_el = models.DateTimeField(_("realizado el"), null=True, blank=True)
    por_la_persona = models.BooleanField(_("respondido por la persona"), default=False)
    correo_el = models.DateTimeField(_("enlace enviado el"), null=True, blank=True)

    historia = HistoricalRecords()

    class Meta:
        ordering = ["retornado", "meses"]
        verbose_name = _("control de seguimiento")
        verbose_name_plural = _("controles de seguimiento")
        constraints = [
            models.UniqueConstraint(fields=["retornado", "meses"], name="control_retornado_meses")
        ]
        indexes = [models.Index(fields=["vence", "realizado_el"], name="control_vence_idx")]

    def __str__(self):
        return f"{self.retornado_id} +{self.meses}m"

    @property
    def pendiente(self) -> bool:
        return self.realizado_el is None

    @property
    def vencido(self) -> bool:
        return self.realizado_el is None and self.vence <= timezone.localdate()
