"""The service's fixed codes: the interchange contract for imports, exports and reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TipoMigrante(models.TextChoices):
    POTENCIAL = "potencial", _("Potencial migrante")
    EMIGRANTE = "emigrante", _("Emigrante o familiar")
    RETORNADO = "retornado", _("Retornante")
    EXTRANJERO = "extranjero", _("Extranjero")
    ANDINO = "andino", _("Migrante andino")
    PUBLICO = "publico", _("Público en general")


def perfiles_publicos() -> list[tuple[str, str]]:
    """The profiles in the words the public portal uses (its home page), for public forms."""
    from django.utils.text import get_text_list
    from django.utils.translation import gettext
    from django_countries import countries

    pais = countries.name(settings.SERVICIO_PAIS)
    socios = get_text_list(
        [countries.name(c) for c in settings.SERVICIO_PAISES_SOCIOS], gettext("o")
    )
    return [
        (TipoMigrante.POTENCIAL, gettext("Pienso migrar")),
        (TipoMigrante.EMIGRANTE, gettext("Vivo o trabajo fuera de %(pais)s") % {"pais": pais}),
        (TipoMigrante.RETORNADO, gettext("Vuelvo a %(pais)s") % {"pais": pais}),
        (TipoMigrante.EXTRANJERO, gettext("Soy extranjero en %(pais)s") % {"pais": pais}),
        (TipoMigrante.ANDINO, gettext("Soy de %(socios)s") % {"socios": socios}),
        (TipoMigrante.PUBLICO, gettext("Pregunto por un familiar")),
    ]


class Canal(models.TextChoices):
    PRESENCIAL = "presencial", _("Módulo de atención")
    # The label names the deployment's migration authority (setting SERVICIO_MESA_MIGRACIONES).
    DIGEMIN = "digemin", settings.SERVICIO_MESA_MIGRACIONES
    CORREO = "correo", _("Correo electrónico")
    WEB = "web", _("Formulario web")
    TELEFONO = "telefono", _("Teléfono")


# Remote channels: answered in writing, counted for response times.
CANALES_REMOTOS = (Canal.CORREO, Canal.WEB)


# A missing value in reports, filters and visit counts (``edad``'s band has the same code).
SIN_DATO = "sin-dato"


class Sexo(models.TextChoices):
    MUJER = "F", _("Mujer")
    HOMBRE = "M", _("Hombre")
    SIN_DATO = "", _("Sin dato")


class BandaEdad(models.TextChoices):
    MENOR = "0-17", "0–17"
    B18_25 = "18-25", "18–25"
    B26_35 = "26-35", "26–35"
    B36_45 = "36-45", "36–45"
    B46_59 = "46-59", "46–59"
    B60 = "60+", _("60 y más")
    SIN_DATO = SIN_DATO, _("Sin dato")


# Upper bound (inclusive) of each band, in order.
_LIMITES_BANDAS = (
    (17, BandaEdad.MENOR),
    (25, BandaEdad.B18_25),
    (35, BandaEdad.B26_35),
    (45, BandaEdad.B36_45),
    (59, BandaEdad.B46_59),
)


def banda_de_edad(edad: int | None) -> str:
    """Age band code for an age in years; ``sin-dato`` when unknown."""
    if edad is None:
        return BandaEdad.SIN_DATO
    for limite, banda in _LIMITES_BANDAS:
        if edad <= limite:
            return banda
    return BandaEdad.B60


class Medio(models.TextChoices):
    DIGEMIN = "digemin", settings.SERVICIO_MESA_MIGRACIONES
    WEB = "web", _("Portal web")
    CONSULADO = "consulado", _("Consulado")
    REFERIDO = "referido", _("Familiar o amigo")
    MEDIOS = "medios", _("Prensa, radio, TV o redes")
    INSTITUCION = "institucion", _("Otra entidad")
    OTRO = "otro", _("Otro")


class Estado(models.TextChoices):
    PENDIENTE = "pendiente", _("Pendiente")
    RESPONDIDA = "respondida", _("Respondida")
    CERRADA = "cerrada", _("Cerrada")
    # Spam or not a consultation: kept (nothing is deleted) but out of every statistic.
    DESCARTADA = "descartada", _("Descartada")


# Topic catalogue seeded into contenidos.Tema (code, label, order).
TEMAS = (
    ("empleo-exterior", _("Empleo en el exterior")),
    ("tramites-visas", _("Trámites y visas")),
    ("derechos-laborales", _("Derechos laborales")),
    ("convenios-seguridad-social", _("Convenios de seguridad social")),
    ("retorno", _("Retorno al Perú")),
    ("remesas", _("Remesas")),
    ("trabajo-en-peru", _("Trabajo en el Perú para extranjeros")),
    ("estafas-trata", _("Estafas y trata de personas")),
    ("estudios-certificacion", _("Estudios y certificación")),
    ("otros", _("Otros")),
)

# Role names (Django groups).
ROL_ASESOR = "Asesor"
ROL_RESPONSABLE = "Responsable"
ROL_EDITOR = "Editor"
ROLES = (ROL_ASESOR, ROL_RESPONSABLE, ROL_EDITOR)

SEDE_PRINCIPAL = "LIMA"


class Region(models.TextChoices):
    """Peru's regions (departments, plus Callao and Lima Metropolitana), for events."""

    AMAZONAS = "amazonas", "Amazonas"
    ANCASH = "ancash", "Áncash"
    APURIMAC = "apurimac", "Apurímac"
    AREQUIPA = "arequipa", "Arequipa"
    AYACUCHO = "ayacucho", "Ayacucho"
    CAJAMARCA = "cajamarca", "Cajamarca"
    CALLAO = "callao", "Callao"
    CUSCO = "cusco", "Cusco"
    HUANCAVELICA = "huancavelica", "Huancavelica"
    HUANUCO = "huanuco", "Huánuco"
    ICA = "ica", "Ica"
    JUNIN = "junin", "Junín"
    LA_LIBERTAD = "la-libertad", "La Libertad"
    LAMBAYEQUE = "lambayeque", "Lambayeque"
    LIMA_METROPOLITANA = "lima-metropolitana", "Lima Metropolitana"
    LIMA = "lima", _("Lima (región)")
    LORETO = "loreto", "Loreto"
    MADRE_DE_DIOS = "madre-de-dios", "Madre de Dios"
    MOQUEGUA = "moquegua", "Moquegua"
    PASCO = "pasco", "Pasco"
    PIURA = "piura", "Piura"
    PUNO = "puno", "Puno"
    SAN_MARTIN = "san-martin", "San Martín"
    TACNA = "tacna", "Tacna"
    TUMBES = "tumbes", "Tumbes"
    UCAYALI = "ucayali", "Ucayali"
    NACIONAL = "nacional", _("Todo el país (en línea)")
