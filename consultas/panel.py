"""Dashboard figures: counts per advisor and channel, and working days left unlogged."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from consultas.generador import dias_habiles
from consultas.models import Consulta, Sede
from consultas.roles import es_responsable
from infomigra.vocabulario import Canal


def _por_asesor(qs):
    filas = (
        qs.values("asesor__username", "asesor__first_name", "asesor__last_name")
        .annotate(n=Count("id"))
        .order_by("-n", "asesor__username")
    )
    return [
        {
            "nombre": " ".join(filter(None, [f["asesor__first_name"], f["asesor__last_name"]]))
            or f["asesor__username"]
            or _("Sin asesor"),
            "n": f["n"],
        }
        for f in filas
    ]


def _por_canal(qs):
    etiquetas = dict(Canal.choices)
    filas = qs.values("canal").annotate(n=Count("id")).order_by("-n", "canal")
    return [{"nombre": etiquetas.get(f["canal"], f["canal"]), "n": f["n"]} for f in filas]


def dias_sin_registro(sedes, hoy):
    """Past working days of ``hoy``'s month with no consultation logged, per office."""
    inicio = hoy.replace(day=1)
    habiles = [d for d in dias_habiles(inicio, hoy) if d < hoy]
    if not habiles:
        return []
    con_registro = set(
        Consulta.objects.filter(sede__in=sedes, fecha__gte=inicio, fecha__lt=hoy)
        .values_list("sede_id", "fecha")
        .distinct()
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
    visibles = Consulta.objects.visibles_para(usuario)
    del_mes = visibles.filter(fecha__gte=hoy.replace(day=1), fecha__lte=hoy)
    de_hoy = visibles.filter(fecha=hoy)
    sedes = Sede.objects.filter(activa=True)
    if not es_responsable(usuario):
        perfil = getattr(usuario, "perfil", None)
        sedes = sedes.filter(id=perfil.sede_id if perfil else None)
    return {
        "hoy": hoy,
        "total_hoy": de_hoy.count(),
        "total_mes": del_mes.count(),
        "hoy_por_asesor": _por_asesor(de_hoy),
        "hoy_por_canal": _por_canal(de_hoy),
        "mes_por_asesor": _por_asesor(del_mes),
        "mes_por_canal": _por_canal(del_mes),
        "dias_sin_registro": dias_sin_registro(list(sedes), hoy),
    }
