"""Password checks beyond Django's: no password made of the service's own words.

``Peru123456`` or ``Migrante2026`` pass Django's length and common-password checks, yet are the
first guesses against a Peruvian migration service. A password whose letters are only such words
(with any digits or symbols around them) is refused.
"""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Words of the service, its country and the usual Spanish password stems (unaccented, lower).
PALABRAS_DEL_SERVICIO = {
    "peru", "peruano", "peruana", "lima", "migrante", "migrantes", "migracion", "migraciones",
    "migra", "infomigra", "mtpe", "trabajo", "ministerio", "empleo", "digemin", "retorno",
    "retornante", "emigrante", "extranjero", "consulta", "consultas", "asesor", "asesora",
    "responsable", "editor", "editora", "gestion", "admin", "administrador", "clave",
    "contrasena", "password", "bienvenido", "bienvenida", "hola", "qwerty", "abc", "sede",
    "peruanos", "america", "sudamerica", "inca", "incas", "cusco", "arequipa", "trujillo",
}  # fmt: skip


def _normal(texto: str) -> str:
    sin_tildes = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in sin_tildes if not unicodedata.combining(c)).casefold()


def solo_palabras_del_servicio(clave: str) -> bool:
    letras = re.sub(r"[^a-z]", "", _normal(clave))
    if not letras:
        return False
    palabras = PALABRAS_DEL_SERVICIO | {_normal(settings.SERVICIO_NOMBRE)}
    patron = "|".join(sorted(map(re.escape, palabras), key=len, reverse=True))
    return re.fullmatch(f"(?:{patron})+", letras) is not None


class PalabrasDelServicioValidator:
    """AUTH_PASSWORD_VALIDATORS entry: refuse passwords built from the blocklist above."""

    def validate(self, password, user=None):
        if solo_palabras_del_servicio(password):
            raise ValidationError(
                _(
                    "La contraseña se arma con palabras muy fáciles de adivinar (el país, el "
                    "servicio, «migrante»…) y números. Use una frase propia o letras al azar."
                ),
                code="palabras_del_servicio",
            )

    def get_help_text(self):
        return _(
            "No puede formarse solo con palabras como Perú, migrante o el nombre del servicio."
        )
