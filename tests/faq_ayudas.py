"""Helpers shared by the FAQ tests (not a test module)."""

from contenidos.models import Tema
from faq.models import Perfil, Pregunta


def crear_pregunta(
    pregunta,
    respuesta="Respuesta de prueba.",
    tema="tramites-visas",
    perfiles=("potencial",),
    publicada=True,
    idioma="es",
    **extra,
):
    obj = Pregunta.objects.create(
        pregunta=pregunta,
        respuesta=respuesta,
        tema=Tema.objects.get(codigo=tema),
        publicada=publicada,
        idioma=idioma,
        **extra,
    )
    obj.perfiles.set(Perfil.objects.filter(codigo__in=perfiles))
    return obj
