"""Report service: one function computes the figures that the pages, CSV/XLSX and command show.

The counts are sums over the per-day summary ``ResumenDiario`` (kept exact on every write by
``consultas.estadisticas.resumen``): a year reads ~80 rows per day and office instead of every
consultation. Response times are aggregated from the consultations themselves (a covering
partial index; ``percentile_cont`` for the median on PostgreSQL). Results are plain
dataclasses; ``filas_reporte`` yields the report CSV contract rows (docs/arquitectura.md,
"Report CSV"). The dimensions come from ``consultas.estadisticas.dimensiones``.
"""

import datetime as dt
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django_countries import countries

from consultas.estadisticas import dimensiones
from consultas.models import Consulta, ResumenDiario, Sede, Socio
from contenidos.models import Tema
from infomigra import calendario
from infomigra.vocabulario import CANALES_REMOTOS, SIN_DATO, Estado

UN_DECIMAL = Decimal("0.1")
HORA = 3600

# Report order, the same in the pages, the files and the command (the registry's order).
DIMENSIONES = dimensiones.CODIGOS


def titulos():
    return {d.codigo: str(d.titulo) for d in dimensiones.DIMENSIONES}


@dataclass(frozen=True)
class Fila:
    """One report CSV row."""

    dimension: str
    valor: str
    etiqueta: str
    cantidad: int | Decimal | None
    porcentaje: Decimal | None


@dataclass
class Dimension:
    codigo: str
    titulo: str
    filas: list[Fila]


@dataclass
class Respuesta:
    """Response times of remote consultations answered in the period."""

    respondidas: int = 0
    media_horas: Decimal | None = None
    mediana_horas: Decimal | None = None
    dentro_24h: int = 0
    dentro_48h: int = 0

    @property
    def porcentaje_24h(self):
        return porcentaje(self.dentro_24h, self.respondidas)

    @property
    def porcentaje_48h(self):
        return porcentaje(self.dentro_48h, self.respondidas)


@dataclass
class Reporte:
    desde: dt.date
    hasta: dt.date
    sede: Sede | None
    total: int
    dimensiones: list[Dimension]
    respuesta: Respuesta
    meses: Decimal
    dias_habiles: int
    serie_diaria: list[tuple[dt.date, int]] = field(default_factory=list)

    @property
    def por_mes(self) -> Decimal:
        return redondear(Decimal(self.total) / self.meses) if self.meses else Decimal("0.0")

    @property
    def por_dia_habil(self) -> Decimal:
        if not self.dias_habiles:
            return Decimal("0.0")
        return redondear(Decimal(self.total) / self.dias_habiles)

    def dimension(self, codigo) -> Dimension:
        return next(d for d in self.dimensiones if d.codigo == codigo)


def redondear(valor) -> Decimal:
    return Decimal(valor).quantize(UN_DECIMAL, rounding=ROUND_HALF_UP)


def porcentaje(cantidad: int, total: int) -> Decimal:
    if not total:
        return Decimal("0.0")
    return redondear(Decimal(cantidad) * 100 / total)


# --- periods -----------------------------------------------------------------------------


def dias_habiles(desde: dt.date, hasta: dt.date) -> int:
    """How many working days the period has (``infomigra.calendario``)."""
    return len(calendario.dias_habiles(desde, hasta))


