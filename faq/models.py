"""The FAQ bank: questions with sanitised Markdown answers, searchable in Spanish."""

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from faq.motor.texto import normalizar, palabras, raiz
from faq.texto import html_a_texto
from infomigra.texto import markdown_a_html
from infomigra.vocabulario import TipoMigrante

# PostgreSQL text-search configuration per language (es_unaccent is created by a migration).
CONFIGURACIONES = {"es": "es_unaccent", "en": "english"}
CONFIGURACION_POR_DEFECTO = "simple"
LARGO_SLUG = 110


def configuracion_de(idioma: str) -> str:
    return CONFIGURACIONES.get(idioma, CONFIGURACION_POR_DEFECTO)


def es_postgresql() -> bool:
    return connection.vendor == "postgresql"


ETIQUETAS_PERFIL = dict(TipoMigrante.choices)  # lazy labels: str() translates them per request


class Perfil(models.Model):
    """A migrant profile (the ``tipo_migrante`` codes) an FAQ entry is written for."""

    codigo = models.CharField(
        _("código"), max_length=20, primary_key=True, choices=TipoMigrante.choices
    )

    class Meta:
        ordering = ["codigo"]
        verbose_name = _("perfil")
        verbose_name_plural = _("perfiles")

    def __str__(self):
        # A plain dict lookup: get_codigo_display() rebuilds the choices mapping on every call
        # (~40 µs), and the FAQ list shows two or three profiles for each of its 20 entries.
        return str(ETIQUETAS_PERFIL.get(self.codigo, self.codigo))


class PreguntaQuerySet(models.QuerySet):
    def publicadas(self):
        return self.filter(publicada=True)

    def borradores(self):
        return self.filter(publicada=False)

    def de_idioma(self, idioma):
        return self.filter(idioma=idioma) if idioma else self

    def para_perfil(self, codigo):
        return self.filter(perfiles__codigo=codigo) if codigo else self

    def de_tema(self, codigo):
        return self.filter(tema__codigo=codigo) if codigo else self

    def actualizar_vector(self):
        """Recompute the PostgreSQL search vectors: the whole entry (question weight A, answer
        weight B) and the question alone (what ranks title matches first)."""
        if not es_postgresql():
            return
        for idioma in self.values_list("idioma", flat=True).distinct().order_by():
            config = configuracion_de(idioma)
            self.filter(idioma=idioma).update(
                vector_busqueda=SearchVector("pregunta", weight="A", config=config)
                + SearchVector("respuesta", weight="B", config=config),
                vector_pregunta=SearchVector("pregunta", weight="A", config=config),
            )


def slug_unico(texto: str, excluir_pk=None) -> str:
    base = slugify(texto)[:LARGO_SLUG].rstrip("-") or "pregunta"
    if len(slugify(texto)) > LARGO_SLUG and "-" in base:
        base = base.rsplit("-", 1)[0]  # cut at a word boundary
    candidato, n = base, 2
    existentes = Pregunta.objects.exclude(pk=excluir_pk)
    while existentes.filter(slug=candidato).exists():
        candidato, n = f"{base}-{n}", n + 1
    return candidato


