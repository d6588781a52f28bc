"""Realistic demo and bench consultations, following the original service's published shares.

Shares (Aug 2010 – Jan 2012): 34 % potential migrants, 40 % general public, 12 % foreigners,
4 % returnees, the rest emigrants and Andean migrants; 53 % men; 60 % aged 26–45; 60 % of
in-person visitors came from the DIGEMIN desk.
"""

import datetime as dt
import random
from collections import Counter
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from consultas.estadisticas import resumen as resumen_diario
from consultas.models import Consulta, Contador, Sede, formatear_codigo
from contenidos.models import Tema
from infomigra.calendario import dias_habiles
from infomigra.vocabulario import Canal, Estado, Medio, TipoMigrante

LIMA = ZoneInfo("America/Lima")

TIPOS = [
    (TipoMigrante.POTENCIAL, 34),
    (TipoMigrante.PUBLICO, 40),
    (TipoMigrante.EXTRANJERO, 12),
    (TipoMigrante.RETORNADO, 4),
    (TipoMigrante.EMIGRANTE, 6),
    (TipoMigrante.ANDINO, 4),
]
SEXOS = [("M", 52), ("F", 46), ("", 2)]
# (min, max) ages with weights: 60 % between 26 and 45.
EDADES = [
    ((16, 17), 2),
    ((18, 25), 18),
    ((26, 35), 32),
    ((36, 45), 28),
    ((46, 59), 13),
    ((60, 80), 4),
]
SIN_EDAD = 0.03
CANALES = [
    (Canal.PRESENCIAL, 34),
    (Canal.DIGEMIN, 30),
    (Canal.CORREO, 20),
    (Canal.WEB, 12),
    (Canal.TELEFONO, 4),
]
# How in-person visitors heard of the service (60 % from the DIGEMIN desk) and remote ones.
MEDIOS_PRESENCIAL = [
    (Medio.DIGEMIN, 60),
    (Medio.REFERIDO, 14),
    (Medio.MEDIOS, 8),
    (Medio.INSTITUCION, 8),
    (Medio.WEB, 6),
    (Medio.OTRO, 4),
]
MEDIOS_REMOTO = [
    (Medio.WEB, 45),
    (Medio.CONSULADO, 30),
    (Medio.REFERIDO, 10),
    (Medio.MEDIOS, 8),
    (Medio.INSTITUCION, 5),
    (Medio.OTRO, 2),
]
# Destinations of Peruvian emigrants (2010 shares).
DESTINOS = [
    ("US", 315),
    ("ES", 160),
    ("AR", 143),
    ("IT", 101),
    ("CL", 88),
    ("JP", 41),
    ("VE", 38),
    ("BR", 20),
    ("MX", 20),
    ("CA", 20),
    ("DE", 15),
    ("KR", 10),
    ("AU", 10),
    ("FR", 19),
]
EXTRANJEROS = [
    ("VE", 55),
    ("CN", 6),
    ("ES", 6),
    ("US", 6),
    ("AR", 5),
    ("BR", 5),
    ("MX", 5),
    ("CU", 6),
    ("HT", 3),
    ("IT", 3),
]
ANDINOS = [("CO", 45), ("BO", 30), ("EC", 25)]
TEMAS_POR_TIPO = {
    TipoMigrante.POTENCIAL: [
        "empleo-exterior",
        "tramites-visas",
        "estafas-trata",
        "estudios-certificacion",
        "derechos-laborales",
    ],
    TipoMigrante.EMIGRANTE: [
        "derechos-laborales",
        "convenios-seguridad-social",
        "remesas",
        "tramites-visas",
        "retorno",
    ],
    TipoMigrante.RETORNADO: [
        "retorno",
        "convenios-seguridad-social",
        "empleo-exterior",
        "estudios-certificacion",
    ],
    TipoMigrante.EXTRANJERO: ["trabajo-en-peru", "tramites-visas", "derechos-laborales"],
    TipoMigrante.ANDINO: ["trabajo-en-peru", "convenios-seguridad-social", "derechos-laborales"],
    TipoMigrante.PUBLICO: [
        "empleo-exterior",
        "tramites-visas",
        "estafas-trata",
        "retorno",
        "remesas",
        "otros",
    ],
}
RESUMENES = {
    "empleo-exterior": "Consulta requisitos para trabajar en {pais} y cómo verificar una oferta.",
    "tramites-visas": "Pregunta por la visa de trabajo y los documentos para {pais}.",
    "derechos-laborales": "Consulta sobre sus derechos laborales y contrato en {pais}.",
    "convenios-seguridad-social": "Pregunta si sus aportes en {pais} se suman para su pensión.",
    "retorno": "Consulta por la Tarjeta del Migrante Retornado y los beneficios al volver.",
    "remesas": "Pregunta por formas seguras de enviar dinero desde {pais}.",
    "trabajo-en-peru": "Consulta cómo trabajar formalmente en el Perú y el registro del contrato.",
    "estafas-trata": "Recibió una oferta sospechosa de trabajo en {pais}; se orienta y se "
    "informa la línea 1818.",
    "estudios-certificacion": "Pregunta por la convalidación de estudios para {pais}.",
    "otros": "Consulta general sobre el servicio de orientación.",
}


