"""The same report computed by looping over rows in Python, as common helpdesk tools do.

Used only by bench/estadisticas.py to measure how much the SQL aggregation saves; tests check it
gives the same figures as ``consultas.estadisticas.servicio.calcular``.
"""

from collections import Counter

from consultas.estadisticas import dimensiones
from consultas.estadisticas import servicio as e
from consultas.models import Consulta, Sede
from infomigra.vocabulario import SIN_DATO


def calcular_ingenuo(desde, hasta, sede=None) -> e.Reporte:
    qs = e.consultas_del_periodo(desde, hasta, sede).select_related("sede")
    cuentas = {codigo: Counter() for codigo in e.DIMENSIONES}
    por_dia = Counter()
    total = 0
    for consulta in qs.prefetch_related("temas").iterator(chunk_size=2000):
        total += 1
        por_dia[consulta.fecha] += 1
        for dimension in dimensiones.DIMENSIONES:
            if dimension.columna:
                cuentas[dimension.codigo][dimension.valor_de(consulta)] += 1
        temas = [tema.codigo for tema in consulta.temas.all()]
        for codigo in temas or [SIN_DATO]:
            cuentas["tema"][codigo] += 1
    duraciones = [
        (c.respondida - c.recibida).total_seconds()
        for c in Consulta.objects.filter(pk__in=e.respondidas_del_periodo(desde, hasta, sede))
    ]
    sedes = {s.codigo: s for s in Sede.objects.all()}
    dias = (hasta - desde).days + 1
    serie = [(dia, por_dia.get(dia, 0)) for dia in (desde + e.dt.timedelta(i) for i in range(dias))]
    return e.Reporte(
        desde=desde,
        hasta=hasta,
        sede=sede,
        total=total,
        dimensiones=[
            e.construir_dimension(codigo, dict(cuentas[codigo]), total, sedes)
            for codigo in e.DIMENSIONES
        ],
        respuesta=e.respuesta_de_duraciones(duraciones),
        meses=e.meses_del_periodo(desde, hasta),
        dias_habiles=e.dias_habiles(desde, hasta),
        serie_diaria=serie,
    )
