"""Helpers shared by the back-office tests: consultations and form data as the tests build them."""

import datetime as dt
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from consultas.models import Consulta, Mensaje
from contenidos.models import Tema
from infomigra.vocabulario import Canal, Estado

LIMA = ZoneInfo("America/Lima")


def datos_validos(sede, **extra):
    datos = {
        "tipo_migrante": "potencial",
        "sexo": "F",
        "edad": "30",
        "nacionalidad": "PE",
        "pais": "ES",
        "temas": [Tema.objects.get(codigo="empleo-exterior").pk],
        "resumen": "Pregunta por requisitos para trabajar en España.",
        "respuesta": "",
        "estado": Estado.CERRADA,
        "canal": Canal.PRESENCIAL,
        "sede": sede.pk,
        "recibida": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    datos.update(extra)
    return datos


def consulta_remota(sede, horas=1, canal="web", **campos):
    recibida = timezone.now() - timedelta(hours=horas)
    consulta = Consulta.objects.create(
        canal=canal,
        sede=sede,
        recibida=recibida,
        tipo_migrante="emigrante",
        email=campos.pop("email", "persona@example.org"),
        resumen=campos.pop("resumen", "¿Cómo cobro mi pensión desde Italia?"),
        **campos,
    )
    Mensaje.objects.create(
        consulta=consulta,
        direccion="entrada",
        tipo="consulta",
        cuerpo=consulta.resumen,
        creado=recibida,
    )
    return consulta


URL = "/gestion/consultas/"


def consulta(sede, dia, **extra):
    campos = {
        "canal": Canal.PRESENCIAL,
        "sede": sede,
        "tipo_migrante": "publico",
        "recibida": dt.datetime(2026, 3, dia, 10, 0, tzinfo=LIMA),
        "resumen": f"Consulta del día {dia}",
        "estado": Estado.CERRADA,
    }
    temas = extra.pop("temas", [])
    campos.update(extra)
    c = Consulta.objects.create(**campos)
    c.temas.set(Tema.objects.filter(codigo__in=temas))
    return c


def codigos(respuesta):
    return [c.codigo for c in respuesta.context["pagina"].object_list]


def marca_del_formulario(hace: float = 10.0) -> str:
    """The public form's signed timestamp, as if the page was opened ``hace`` seconds ago."""
    import time

    from django.core import signing

    from consultas.remotas.forms import SAL_MARCA

    return signing.dumps(time.time() - hace, salt=SAL_MARCA)


def datos_web(**cambios):
    """A valid submission of the public consultation form."""
    datos = {
        "tipo_migrante": "potencial",
        "pais": "ES",
        "tema": Tema.objects.get(codigo="empleo-exterior").pk,
        "pregunta": "¿Qué necesito para trabajar en España como enfermera?",
        "email": "rosa@example.org",
        "nombre": "Rosa Quispe",
        "telefono": "",
        "edad": "29",
        "sexo": "F",
        "consentimiento": "on",
        "sitio_web": "",
        "marca": marca_del_formulario(),
    }
    datos.update(cambios)
    return datos


def crear_en_dia(sede, dia, asesor=None, canal=Canal.PRESENCIAL):
    return Consulta.objects.create(
        canal=canal,
        sede=sede,
        tipo_migrante="publico",
        asesor=asesor,
        recibida=dt.datetime.combine(dia, dt.time(10, 0), tzinfo=LIMA),
    )