def _elegir(rng, opciones):
    valores, pesos = zip(*opciones, strict=True)
    return rng.choices(valores, weights=pesos)[0]


def generar(
    cantidad: int,
    desde: dt.date,
    hasta: dt.date,
    semilla: int = 2026,
    lote: int = 5000,
    ahora: dt.datetime | None = None,
) -> int:
    """Create ``cantidad`` consultations over the working days between two dates."""
    rng = random.Random(semilla)
    ahora = ahora or dt.datetime.now(LIMA)
    dias = dias_habiles(desde, hasta) or [desde]
    sedes = list(Sede.objects.filter(activa=True).order_by("id"))
    pesos_sedes = [6 if s.codigo == "LIMA" else 1 for s in sedes]
    asesores_por_sede = {s.id: [] for s in sedes}
    for usuario in get_user_model().objects.filter(perfil__isnull=False).select_related("perfil"):
        asesores_por_sede.setdefault(usuario.perfil.sede_id, []).append(usuario.id)
    temas = {t.codigo: t.id for t in Tema.objects.all()}
    Through = Consulta.temas.through
    creadas = 0
    while creadas < cantidad:
        n = min(lote, cantidad - creadas)
        filas, temas_filas = [], []
        for _ in range(n):
            consulta, codigos = _una(rng, dias, sedes, pesos_sedes, asesores_por_sede, ahora)
            filas.append(consulta)
            temas_filas.append(codigos)
        with transaction.atomic():
            por_anio = Counter(c.fecha.year for c in filas)
            siguiente = {anio: Contador.reservar(anio, k) for anio, k in por_anio.items()}
            for c in filas:
                c.codigo = formatear_codigo(c.fecha.year, siguiente[c.fecha.year])
                siguiente[c.fecha.year] += 1
            Consulta.objects.bulk_create(filas, batch_size=lote)
            Through.objects.bulk_create(
                [
                    Through(consulta_id=c.id, tema_id=temas[codigo])
                    for c, codigos in zip(filas, temas_filas, strict=True)
                    for codigo in codigos
                    if codigo in temas
                ],
                batch_size=lote * 2,
            )
            resumen_diario.sumar_nuevas(c.id for c in filas)
        creadas += n
    return creadas


def _una(rng, dias, sedes, pesos_sedes, asesores_por_sede, ahora):
    tipo = _elegir(rng, TIPOS)
    canal = _elegir(rng, CANALES)
    sede = rng.choices(sedes, weights=pesos_sedes)[0]
    dia = rng.choice(dias)
    recibida = dt.datetime.combine(
        dia, dt.time(rng.randint(8, 16), rng.randint(0, 59)), tzinfo=LIMA
    )
    if tipo == TipoMigrante.EXTRANJERO:
        nacionalidad = _elegir(rng, EXTRANJEROS)
        pais = nacionalidad
    elif tipo == TipoMigrante.ANDINO:
        nacionalidad = _elegir(rng, ANDINOS)
        pais = nacionalidad
    else:
        nacionalidad = "PE"
        pais = _elegir(rng, DESTINOS)
    if rng.random() < SIN_EDAD:
        edad = None
    else:
        (minimo, maximo) = _elegir(rng, EDADES)
        edad = rng.randint(minimo, maximo)
    candidatos = TEMAS_POR_TIPO[tipo]
    codigos = rng.sample(candidatos, k=1 if rng.random() < 0.6 else 2)
    remota = canal in (Canal.CORREO, Canal.WEB)
    medio = _elegir(rng, MEDIOS_REMOTO if remota else MEDIOS_PRESENCIAL)
    asesores = asesores_por_sede.get(sede.id) or [None]
    asesor = rng.choice(asesores)
    resumen = RESUMENES[codigos[0]].format(pais=pais)
    if remota:
        horas = min(rng.lognormvariate(2.8, 0.7), 120.0)
        respondida = recibida + dt.timedelta(hours=horas)
        if respondida > ahora:
            estado, respondida = Estado.PENDIENTE, None
        else:
            estado = Estado.RESPONDIDA
    else:
        estado, respondida = Estado.CERRADA, recibida + dt.timedelta(minutes=rng.randint(5, 25))
    consulta = Consulta(
        canal=canal,
        sede=sede,
        registrada_por_id=asesor,
        asesor_id=asesor,
        recibida=recibida,
        tipo_migrante=tipo,
        sexo=_elegir(rng, SEXOS),
        edad=edad,
        nacionalidad=nacionalidad,
        pais=pais,
        medio=medio,
        resumen=resumen,
        respuesta="Se brindó orientación y se entregó información oficial." if respondida else "",
        estado=estado,
        respondida=respondida,
    )
    consulta.completar_derivados()
    return consulta, codigos