class Pregunta(models.Model):
    pregunta = models.CharField(_("pregunta"), max_length=300)
    slug = models.SlugField(_("dirección (slug)"), max_length=120, unique=True, blank=True)
    respuesta = models.TextField(
        _("respuesta"), help_text=_("En Markdown: **negrita**, listas con guiones, [enlace](url).")
    )
    respuesta_html = models.TextField(editable=False, default="")
    perfiles = models.ManyToManyField(
        Perfil, related_name="preguntas", verbose_name=_("perfiles"), blank=True
    )
    tema = models.ForeignKey(
        "contenidos.Tema",
        on_delete=models.PROTECT,
        related_name="preguntas",
        verbose_name=_("tema"),
    )
    idioma = models.CharField(
        _("idioma"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    publicada = models.BooleanField(_("publicada"), default=False)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    fuente = models.CharField(_("fuente"), max_length=500, blank=True)
    revisado_el = models.DateField(_("revisado el"), default=timezone.localdate)
    votos_utiles = models.PositiveIntegerField(_("votos «útil»"), default=0, editable=False)
    votos_no_utiles = models.PositiveIntegerField(_("votos «no útil»"), default=0, editable=False)
    consulta_origen = models.CharField(
        _("consulta de origen"),
        max_length=20,
        blank=True,
        help_text=_("Código de la consulta de la que salió esta pregunta, si la hay."),
    )
    usos = models.PositiveIntegerField(_("usos por asesores"), default=0, editable=False)
    # Search: a normalised copy for SQLite, a weighted tsvector (GIN-indexed) for PostgreSQL.
    busqueda_pregunta = models.TextField(editable=False, default="")
    busqueda_respuesta = models.TextField(editable=False, default="")
    vector_busqueda = SearchVectorField(null=True, editable=False)
    # The question's words alone, GIN-indexed: a few lexemes per row, so counting the query's
    # groups found in the title costs little per match (faq.motor.preguntas).
    vector_pregunta = SearchVectorField(null=True, editable=False)
    creada = models.DateTimeField(auto_now_add=True)
    actualizada = models.DateTimeField(auto_now=True)

    objects = PreguntaQuerySet.as_manager()

    class Meta:
        ordering = ["orden", "pregunta"]
        verbose_name = _("pregunta frecuente")
        verbose_name_plural = _("preguntas frecuentes")
        indexes = [
            models.Index(fields=["publicada", "idioma", "tema"], name="faq_publicada_idioma_idx"),
            # Covers SQLite's ranking: published rows of a language, their order and key, read
            # from the index instead of each row's long text (faq.motor.preguntas).
            models.Index(fields=["publicada", "idioma", "orden"], name="faq_publicada_orden_idx"),
            models.Index(fields=["consulta_origen"], name="faq_consulta_origen_idx"),
        ]

    def __str__(self):
        return self.pregunta

    def save(self, *args, **kwargs):
        self.preparar()
        super().save(*args, **kwargs)
        Pregunta.objects.filter(pk=self.pk).actualizar_vector()
        Termino.objects.agregar(f"{self.pregunta} {self.respuesta}")

    def get_absolute_url(self):
        return reverse("faq:detalle", kwargs={"slug": self.slug})

    def preparar(self):
        """Derived fields: sanitised HTML, slug and the normalised search columns."""
        self.respuesta_html, _indice = markdown_a_html(self.respuesta, nivel=3)
        if not self.slug:
            self.slug = slug_unico(self.pregunta, excluir_pk=self.pk)
        self.busqueda_pregunta = normalizar(self.pregunta)
        self.busqueda_respuesta = normalizar(self.respuesta)

    @property
    def respuesta_texto(self) -> str:
        return html_a_texto(self.respuesta_html)

    @property
    def votos_totales(self) -> int:
        return self.votos_utiles + self.votos_no_utiles


LARGO_TERMINO = 40


class TerminoQuerySet(models.QuerySet):
    def agregar(self, texto: str) -> None:
        """Add the words of ``texto`` to the vocabulary typo correction draws from."""
        nuevas = {p for p in palabras(texto) if 3 < len(p) <= LARGO_TERMINO and not p.isdigit()}
        if nuevas:
            self.bulk_create(
                [Termino(palabra=p, raiz=raiz(p)) for p in sorted(nuevas)], ignore_conflicts=True
            )


class Termino(models.Model):
    """A word of the indexed text (unaccented, casefolded): the vocabulary for «¿Quiso decir…?».

    PostgreSQL compares it with ``pg_trgm`` (a trigram GIN index); SQLite with ``rapidfuzz``."""

    palabra = models.CharField(max_length=LARGO_TERMINO, primary_key=True)
    raiz = models.CharField(max_length=LARGO_TERMINO, db_index=True)

    objects = TerminoQuerySet.as_manager()

    class Meta:
        verbose_name = _("término del vocabulario")
        verbose_name_plural = _("vocabulario de búsqueda")

    def __str__(self):
        return self.palabra


class Sinonimo(models.Model):
    """How people say it, kept by Editors and applied at query time on every search."""

    termino = models.CharField(
        _("término"),
        max_length=80,
        help_text=_("Lo que escribe la gente, p. ej. «plata» o «licencia de conducir»."),
    )
    equivalentes = models.CharField(
        _("equivalentes"),
        max_length=300,
        help_text=_("Palabras o expresiones separadas por comas, p. ej. «dinero, remesa»."),
    )
    en_ambos_sentidos = models.BooleanField(
        _("en ambos sentidos"),
        default=True,
        help_text=_(
            "Marcado: buscar cualquiera de ellas encuentra las demás. Sin marcar: solo el "
            "término lleva a sus equivalentes (p. ej. «venezolano» → «Venezuela»)."
        ),
    )
    activo = models.BooleanField(_("activo"), default=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    class Meta:
        ordering = ["termino"]
        verbose_name = _("sinónimo")
        verbose_name_plural = _("sinónimos")

    def __str__(self):
        flecha = "↔" if self.en_ambos_sentidos else "→"
        return f"{self.termino} {flecha} {self.equivalentes}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Termino.objects.agregar(" ".join(self.expresiones()))

    def expresiones(self) -> list[str]:
        partes = [self.termino, *self.equivalentes.split(",")]
        return [" ".join(p.split()) for p in partes if p.strip()]


class BusquedaSemanal(models.Model):
    """Anonymous counts of what people searched in a week: no address, cookie or identity.

    ``texto`` is the normalised query; queries that look like personal data are never stored."""

    semana = models.DateField(_("semana (lunes)"))
    texto = models.CharField(_("búsqueda"), max_length=100)
    busquedas = models.PositiveIntegerField(_("búsquedas"), default=0)
    sin_resultados = models.PositiveIntegerField(_("sin resultados"), default=0)
    clics = models.PositiveIntegerField(_("clics en un resultado"), default=0)

    class Meta:
        ordering = ["-semana", "-busquedas", "texto"]
        verbose_name = _("búsqueda de la semana")
        verbose_name_plural = _("búsquedas por semana")
        constraints = [
            models.UniqueConstraint(fields=["semana", "texto"], name="faq_busqueda_semana_texto")
        ]

    def __str__(self):
        return f"{self.semana}: {self.texto} ({self.busquedas})"
