from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from consultas.estadisticas import dimensiones
from infomigra.vocabulario import (
    SEDE_PRINCIPAL,
    BandaEdad,
    Canal,
    Estado,
    Medio,
    Sexo,
    TipoMigrante,
    banda_de_edad,
)


class Sede(models.Model):
    """An office where consultations are attended and logged."""

    codigo = models.SlugField(_("código"), max_length=20, unique=True)
    nombre = models.CharField(_("nombre"), max_length=120)
    direccion = models.CharField(_("dirección"), max_length=200, blank=True)
    horario = models.CharField(_("horario de atención"), max_length=200, blank=True)
    telefono = models.CharField(
        _("teléfono"), max_length=40, blank=True, help_text=_("Como se marca: +51 1 630 6000")
    )
    activa = models.BooleanField(_("activa"), default=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("sede")
        verbose_name_plural = _("sedes")

    def __str__(self):
        return self.nombre

    @classmethod
    def principal(cls):
        return cls.objects.get(codigo=SEDE_PRINCIPAL)


class PerfilUsuario(models.Model):
    """Back-office data of a staff member: their office and usual channel."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="perfil"
    )
    sede = models.ForeignKey(Sede, on_delete=models.PROTECT, related_name="personal")
    canal = models.CharField(
        _("canal habitual"), max_length=20, choices=Canal.choices, default=Canal.PRESENCIAL
    )

    class Meta:
        verbose_name = _("perfil de usuario")
        verbose_name_plural = _("perfiles de usuario")

    def __str__(self):
        return f"{self.usuario} ({self.sede})"


class Contador(models.Model):
    """Per-year counter behind the human-readable consultation codes."""

    anio = models.PositiveSmallIntegerField(primary_key=True)
    ultimo = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.anio}: {self.ultimo}"

    @classmethod
    def reservar(cls, anio: int, cantidad: int = 1) -> int:
        """Reserve ``cantidad`` numbers for ``anio``; returns the first one."""
        with transaction.atomic():
            cls.objects.get_or_create(anio=anio)
            fila = cls.objects.select_for_update().get(anio=anio)
            primero = fila.ultimo + 1
            fila.ultimo += cantidad
            fila.save(update_fields=["ultimo"])
        return primero


def formatear_codigo(anio: int, numero: int) -> str:
    return f"C-{anio}-{numero:06d}"


class PorSedeQuerySet(models.QuerySet):
    """Rows that belong to an office (``sede``): the one office rule of every service."""

    def visibles_para(self, usuario):
        """What a staff member may see: a Responsable all offices, others their own."""
        from infomigra.acceso import es_responsable

        if es_responsable(usuario):
            return self
        perfil = getattr(usuario, "perfil", None)
        if perfil is None:
            return self.none()
        return self.filter(sede_id=perfil.sede_id)


class ConsultaQuerySet(PorSedeQuerySet):
    def de_sede(self, sede):
        return self.filter(sede=sede)

    def remotas(self):
        return self.filter(canal__in=[Canal.CORREO, Canal.WEB])

    def pendientes(self):
        return self.filter(estado=Estado.PENDIENTE)

    def actualizar_espera(self) -> int:
        """Recompute ``espera_desde`` of these consultations from their messages."""
        from consultas.models.remotas import Direccion, Mensaje

        ultima_entrada = (
            Mensaje.objects.filter(consulta=models.OuterRef("pk"), direccion=Direccion.ENTRADA)
            .order_by("-creado")
            .values("creado")[:1]
        )
        return self.update(
            espera_desde=Coalesce(
                models.Subquery(ultima_entrada, output_field=models.DateTimeField()),
                models.F("recibida"),
            )
        )


class EsperaDesdeField(models.DateTimeField):
    """A new row (also through ``bulk_create``) has no message yet: it waits since
    ``recibida``."""

    def pre_save(self, model_instance, add):
        valor = getattr(model_instance, self.attname)
        if valor is None:
            valor = model_instance.recibida
            setattr(model_instance, self.attname, valor)
        return valor


class Consulta(models.Model):
    codigo = models.CharField(_("código"), max_length=20, unique=True, editable=False)
    canal = models.CharField(_("canal"), max_length=20, choices=Canal.choices)
    sede = models.ForeignKey(
        Sede, on_delete=models.PROTECT, related_name="consultas", verbose_name=_("sede")
    )
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultas_registradas",
        verbose_name=_("registrada por"),
    )
    asesor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultas_atendidas",
        verbose_name=_("asesor"),
    )
    recibida = models.DateTimeField(_("recibida"), default=timezone.now)
    # Denormalised from ``recibida`` (local date) and ``edad`` for fast filters and reports.
    fecha = models.DateField(_("fecha"), editable=False)
    tipo_migrante = models.CharField(
        _("tipo de migrante"), max_length=20, choices=TipoMigrante.choices
    )
    sexo = models.CharField(_("sexo"), max_length=1, choices=Sexo.choices, blank=True)
    edad = models.PositiveSmallIntegerField(_("edad"), null=True, blank=True)
    banda_edad = models.CharField(
        _("grupo de edad"), max_length=10, choices=BandaEdad.choices, editable=False
    )
    nacionalidad = CountryField(_("nacionalidad"), blank=True)
    pais = CountryField(_("país de interés"), blank=True)
    temas = models.ManyToManyField(
        "contenidos.Tema", related_name="consultas", blank=True, verbose_name=_("temas")
    )
    medio = models.CharField(
        _("cómo conoció el servicio"), max_length=20, choices=Medio.choices, blank=True
    )
    resumen = models.TextField(_("resumen de la consulta"), blank=True)
    respuesta = models.TextField(_("respuesta u orientación"), blank=True)
    derivada_a = models.CharField(_("derivada a"), max_length=200, blank=True)
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.PENDIENTE
    )
    respondida = models.DateTimeField(_("respondida"), null=True, blank=True)
    # Contact data: personal, protected by role and anonymised on schedule.
    nombre = models.CharField(_("nombre"), max_length=150, blank=True)
    email = models.EmailField(_("correo electrónico"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    consentimiento = models.BooleanField(_("consentimiento"), default=False)
    consentimiento_el = models.DateTimeField(_("consentimiento otorgado el"), null=True, blank=True)
    aviso_version = models.CharField(
        _("versión del aviso de privacidad"), max_length=20, blank=True
    )
    # PROTECT: a partner that brought consultations is deactivated, never deleted (the report
    # summary counts by partner).
    socio = models.ForeignKey(
        "consultas.Socio",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultas",
        verbose_name=_("socio de difusión"),
        help_text=_("El socio por cuyo enlace o volante llegó la persona."),
    )
    idioma = models.CharField(
        _("idioma de los correos"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="es",
        help_text=_("El idioma del portal en que la persona escribió."),
    )
    ref = models.CharField(
        _("referencia externa"), max_length=64, null=True, blank=True, unique=True
    )
    anonimizada = models.BooleanField(_("anonimizada"), default=False)
    # When the person last wrote (their last incoming message, else ``recibida``): what the
    # inbox orders by. Derived, kept exact by ``save`` here and ``Mensaje.save``.
    espera_desde = EsperaDesdeField(_("en espera desde"), editable=False)
    motivo_descarte = models.CharField(_("motivo del descarte"), max_length=200, blank=True)
    creada = models.DateTimeField(auto_now_add=True)
    actualizada = models.DateTimeField(auto_now=True)

    objects = ConsultaQuerySet.as_manager()
    historia = HistoricalRecords(
        m2m_fields=[temas], excluded_fields=["actualizada", "espera_desde"]
    )

    class Meta:
        ordering = ["-recibida", "-id"]
        verbose_name = _("consulta")
        verbose_name_plural = _("consultas")
        permissions = [
            ("ver_todas_las_sedes", _("Puede ver consultas de todas las sedes")),
            ("ver_reportes", _("Puede ver reportes y estadísticas")),
            ("exportar_consultas", _("Puede exportar consultas")),
            ("importar_consultas", _("Puede importar consultas")),
        ]
        indexes = [
            models.Index(fields=["-recibida", "-id"], name="consulta_recibida_idx"),
            models.Index(fields=["sede", "-recibida"], name="consulta_sede_recibida_idx"),
            models.Index(fields=["estado", "canal", "recibida"], name="consulta_bandeja_idx"),
            # The inbox: pending remote consultations, oldest waiting first (a range scan).
            models.Index(
                fields=["espera_desde", "id"],
                condition=models.Q(estado=Estado.PENDIENTE, canal__in=[Canal.CORREO, Canal.WEB]),
                name="consulta_espera_idx",
            ),
            # Reports: index-only scans on PostgreSQL over every dimension's column.
            models.Index(
                fields=["fecha", "sede"],
                include=["id", *dimensiones.COLUMNAS_INDICE],
                name="consulta_reporte_idx",
            ),
            models.Index(
                fields=["respondida"],
                include=["recibida", "sede"],
                condition=models.Q(canal__in=["correo", "web"]),
                name="consulta_respondida_remota_idx",
            ),
            models.Index(fields=["registrada_por", "-id"], name="consulta_registrada_idx"),
            # Covers the dashboard's grouped counts (index-only scans by date; ``estado`` because
            # they leave out discarded consultations).
            models.Index(
                fields=["fecha", "sede", "canal", "asesor"],
                include=["estado"],
                name="consulta_panel_idx",
            ),
            # The list's bounded count (``COUNT(*) FROM (… LIMIT 501)``) with filters that are
            # unselective one by one (channel, sex, profile): an index-only scan of the matching
            # keys instead of a sequential scan of the table (PostgreSQL, 1M rows: 25–44 → 12 ms).
            models.Index(
                fields=["canal", "sexo", "tipo_migrante"],
                include=["id"],
                name="consulta_filtros_idx",
            ),
        ]

    def __str__(self):
        return self.codigo

    def save(self, *args, punto_de_guardado=True, **kwargs):
        """``punto_de_guardado=False``: the caller's own savepoint already wraps this save
        (mail reading), so this one need not open another."""
        self.completar_derivados()
        if not self.codigo:
            anio = self.fecha.year
            self.codigo = formatear_codigo(anio, Contador.reservar(anio))
        if self.ref == "":
            self.ref = None
        nueva = self._state.adding
        campos = kwargs.get("update_fields")
        # The daily report summary changes in the same transaction: receivers of pre_save and
        # post_save (consultas.estadisticas.resumen, connected in apps.ready) keep it exact.
        with transaction.atomic(savepoint=punto_de_guardado):
            super().save(*args, **kwargs)
            if not nueva and (campos is None or "recibida" in campos):
                # A full save may have written a stale value (a message arrived meanwhile).
                Consulta.objects.filter(pk=self.pk).actualizar_espera()
                self.refresh_from_db(fields=["espera_desde"])

    def completar_derivados(self):
        self.fecha = timezone.localtime(self.recibida).date()
        self.banda_edad = banda_de_edad(self.edad)

    @property
    def es_remota(self):
        return self.canal in (Canal.CORREO, Canal.WEB)
