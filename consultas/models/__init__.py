"""The back office's models, one module per concern; importing this package registers them all
(and the change history of the models other apps own, see ``historial``)."""

from .auditoria import Accion, RegistroAcceso
from .consulta import Consulta, ConsultaQuerySet, Contador, PerfilUsuario, Sede, formatear_codigo
from .historial import MODELOS_AUDITADOS
from .remotas import (
    Direccion,
    EnlaceSeguimiento,
    EstadoEnvio,
    Mensaje,
    MensajeQuerySet,
    TipoMensaje,
)
from .resumen import ResumenDiario

__all__ = [
    "MODELOS_AUDITADOS",
    "Accion",
    "Consulta",
    "ConsultaQuerySet",
    "Contador",
    "Direccion",
    "EnlaceSeguimiento",
    "EstadoEnvio",
    "Mensaje",
    "MensajeQuerySet",
    "PerfilUsuario",
    "RegistroAcceso",
    "ResumenDiario",
    "Sede",
    "TipoMensaje",
    "formatear_codigo",
]
