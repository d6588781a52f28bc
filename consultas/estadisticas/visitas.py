"""Portal visit figures for the reports (read from contenidos.VisitaDiaria)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import gettext as _
from django_countries import countries

from contenidos.models import VisitaDiaria
from infomigra.vocabulario import SIN_DATO


@dataclass
class Visitas:
    vistas: int
    visitas: int
    por_seccion: list[tuple[str, int, int]]  # (seccion, vistas, visitas)
    por_pais: list[tuple[str, str, int, int]]  # (codigo, nombre, vistas, visitas)
    serie_diaria: list[tuple[dt.date, int, int]]


def _orden(filas):
    return sorted(filas, key=lambda f: (-f[-1], -f[-2], f[0]))


def visitas_del_periodo(desde: dt.date, hasta: dt.date) -> Visitas:
    qs = VisitaDiaria.objects.filter(fecha__gte=desde, fecha__lte=hasta).order_by()
    suma = {"v": Sum("vistas"), "u": Sum("visitas")}
    totales = qs.aggregate(**suma)
    nombres = dict(countries)
    secciones = [(s, v, u) for s, v, u in qs.values_list("seccion").annotate(**suma)]
    paises = [
        (p, _("Sin dato") if p == SIN_DATO else str(nombres.get(p, p)), v, u)
        for p, v, u in qs.values_list("pais").annotate(**suma)
    ]
    serie = {f: (v, u) for f, v, u in qs.values_list("fecha").annotate(**suma)}
    dias = (hasta - desde).days + 1
    return Visitas(
        vistas=totales["v"] or 0,
        visitas=totales["u"] or 0,
        por_seccion=_orden(secciones),
        por_pais=_orden(paises),
        serie_diaria=[
            (d, *serie.get(d, (0, 0))) for d in (desde + dt.timedelta(i) for i in range(dias))
        ],
    )
