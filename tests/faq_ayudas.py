"""Helpers shared by the FAQ tests (not a test module)."""

from consultas.models import Consulta
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


def consulta_respondida(sede, resumen, respuesta, nombre, email):
    """An answered e-mail consultation about social-security agreements (what an advisor
    proposes as an FAQ entry)."""
    consulta = Consulta.objects.create(
        canal="correo",
        sede=sede,
        tipo_migrante="retornado",
        resumen=resumen,
        respuesta=respuesta,
        estado="respondida",
        nombre=nombre,
        email=email,
    )
    consulta.temas.add(Tema.objects.get(codigo="convenios-seguridad-social"))
    return consulta
