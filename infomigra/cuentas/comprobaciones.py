"""Deployment checks (``manage.py check --deploy``) for the privacy notice's legal facts."""

from django.conf import settings
from django.core import checks

DATOS_DEL_AVISO = (
    "PRIVACIDAD_BANCO_NOMBRE",
    "PRIVACIDAD_BANCO_REGISTRO",
    "PRIVACIDAD_DIRECCION",
    "PRIVACIDAD_ENCARGADOS",
    "PRIVACIDAD_OFICIAL_CONTACTO",
)


@checks.register(checks.Tags.security, deploy=True)
def aviso_de_privacidad_completo(app_configs=None, **kwargs):
    """Without DEBUG, every fact the privacy notice must state (Ley N° 29733) is set."""
    if settings.DEBUG:
        return []
    faltan = [nombre for nombre in DATOS_DEL_AVISO if not getattr(settings, nombre, "").strip()]
    if not faltan:
        return []
    return [
        checks.Warning(
            "El aviso de privacidad está incompleto: faltan " + ", ".join(faltan) + ".",
            hint=(
                "Defina esas variables de entorno con el banco de datos inscrito en el Registro "
                "Nacional de Protección de Datos Personales, la dirección de la entidad y los "
                "encargados del tratamiento (vea docs/despliegue.md). Mientras falten, el aviso "
                "dice «pendiente de inscripción»."
            ),
            id="infomigra.W001",
        )
    ]
