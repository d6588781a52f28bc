"""The back office's models, one module per concern; importing this package registers them all
(and the change history of the models other apps own, see ``historial``)."""

# The other services: returnee follow-up, partners, workshops (one sub-package each).
from consultas.retornados.models import Control, Derivacion, Retornado  # noqa: E402, I001
from consultas.socios.models import Socio, VisitaSocio  # noqa: E402
from consultas.talleres.models import Inscripcion, Taller  # noqa: E402

from .auditoria import Accion, RegistroAcceso
from .consulta import Consulta, ConsultaQuerySet, Contador, PerfilUsuario, Sede, formatear_codigo
from .historial import MODELOS_AUDITADOS
from .remotas import (
    CorreoLeido,
    Direccion,
    EnlaceSeguimiento,
    EstadoEnvio,
    Mensaje,
    MensajeQuerySet,
    ResultadoLectura,
    TipoMensaje,
)
from .resumen import ResumenDiario

__all__ = [
    "MODELOS_AUDITADOS",
    "Accion",
    "Consulta",
    "Control",
    "Derivacion",
    "Inscripcion",
    "Retornado",
    "Socio",
    "Taller",
    "VisitaSocio",
    "ConsultaQuerySet",
    "Contador",
    "CorreoLeido",
    "Direccion",
    "EnlaceSeguimiento",
    "EstadoEnvio",
    "Mensaje",
    "MensajeQuerySet",
    "PerfilUsuario",
    "RegistroAcceso",
    "ResultadoLectura",
    "ResumenDiario",
    "Sede",
    "TipoMensaje",
    "formatear_codigo",
]