def _dias_del_mes(dia: dt.date) -> int:
    siguiente = (dia.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (siguiente - dia.replace(day=1)).days


def meses_del_periodo(desde: dt.date, hasta: dt.date) -> Decimal:
    """Months covered, counting each calendar month by the share of its days in the period."""
    total, dia = Decimal(0), desde
    while dia <= hasta:
        dias_mes = _dias_del_mes(dia)
        fin_mes = dia.replace(day=dias_mes)
        fin = min(fin_mes, hasta)
        total += Decimal((fin - dia).days + 1) / dias_mes
        dia = fin + dt.timedelta(days=1)
    return total


def periodo_anterior(desde: dt.date, hasta: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length just before; whole months map to whole months."""
    if desde.day == 1 and hasta == hasta.replace(day=_dias_del_mes(hasta)):
        meses = (hasta.year - desde.year) * 12 + hasta.month - desde.month + 1
        inicio = desde
        for _i in range(meses):
            inicio = (inicio - dt.timedelta(days=1)).replace(day=1)
        return inicio, desde - dt.timedelta(days=1)
    dias = (hasta - desde).days + 1
    return desde - dt.timedelta(days=dias), desde - dt.timedelta(days=1)


def _un_anio_antes(dia: dt.date) -> dt.date:
    try:
        return dia.replace(year=dia.year - 1)
    except ValueError:  # 29 February
        return dia.replace(year=dia.year - 1, day=28)


def mismo_periodo_anio_anterior(desde: dt.date, hasta: dt.date) -> tuple[dt.date, dt.date]:
    return _un_anio_antes(desde), _un_anio_antes(hasta)


# --- labels ------------------------------------------------------------------------------


def _etiquetador(dimension: str, sedes: dict):
    fuente = dimensiones.POR_CODIGO[dimension].etiquetas
    sin_dato = _("Sin dato")
    if fuente == "sedes":
        return lambda valor: sedes[valor].nombre if valor in sedes else sin_dato
    if fuente == "codigos":
        tabla = dimensiones.etiquetas_fijas(dimension)
    elif fuente == "paises":
        tabla = dict(countries)
    elif fuente == "temas":
        tabla = dict(Tema.objects.values_list("codigo", "nombre"))
    elif fuente == "socios":
        tabla = dict(Socio.objects.values_list("codigo", "nombre"))
    else:
        tabla = {}
    return lambda valor: str(tabla.get(valor, valor)) if valor != SIN_DATO else sin_dato


def construir_dimension(codigo: str, cuentas: dict, total: int, sedes: dict) -> Dimension:
    """Rows of one dimension from {valor: cantidad}, ordered by count then code."""
    etiqueta = _etiquetador(codigo, sedes)
    filas = [
        Fila(codigo, valor, etiqueta(valor), cantidad, porcentaje(cantidad, total))
        for valor, cantidad in sorted(cuentas.items(), key=lambda par: (-par[1], par[0]))
        if cantidad
    ]
    return Dimension(codigo, titulos()[codigo], filas)


# --- the report --------------------------------------------------------------------------


def consultas_del_periodo(desde: dt.date, hasta: dt.date, sede: Sede | None = None):
    qs = Consulta.objects.filter(fecha__gte=desde, fecha__lte=hasta).exclude(
        estado=Estado.DESCARTADA
    )
    return qs.filter(sede=sede) if sede is not None else qs


def resumen_del_periodo(desde: dt.date, hasta: dt.date, sede: Sede | None = None):
    """The per-day summary rows (``resumen`` keeps them exact) of a period."""
    qs = ResumenDiario.objects.filter(fecha__gte=desde, fecha__lte=hasta).order_by()
    return qs.filter(sede=sede) if sede is not None else qs


def _cuentas(desde, hasta, sede) -> dict[str, dict[str, int]]:
    """{dimension: {valor: cantidad}} for every dimension, summed from the daily summary."""
    cuentas = {codigo: {} for codigo in DIMENSIONES}
    filas = (
        resumen_del_periodo(desde, hasta, sede)
        .exclude(dimension="total")
        .values_list("dimension", "valor")
        .annotate(n=Sum("cantidad"))
    )
    for dimension, valor, cantidad in filas:
        cuentas.setdefault(dimension, {})[valor] = cantidad
    # The summary keys offices and topics by id (renaming a code needs no rebuild).
    modelos = {"sede": Sede, "tema": Tema, "socio": Socio}
    for d in dimensiones.DIMENSIONES:
        if d.por_id:
            codigos = {str(i): c for i, c in modelos[d.codigo].objects.values_list("id", "codigo")}
            cuentas[d.codigo] = {codigos.get(k, k): n for k, n in cuentas[d.codigo].items()}
    return cuentas


def _inicio_del_dia(dia: dt.date) -> dt.datetime:
    return dt.datetime.combine(dia, dt.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))


def respondidas_del_periodo(desde: dt.date, hasta: dt.date, sede: Sede | None = None):
    """Remote consultations whose answer was sent between two local dates (inclusive)."""
    qs = Consulta.objects.filter(
        canal__in=CANALES_REMOTOS,
        respondida__gte=_inicio_del_dia(desde),
        respondida__lt=_inicio_del_dia(hasta + dt.timedelta(days=1)),
    )
    return qs.filter(sede=sede) if sede is not None else qs


def calcular_respuesta(desde, hasta, sede=None) -> Respuesta:
    qs = respondidas_del_periodo(desde, hasta, sede).order_by()
    # Raw SQL bypasses the router: use the connection it would pick (the read replica for
    # reports, when one is configured).
    conexion = connections[router.db_for_read(Consulta) or DEFAULT_DB_ALIAS]
    if conexion.vendor == "postgresql":
        sql, params = qs.values("recibida", "respondida").query.sql_with_params()
        with conexion.cursor() as cursor:
            cursor.execute(
                # Django-built subquery, values as parameters.
                "SELECT COUNT(*), AVG(s), percentile_cont(0.5) WITHIN GROUP (ORDER BY s), "  # noqa: S608
                f"COUNT(*) FILTER (WHERE s <= {24 * HORA}), "
                f"COUNT(*) FILTER (WHERE s <= {48 * HORA}) FROM ("
                # date_part is double precision; EXTRACT(EPOCH …) is numeric, whose AVG and
                # median sort cost two thirds of this query on a month of 1M consultations.
                "SELECT date_part('epoch', r.respondida - r.recibida) AS s "
                f"FROM ({sql}) AS r) AS d",
                params,
            )
            n, media, mediana, d24, d48 = cursor.fetchone()
        if not n:
            return Respuesta()
        return Respuesta(
            n,
            redondear(Decimal(str(media)) / HORA),
            redondear(Decimal(str(mediana)) / HORA),
            d24,
            d48,
        )
    segundos = [
        (respondida - recibida).total_seconds()
        for recibida, respondida in qs.values_list("recibida", "respondida")
    ]
    return respuesta_de_duraciones(segundos)


def respuesta_de_duraciones(segundos: list[float]) -> Respuesta:
    if not segundos:
        return Respuesta()
    return Respuesta(
        respondidas=len(segundos),
        media_horas=redondear(Decimal(str(statistics.fmean(segundos))) / HORA),
        mediana_horas=redondear(Decimal(str(statistics.median(segundos))) / HORA),
        dentro_24h=sum(s <= 24 * HORA for s in segundos),
        dentro_48h=sum(s <= 48 * HORA for s in segundos),
    )


def serie_diaria(desde: dt.date, hasta: dt.date, sede=None) -> list[tuple[dt.date, int]]:
    """(day, count) for every day of the period, zeros included."""
    cuentas = dict(
        resumen_del_periodo(desde, hasta, sede)
        .filter(dimension="total")
        .values_list("fecha")
        .annotate(n=Sum("cantidad"))
    )
    dias = (hasta - desde).days + 1
    return [
        (dia, cuentas.get(dia, 0)) for dia in (desde + dt.timedelta(days=i) for i in range(dias))
    ]


def calcular(desde: dt.date, hasta: dt.date, sede: Sede | None = None) -> Reporte:
    """The report for a period (inclusive local dates) and an optional office."""
    sedes = {s.codigo: s for s in Sede.objects.all()}
    serie = serie_diaria(desde, hasta, sede)
    total = sum(cantidad for _dia, cantidad in serie)
    cuentas = _cuentas(desde, hasta, sede) if total else {}
    return Reporte(
        desde=desde,
        hasta=hasta,
        sede=sede,
        total=total,
        dimensiones=[
            construir_dimension(codigo, cuentas.get(codigo, {}), total, sedes)
            for codigo in DIMENSIONES
        ],
        respuesta=calcular_respuesta(desde, hasta, sede),
        meses=meses_del_periodo(desde, hasta),
        dias_habiles=dias_habiles(desde, hasta),
        serie_diaria=serie,
    )


def total_del_periodo(desde, hasta, sede=None) -> int:
    total = resumen_del_periodo(desde, hasta, sede).filter(dimension="total")
    return total.aggregate(n=Sum("cantidad"))["n"] or 0


def variacion(actual: int, anterior: int) -> Decimal | None:
    """Percentage change; None when there is nothing to compare with."""
    if not anterior:
        return None
    return redondear(Decimal(actual - anterior) * 100 / anterior)


# --- the contract rows -------------------------------------------------------------------


def filas_reporte(reporte: Reporte) -> Iterator[Fila]:
    """The report CSV rows, in contract order: total, dimensions, respuesta, promedio."""
    yield Fila("total", "", _("Total de consultas"), reporte.total, Decimal("100.0"))
    for dimension in reporte.dimensiones:
        yield from dimension.filas
    r = reporte.respuesta
    yield Fila(
        "respuesta", "media_horas", _("Tiempo medio de respuesta (horas)"), r.media_horas, None
    )
    yield Fila(
        "respuesta", "mediana_horas", _("Mediana del tiempo de respuesta (horas)"),
        r.mediana_horas, None,
    )  # fmt: skip
    yield Fila(
        "respuesta", "dentro_24h", _("Respondidas en 24 horas o menos"),
        r.dentro_24h, r.porcentaje_24h,
    )  # fmt: skip
    yield Fila(
        "respuesta", "dentro_48h", _("Respondidas en 48 horas o menos"),
        r.dentro_48h, r.porcentaje_48h,
    )  # fmt: skip
    yield Fila("promedio", "por_mes", _("Promedio por mes"), reporte.por_mes, None)
    yield Fila(
        "promedio", "por_dia_habil", _("Promedio por día hábil"), reporte.por_dia_habil, None
    )


def detalle_dia(dia: dt.date, sede: Sede | None = None) -> dict:
    """One day's breakdown by channel, advisor and profile."""
    qs = consultas_del_periodo(dia, dia, sede).order_by()
    total = qs.count()
    canales = dict(qs.values_list("canal").annotate(n=Count("id")))
    perfiles = dict(qs.values_list("tipo_migrante").annotate(n=Count("id")))
    asesores = {}
    for nombre, apellido, usuario, cantidad in qs.values_list(
        "asesor__first_name", "asesor__last_name", "asesor__username"
    ).annotate(n=Count("id")):
        etiqueta = f"{nombre or ''} {apellido or ''}".strip() or usuario or _("Sin asesor")
        asesores[etiqueta] = asesores.get(etiqueta, 0) + cantidad
    sedes = {s.codigo: s for s in Sede.objects.all()}

    def filas(codigo, cuentas, etiquetar=True):
        if etiquetar:
            return construir_dimension(codigo, cuentas, total, sedes)
        ordenadas = sorted(cuentas.items(), key=lambda par: (-par[1], par[0]))
        return Dimension(
            codigo,
            _("Asesor"),
            [Fila(codigo, v, v, n, porcentaje(n, total)) for v, n in ordenadas],
        )

    return {
        "total": total,
        "dimensiones": [
            filas("canal", canales),
            filas("asesor", asesores, etiquetar=False),
            filas("tipo_migrante", perfiles),
        ],
    }
