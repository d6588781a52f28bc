"""Workshop statistics per month and office: events, registrations, attendance and the
attendees' profile, sex and age band. One function builds the rows the page and files show."""

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from consultas.estadisticas.servicio import porcentaje
from consultas.talleres.models import EstadoInscripcion as E
from consultas.talleres.models import Inscripcion, Taller
from infomigra.vocabulario import BandaEdad, Sexo, TipoMigrante

ENCABEZADO = ("mes", "sede", "dimension", "valor", "etiqueta", "cantidad", "porcentaje")


def _rango(desde: dt.date, hasta: dt.date):
    inicio = timezone.make_aware(dt.datetime.combine(desde, dt.time()))
    fin = timezone.make_aware(dt.datetime.combine(hasta + dt.timedelta(days=1), dt.time()))
    return inicio, fin


def talleres_del_periodo(desde, hasta, sede=None):
    inicio, fin = _rango(desde, hasta)
    qs = Taller.objects.filter(inicio__gte=inicio, inicio__lt=fin)
    return qs.filter(sede=sede) if sede is not None else qs


def resumen(desde, hasta, sede=None) -> dict:
    qs = Inscripcion.objects.filter(taller__in=talleres_del_periodo(desde, hasta, sede))
    datos = qs.aggregate(
        inscripciones=Count("id", filter=Q(confirmada_el__isnull=False)),
        confirmadas=Count("id", filter=Q(estado=E.CONFIRMADA)),
        asistentes=Count("id", filter=Q(asistio=True)),
    )
    datos["talleres"] = talleres_del_periodo(desde, hasta, sede).count()
    datos["tasa"] = porcentaje(datos["asistentes"], datos["confirmadas"])
    return datos


def _etiquetas():
    return {
        "tipo_migrante": {**dict(TipoMigrante.choices), "": _("Sin dato")},
        "sexo": {k or "": v for k, v in Sexo.choices},
        "edad": dict(BandaEdad.choices),
    }


def tabla(desde, hasta, sede=None):
    """(header, rows): per month and office, the counts and the attendees' breakdowns.

    ``inscripciones`` counts confirmed registrations (double opt-in done, seat or waiting
    list); ``asistentes`` carries the attendance rate over the people holding a seat.
    """
    celdas = defaultdict(lambda: {"talleres": 0, "inscripciones": 0, "confirmadas": 0,
                                  "asistentes": 0, "perfiles": Counter()})  # fmt: skip
    talleres = talleres_del_periodo(desde, hasta, sede).select_related("sede")
    for taller in talleres:
        clave = (timezone.localtime(taller.inicio).strftime("%Y-%m"), taller.sede.codigo)
        celdas[clave]["talleres"] += 1
    inscripciones = Inscripcion.objects.filter(taller__in=talleres).exclude(
        confirmada_el=None
    ).values_list("taller__inicio", "taller__sede__codigo", "estado", "asistio",
                  "tipo_migrante", "sexo", "banda_edad")  # fmt: skip
    for inicio, sede_codigo, estado, asistio, perfil, sexo, banda in inscripciones:
        celda = celdas[(timezone.localtime(inicio).strftime("%Y-%m"), sede_codigo)]
        celda["inscripciones"] += 1
        celda["confirmadas"] += estado == E.CONFIRMADA
        if asistio:
            celda["asistentes"] += 1
            celda["perfiles"].update(
                [("tipo_migrante", perfil or ""), ("sexo", sexo or ""), ("edad", banda)]
            )
    etiquetas = _etiquetas()
    filas = []
    for (mes, sede_codigo), c in sorted(celdas.items()):
        filas.append((mes, sede_codigo, "talleres", "", _("Talleres"), c["talleres"], None))
        filas.append((mes, sede_codigo, "inscripciones", "", _("Inscripciones confirmadas"),
                      c["inscripciones"], None))  # fmt: skip
        filas.append((mes, sede_codigo, "asistentes", "", _("Asistentes (tasa de asistencia)"),
                      c["asistentes"], porcentaje(c["asistentes"], c["confirmadas"])))  # fmt: skip
        for dimension in ("tipo_migrante", "sexo", "edad"):
            cuentas = {v: n for (d, v), n in c["perfiles"].items() if d == dimension}
            for valor, n in sorted(cuentas.items(), key=lambda par: (-par[1], par[0])):
                etiqueta = str(etiquetas[dimension].get(valor, valor))
                filas.append((mes, sede_codigo, dimension, valor or "sin-dato", etiqueta, n,
                              porcentaje(n, c["asistentes"])))  # fmt: skip
    return ENCABEZADO, filas


def lista_asistencia(taller):
    """(header, rows) of the attendance list of one workshop (people holding a seat)."""
    encabezado = ("nombre", "email", "telefono", "perfil", "sexo", "grupo_edad", "asistio")
    filas = [
        (
            i.nombre,
            i.email,
            i.telefono,
            i.tipo_migrante,
            i.sexo,
            i.banda_edad,
            "si" if i.asistio else "no",
        )  # fmt: skip
        for i in taller.inscripciones.filter(estado=E.CONFIRMADA).order_by("nombre", "id")
    ]
    return encabezado, filas
