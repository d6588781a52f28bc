import re
import secrets
import time

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contenidos.campos import CodigosField
from contenidos.texto import partir_fuentes
from infomigra.texto import markdown_a_html
from infomigra.texto import plegar as normalizar
from infomigra.vocabulario import TipoMigrante


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

    @property
    def etiqueta(self) -> str:
        """The name in the active language: the seeded topics' names are in the catalogue;
        a topic staff added later keeps its name."""
        return gettext(self.nombre)


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


# --- Portal content -------------------------------------------------------------------------


def puede_previsualizar(usuario) -> bool:
    """Editors (anyone allowed to change portal content) see drafts."""
    return bool(usuario and usuario.is_authenticated and usuario.has_perm("contenidos.change_guia"))


class ContenidoQuerySet(models.QuerySet):
    def publicados(self):
        return self.filter(publicado=True)

    def visibles_para(self, usuario):
        return self if puede_previsualizar(usuario) else self.publicados()

    def buscar(self, consulta: str):
        palabras = normalizar(consulta).split()
        qs = self
        for palabra in palabras[:8]:
            qs = qs.filter(texto_busqueda__contains=palabra)
        return qs


class Contenido(models.Model):
    """Fields every editable piece of portal content shares; Markdown rendered once, on save."""

    titulo = models.CharField(_("título"), max_length=200)
    resumen = models.TextField(_("resumen"), blank=True)
    idioma = models.CharField(
        _("idioma"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    publicado = models.BooleanField(
        _("publicado"),
        default=False,
        help_text=_("Sin marcar, es un borrador que solo ven los editores."),
    )
    fuente = models.TextField(
        _("fuente"),
        blank=True,
        help_text=_("Fuentes separadas por « | »; la URL entre paréntesis."),
    )
    revisado_el = models.DateField(_("revisado el"), null=True, blank=True)
    revisar_antes_de = models.DateField(
        _("revisar antes de"),
        null=True,
        blank=True,
        help_text=_("Fecha límite para volver a comprobar el contenido con su fuente oficial."),
    )
    cuerpo = models.TextField(_("cuerpo (Markdown)"), blank=True)
    cuerpo_html = models.TextField(editable=False, blank=True)
    indice = models.JSONField(editable=False, default=list, blank=True)
    texto_busqueda = models.TextField(editable=False, blank=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = ContenidoQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.titulo

    def save(self, *args, **kwargs):
        self.cuerpo_html, self.indice = markdown_a_html(self.cuerpo)
        self.texto_busqueda = normalizar(" ".join([self.titulo, self.resumen, self.cuerpo]))
        super().save(*args, **kwargs)

    def fuentes(self):
        return partir_fuentes(self.fuente)

    @property
    def revision_vencida(self) -> bool:
        return bool(self.revisar_antes_de and self.revisar_antes_de < timezone.localdate())

    def _url(self, nombre, *args):
        # In the reader's language: a link never switches the site's language. An English page
        # links to /en/…; if the content is only in Spanish there, that page says so.
        return reverse(nombre, args=args)


class Guia(Contenido):
    perfil = models.CharField(_("perfil"), max_length=20, choices=TipoMigrante.choices)
    temas = models.ManyToManyField(Tema, verbose_name=_("temas"), blank=True)

    class Meta:
        ordering = ["perfil", "idioma"]
        verbose_name = _("guía por perfil")
        verbose_name_plural = _("guías por perfil")
        constraints = [
            models.UniqueConstraint(fields=["perfil", "idioma"], name="guia_perfil_idioma_unica")
        ]

    def get_absolute_url(self):
        return self._url("portal:perfil", self.perfil)


class PaisGuia(Contenido):
    class Tipo(models.TextChoices):
        DESTINO = "destino", _("Destino de quienes emigran")
        ANDINO = "andino", _("Comunidad Andina")
        ORIGEN = "origen", _("Origen de quienes llegan")

    iso = models.CharField(_("país (ISO 3166-1)"), max_length=2)
    nombre = models.CharField(_("nombre del país"), max_length=80)
    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices)
    convenio = models.TextField(_("convenio de seguridad social"), blank=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("guía de país")
        verbose_name_plural = _("guías de país")
        constraints = [
            models.UniqueConstraint(fields=["iso", "idioma"], name="paisguia_iso_idioma_unica")
        ]

    def get_absolute_url(self):
        return self._url("portal:pais", self.iso)


class Video(Contenido):
    class Categoria(models.TextChoices):
        RIESGOS = "riesgos", _("Riesgos: trata y estafas")
        OPORTUNIDADES = "oportunidades", _("Oportunidades en el país")
        TRAMITES = "tramites", _("Trámites")

    slug = models.SlugField(_("identificador"), max_length=80, unique=True)
    categoria = models.CharField(_("categoría"), max_length=15, choices=Categoria.choices)
    diapositivas = models.JSONField(_("diapositivas"), default=list, blank=True)
    perfiles = CodigosField(_("perfiles"), choices=TipoMigrante.choices, blank=True)
    archivo = models.CharField(
        _("archivo de video"),
        max_length=200,
        blank=True,
        help_text=_("Ruta del archivo propio en static/, p. ej. videos/trata.webm."),
    )
    subtitulos = models.CharField(_("subtítulos (WebVTT)"), max_length=200, blank=True)
    duracion = models.PositiveIntegerField(_("duración en segundos"), null=True, blank=True)

    class Meta:
        ordering = ["categoria", "titulo"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def get_absolute_url(self):
        return self._url("portal:video", self.slug)

    @property
    def poster(self):
        """The still image generar_videos writes beside the video (first slide)."""
        return self.archivo.rsplit(".", 1)[0] + ".jpg" if self.archivo else ""


class Boletin(Contenido):
    numero = models.PositiveIntegerField(_("número"), unique=True)
    fecha = models.DateField(_("fecha"))
    pdf = models.FileField(_("PDF"), upload_to="boletin/", blank=True)
    temas = models.ManyToManyField(
        Tema,
        verbose_name=_("temas"),
        blank=True,
        related_name="boletines",
        help_text=_(
            "Va a quienes eligieron alguno de estos temas y a quienes no eligieron ninguno. "
            "Vacío: para todos los suscriptores."
        ),
    )
    perfiles = CodigosField(
        _("perfiles"),
        choices=TipoMigrante.choices,
        blank=True,
        help_text=_("Solo informativo: el envío se decide por temas."),
    )

    class Meta:
        ordering = ["-numero"]
        verbose_name = _("boletín")
        verbose_name_plural = _("boletines")

    def get_absolute_url(self):
        return self._url("portal:boletin", self.numero)


class Institucion(Contenido):
    class Tipo(models.TextChoices):
        MINISTERIO = "ministerio", _("Ministerio")
        ORGANISMO_PUBLICO = "organismo_publico", _("Organismo público")
        CONSULADO = "consulado", _("Consulado o embajada")
        ONG = "ong", _("Organización de la sociedad civil")
        INTERNACIONAL = "organismo_internacional", _("Organismo internacional")

    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo.choices)
    pais = models.CharField(_("país (ISO 3166-1)"), max_length=2)
    perfiles = CodigosField(_("perfiles"), choices=TipoMigrante.choices, blank=True)
    web = models.URLField(_("web"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=60, blank=True)
    direccion = models.CharField(_("dirección"), max_length=200, blank=True)

    class Meta:
        ordering = ["pais", "titulo"]
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        constraints = [
            models.UniqueConstraint(fields=["titulo", "pais"], name="institucion_nombre_pais_unica")
        ]

    @property
    def telefono_enlace(self) -> str:
        """The number for a ``tel:`` link: digits and a leading ``+`` only."""
        numero = self.telefono.split("/")[0]
        return ("+" if numero.strip().startswith("+") else "") + re.sub(r"\D", "", numero)


class Convenio(Contenido):
    class Tipo(models.TextChoices):
        CAN = "can", _("Comunidad Andina")
        SEGURIDAD_SOCIAL = "seguridad_social", _("Seguridad social")
        RESIDENCIA = "residencia", _("Residencia")

    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    paises = CodigosField(_("países (ISO)"), blank=True)
    estado = models.TextField(_("estado"), blank=True)

    class Meta:
        ordering = ["tipo", "titulo"]
        verbose_name = _("convenio")
        verbose_name_plural = _("convenios")
        constraints = [models.UniqueConstraint(fields=["titulo"], name="convenio_nombre_unico")]


class Pagina(Contenido):
    slug = models.SlugField(_("identificador"), max_length=60)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("página")
        verbose_name_plural = _("páginas")
        constraints = [
            models.UniqueConstraint(fields=["slug", "idioma"], name="pagina_slug_idioma_unica")
        ]

    def get_absolute_url(self):
        if self.slug in ("acerca", "privacidad"):
            return self._url(f"portal:{self.slug}")
        if self.slug == "guia-basica":
            return self._url("portal:guia_basica")
        return self._url("portal:pagina", self.slug)


class AlertaQuerySet(ContenidoQuerySet):
    def vigentes(self):
        hoy = timezone.localdate()
        return self.publicados().filter(
            models.Q(vigente_hasta__isnull=True) | models.Q(vigente_hasta__gte=hoy)
        )


class Alerta(Contenido):
    class Nivel(models.TextChoices):
        PELIGRO = "peligro", _("Peligro")
        AVISO = "aviso", _("Aviso")

    nivel = models.CharField(_("nivel"), max_length=10, choices=Nivel.choices)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    vigente_hasta = models.DateField(_("vigente hasta"), null=True, blank=True)

    objects = AlertaQuerySet.as_manager()

    class Meta:
        ordering = ["orden", "titulo"]
        verbose_name = _("alerta")
        verbose_name_plural = _("alertas")
        constraints = [
            models.UniqueConstraint(fields=["titulo", "idioma"], name="alerta_titulo_idioma_unica")
        ]


# --- Boletín subscribers ---------------------------------------------------------------------


def _token():
    return secrets.token_urlsafe(32)


class SuscriptorQuerySet(models.QuerySet):
    def activos(self):
        return self.filter(confirmado_el__isnull=False, baja_el__isnull=True)


class Suscriptor(models.Model):
    """A boletín subscriber: double opt-in (confirmado_el) and one-click unsubscribe (baja_el)."""

    email = models.EmailField(_("correo electrónico"), unique=True)
    temas = models.ManyToManyField(
        Tema,
        verbose_name=_("temas de interés"),
        blank=True,
        related_name="suscriptores",
        help_text=_("Vacío: recibe todas las ediciones."),
    )
    # Kept from the profile-based subscriptions; the sending rule reads the topics.
    perfiles = CodigosField(
        _("perfiles de interés"),
        choices=TipoMigrante.choices,
        blank=True,
        help_text=_("Solo informativo: el envío se decide por temas."),
    )
    idioma = models.CharField(
        _("idioma"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    creado = models.DateTimeField(_("suscrito el"), auto_now_add=True)
    confirmado_el = models.DateTimeField(_("confirmado el"), null=True, blank=True)
    baja_el = models.DateTimeField(_("baja el"), null=True, blank=True)
    # Code of the partner whose link brought the subscriber (set by the portal's attribution).
    socio = models.CharField(_("socio de difusión"), max_length=20, blank=True)

    objects = SuscriptorQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("suscriptor")
        verbose_name_plural = _("suscriptores")

    def __str__(self):
        return self.email

    @property
    def activo(self):
        return self.confirmado_el is not None and self.baja_el is None

    def contenido_correo(self, correo):
        """The queued confirmation mail, rendered when it is sent (see contenidos.boletin)."""
        from contenidos.boletin import contenido_correo

        return contenido_correo(self, correo)

    def correo_fallido(self, correo, definitivo: bool) -> None:
        """The queue gave up on a mail to this subscriber, or it bounced. When the address
        itself failed (a bounce, a permanent refusal) the subscription ends, as a one-click
        unsubscribe would: no edition is sent to an address that does not exist. A failure
        of our own mail server changes nothing (the boletín retries those)."""
        if definitivo and correo.direccion_invalida and self.baja_el is None:
            self.baja_el = timezone.now()
            self.save(update_fields=["baja_el"])

    def quiere(self, boletin, temas_edicion=None) -> bool:
        """An edition with no topic goes to everyone; a subscriber with no topic gets every
        edition; otherwise they must share a topic.

        ``temas_edicion`` (the edition's topic ids) saves a query per subscriber when sending;
        prefetch the subscribers' ``temas`` for the same reason.
        """
        if temas_edicion is None:
            temas_edicion = {t.pk for t in boletin.temas.all()}
        if not temas_edicion:
            return True
        mios = {t.pk for t in self.temas.all()}
        return not mios or bool(mios & set(temas_edicion))


class Envio(models.Model):
    """One delivery of an edition to a subscriber: claimed (unique) before the mail is sent."""

    class Estado(models.TextChoices):
        RECLAMADO = "reclamado", _("En envío")
        ENVIADO = "enviado", _("Enviado")
        FALLIDO = "fallido", _("Fallido")

    boletin = models.ForeignKey(Boletin, on_delete=models.CASCADE, related_name="envios")
    suscriptor = models.ForeignKey(Suscriptor, on_delete=models.CASCADE, related_name="envios")
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices)
    reclamado_el = models.DateTimeField(_("reclamado el"), default=timezone.now)
    enviado_el = models.DateTimeField(_("enviado el"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("envío")
        verbose_name_plural = _("envíos")
        constraints = [
            models.UniqueConstraint(fields=["boletin", "suscriptor"], name="envio_unico")
        ]

    def __str__(self):
        return f"{self.boletin.numero} → {self.suscriptor.email}"


class VersionPortal(models.Model):
    """One row whose number changes whenever portal content is saved: the cache key's generation."""

    numero = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return str(self.numero)

    @classmethod
    def actual(cls) -> int:
        return cls.objects.filter(pk=1).values_list("numero", flat=True).first() or 0

    @classmethod
    def avanzar(cls):
        # A clock value (not +1) so a database reset never reuses a number a shared cache holds.
        nuevo = time.time_ns() // 1000
        actualizadas = cls.objects.filter(pk=1).update(
            numero=models.Case(
                models.When(numero__gte=nuevo, then=models.F("numero") + 1),
                default=models.Value(nuevo),
            )
        )
        if not actualizadas:
            cls.objects.get_or_create(pk=1, defaults={"numero": nuevo})
