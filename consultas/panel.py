"""Dashboard figures: counts per advisor and channel, and working days left unlogged.

The month's totals, channels and logged days come from the daily summary (ResumenDiario), not
from a scan of the month's consultations; only the per-advisor counts read Consulta.
"""

from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from consultas.models import Consulta, ResumenDiario, Sede
from infomigra.acceso import es_responsable
from infomigra.calendario import dias_habiles
from infomigra.vocabulario import Canal, Estado


def _conteos(qs):
    """One grouped query → (total, per advisor, per channel), largest first."""
    filas = list(qs.values_list("asesor_id", "canal").annotate(n=Count("*")).order_by())
    por_asesor, por_canal = Counter(), Counter()
    for asesor_id, canal, n in filas:
        por_asesor[asesor_id] += n
        por_canal[canal] += n
    usuarios = {
        u.pk: u.get_full_name() or u.username
        for u in get_user_model().objects.filter(pk__in=[k for k in por_asesor if k])
    }
    etiquetas = dict(Canal.choices)

    def ordenar(contador, nombre):
        return [
            {"nombre": nombre(k), "n": n}
            for k, n in sorted(contador.items(), key=lambda kv: (-kv[1], nombre(kv[0])))
        ]

    return (
        sum(por_canal.values()),
        ordenar(por_asesor, lambda k: usuarios.get(k, "") if k else _("Sin asesor")),
        ordenar(por_canal, lambda k: str(etiquetas.get(k, k))),
    )


def _por_asesor(qs):
    cuentas = dict(qs.values_list("asesor_id").annotate(n=Count("*")).order_by())
    usuarios = {
        u.pk: u.get_full_name() or u.username
        for u in get_user_model().objects.filter(pk__in=[k for k in cuentas if k])
    }

    def nombre(k):
        return usuarios.get(k, "") if k else _("Sin asesor")

    return [
        {"nombre": nombre(k), "n": n}
        for k, n in sorted(cuentas.items(), key=lambda kv: (-kv[1], nombre(kv[0])))
    ]


def _conteos_resumen(usuario, desde, hasta):
    """(total, per channel) over the period from the daily summary, scoped like the list."""
    filas = ResumenDiario.objects.filter(
        fecha__gte=desde, fecha__lte=hasta, dimension__in=["total", "canal"]
    )
    if not es_responsable(usuario):
        perfil = getattr(usuario, "perfil", None)
        filas = filas.filter(sede_id=perfil.sede_id if perfil else None)
    total, por_canal = 0, Counter()
    for dimension, valor, n in (
        filas.values_list("dimension", "valor").annotate(n=Sum("cantidad")).order_by()
    ):
        if dimension == "total":
            total += n
        else:
            por_canal[valor] += n
    etiquetas = dict(Canal.choices)
    return total, [
        {"nombre": str(etiquetas.get(k, k)), "n": n}
        for k, n in sorted(por_canal.items(), key=lambda kv: (-kv[1], str(etiquetas.get(kv[0]))))
    ]


def dias_sin_registro(sedes, hoy):
    """Past working days of ``hoy``'s month with no consultation logged, per office."""
    inicio = hoy.replace(day=1)
    habiles = [d for d in dias_habiles(inicio, hoy) if d < hoy]
    if not habiles:
        return []
    con_registro = set(
        ResumenDiario.objects.filter(
            sede__in=sedes, fecha__gte=inicio, fecha__lt=hoy, dimension="total", cantidad__gt=0
        ).values_list("sede_id", "fecha")
    )
    avisos = []
    for sede in sedes:
        faltan = [d for d in habiles if (sede.id, d) not in con_registro]
        if faltan:
            avisos.append({"sede": sede, "dias": faltan})
    return avisos


def resumen_panel(usuario, hoy=None):
    """Plain data for the dashboard, scoped to the user's office unless Responsable."""
    hoy = hoy or timezone.localdate()
    visibles = Consulta.objects.visibles_para(usuario).exclude(estado=Estado.DESCARTADA)
    del_mes = visibles.filter(fecha__gte=hoy.replace(day=1), fecha__lte=hoy)
    de_hoy = visibles.filter(fecha=hoy)
    sedes = Sede.objects.filter(activa=True)
    if not es_responsable(usuario):
        perfil = getattr(usuario, "perfil", None)
        sedes = sedes.filter(id=perfil.sede_id if perfil else None)
    total_hoy, hoy_por_asesor, hoy_por_canal = _conteos(de_hoy)
    total_mes, mes_por_canal = _conteos_resumen(usuario, hoy.replace(day=1), hoy)
    mes_por_asesor = _por_asesor(del_mes)
    return {
        "hoy": hoy,
        "total_hoy": total_hoy,
        "total_mes": total_mes,
        "hoy_por_asesor": hoy_por_asesor,
        "hoy_por_canal": hoy_por_canal,
        "mes_por_asesor": mes_por_asesor,
        "mes_por_canal": mes_por_canal,
        "dias_sin_registro": dias_sin_registro(list(sedes), hoy),
    }
