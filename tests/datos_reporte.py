"""A small, hand-counted set of consultations for July 2026 shared by the report tests.

July 2026 has 23 weekdays and three weekday holidays (23, 28 and 29 July), so 20 business days.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from consultas.models import Consulta
from contenidos.models import Tema

LIMA = ZoneInfo("America/Lima")
DESDE, HASTA = dt.date(2026, 7, 1), dt.date(2026, 7, 31)


def _hora(dia, hora, minuto=0):
    return dt.datetime(2026, dia[0], dia[1], hora, minuto, tzinfo=LIMA)


def crear_consultas(sede_a, sede_b, asesor=None):
    def nueva(temas=(), horas=None, **campos):
        campos.setdefault("sede", sede_a)
        if horas is not None:
            campos["respondida"] = campos["recibida"] + dt.timedelta(hours=horas)
            campos["estado"] = "respondida"
        consulta = Consulta.objects.create(asesor=asesor, **campos)
        consulta.temas.set(Tema.objects.filter(codigo__in=temas))
        return consulta

    nueva(
        canal="presencial", recibida=_hora((7, 1), 10), tipo_migrante="potencial", sexo="F",
        edad=30, nacionalidad="PE", pais="ES", medio="digemin",
        temas=["empleo-exterior", "tramites-visas"],
    )  # fmt: skip
    nueva(
        canal="correo", recibida=_hora((7, 6), 9), horas=10, tipo_migrante="emigrante", sexo="M",
        edad=50, nacionalidad="PE", pais="US", medio="web", temas=["remesas"],
    )  # fmt: skip
    nueva(
        canal="web", sede=sede_b, recibida=_hora((7, 7), 10), horas=30,
        tipo_migrante="extranjero", sexo="", edad=None, nacionalidad="VE", pais="VE", medio="",
    )  # fmt: skip
    nueva(
        canal="correo", recibida=_hora((7, 8), 8), horas=60, tipo_migrante="potencial", sexo="F",
        edad=20, nacionalidad="PE", pais="ES", medio="consulado", temas=["empleo-exterior"],
    )  # fmt: skip
    nueva(
        canal="telefono", recibida=_hora((7, 10), 11), tipo_migrante="publico", sexo="M", edad=65,
        medio="otro", temas=["otros"], derivada_a="SUNAFIL",
    )  # fmt: skip
    nueva(
        canal="web", recibida=_hora((7, 9), 10), tipo_migrante="potencial", sexo="F", edad=17,
        nacionalidad="PE", pais="ES", medio="web", temas=["empleo-exterior"],
    )  # fmt: skip
    # Received in June, answered on 1 July after 26 hours: counts for response times only.
    nueva(
        canal="correo", recibida=_hora((6, 30), 12), horas=26, tipo_migrante="potencial",
        sexo="F", edad=40, nacionalidad="PE", pais="IT", medio="web",
    )  # fmt: skip
    # Outside the period.
    nueva(canal="presencial", recibida=_hora((8, 3), 9), tipo_migrante="publico", sexo="M")


# The exact report CSV for July 2026, all offices (rows ordered by count, then code).
CSV_JULIO = """dimension,valor,etiqueta,cantidad,porcentaje
total,,Total de consultas,6,100.0
canal,correo,Correo electrónico,2,33.3
canal,web,Formulario web,2,33.3
canal,presencial,Módulo de atención,1,16.7
canal,telefono,Teléfono,1,16.7
sede,LIMA,{lima},5,83.3
sede,AREQUIPA,{arequipa},1,16.7
tipo_migrante,potencial,Potencial migrante,3,50.0
tipo_migrante,emigrante,Emigrante o familiar,1,16.7
tipo_migrante,extranjero,Extranjero,1,16.7
tipo_migrante,publico,Público en general,1,16.7
sexo,F,Mujer,3,50.0
sexo,M,Hombre,2,33.3
sexo,sin-dato,Sin dato,1,16.7
edad,0-17,0–17,1,16.7
edad,18-25,18–25,1,16.7
edad,26-35,26–35,1,16.7
edad,46-59,46–59,1,16.7
edad,60+,60 y más,1,16.7
edad,sin-dato,Sin dato,1,16.7
nacionalidad,PE,Perú,4,66.7
nacionalidad,VE,Venezuela,1,16.7
nacionalidad,sin-dato,Sin dato,1,16.7
pais,ES,España,3,50.0
pais,US,Estados Unidos,1,16.7
pais,VE,Venezuela,1,16.7
pais,sin-dato,Sin dato,1,16.7
tema,empleo-exterior,Empleo en el exterior,3,50.0
tema,otros,Otros,1,16.7
tema,remesas,Remesas,1,16.7
tema,sin-dato,Sin dato,1,16.7
tema,tramites-visas,Trámites y visas,1,16.7
medio,web,Portal web,2,33.3
medio,consulado,Consulado,1,16.7
medio,digemin,Mesa en Migraciones (DIGEMIN),1,16.7
medio,otro,Otro,1,16.7
medio,sin-dato,Sin dato,1,16.7
derivada_a,sin-dato,Sin dato,5,83.3
derivada_a,SUNAFIL,SUNAFIL,1,16.7
respuesta,media_horas,Tiempo medio de respuesta (horas),31.5,
respuesta,mediana_horas,Mediana del tiempo de respuesta (horas),28.0,
respuesta,dentro_24h,Respondidas en 24 horas o menos,1,25.0
respuesta,dentro_48h,Respondidas en 48 horas o menos,3,75.0
promedio,por_mes,Promedio por mes,6.0,
promedio,por_dia_habil,Promedio por día hábil,0.3,
"""
