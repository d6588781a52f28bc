"""Returnee follow-up: enrolment (from a consultation or direct), check-ins due, answers by the
returnee's private link, reminder mails and the outcomes report."""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from consultas.retornados.models import Control, Resultado, Retornado
from infomigra.correo import cola

CONTROL = "retorno_control"  # the queue's ``tipo`` of the check-in mail


def inscribir_desde_consulta(consulta, usuario) -> Retornado:
    """One click: the consultation's contact and statistical data carried over.

    A consultation already enrolled gives back the existing follow-up.
    """
    existente = Retornado.objects.filter(consulta=consulta).first()
    if existente is not None:
        return existente
    return Retornado.objects.create(
        sede=consulta.sede,
        asesor=usuario if hasattr(usuario, "perfil") else consulta.asesor,
        consulta=consulta,
        nombre=consulta.nombre,
        email=consulta.email,
        telefono=consulta.telefono,
        sexo=consulta.sexo,
        edad=consulta.edad,
        pais_retorno=consulta.pais,
        idioma=consulta.idioma,
    )


def controles_vencidos(usuario, hoy=None):
    """Check-ins due (planned date reached, no outcome yet) the user may see, oldest first."""
    hoy = hoy or timezone.localdate()
    return (
        Control.objects.filter(
            retornado__in=Retornado.objects.visibles_para(usuario),
            retornado__anonimizado=False,
            realizado_el=None,
            vence__lte=hoy,
        )
        .select_related("retornado__sede", "retornado__asesor")
        .order_by("vence", "id")
    )


def para_recordar(asesor, hoy=None):
    """Due check-ins of the advisor's returnees, or of unassigned ones of their office."""
    hoy = hoy or timezone.localdate()
    sede_id = getattr(getattr(asesor, "perfil", None), "sede_id", None)
    return (
        Control.objects.filter(realizado_el=None, vence__lte=hoy, retornado__anonimizado=False)
        .filter(Q(retornado__asesor=asesor) | Q(retornado__asesor=None, retornado__sede_id=sede_id))
        .select_related("retornado")
        .order_by("vence", "id")
    )


def control_abierto(retornado, hoy=None):
    """The check-in the returnee's form answers: the earliest one due and not yet done."""
    hoy = hoy or timezone.localdate()
    return retornado.controles.filter(realizado_el=None, vence__lte=hoy).order_by("meses").first()


def registrar_resultado(control, resultado: str, comentario: str = "", por_la_persona=False):
    with transaction.atomic():
        control = Control.objects.select_for_update().get(pk=control.pk)
        control.resultado = resultado
        control.comentario = comentario
        control.realizado_el = timezone.now()
        control.por_la_persona = por_la_persona
        control.save()
    return control


def url_control(retornado) -> str:
    """The private link, in the returnee's language (/en/… for English)."""
    with translation.override(retornado.idioma or settings.LANGUAGE_CODE):
        ruta = reverse("portal_retornados:control", args=[retornado.token])
    return settings.SITE_URL + ruta


def contenido_correo(retornado, mensaje) -> tuple[str, str]:
    contexto = {
        "retornado": retornado,
        "enlace": url_control(retornado),
        "servicio": settings.SERVICIO_NOMBRE,
        "entidad": settings.SERVICIO_ENTIDAD,
        "correo_servicio": settings.SERVICIO_CORREO,
        "mensaje": mensaje,
    }
    with translation.override(retornado.idioma or settings.LANGUAGE_CODE):
        return (
            render_to_string("correo/retorno_control.txt", contexto),
            render_to_string("correo/retorno_control.html", contexto),
        )


def encolar_enlace(control):
    """Queue the check-in mail with the private link, once per check-in; None if already
    queued or the person has no address."""
    retornado = control.retornado
    if not retornado.email:
        return None
    with transaction.atomic():
        if not Control.objects.filter(pk=control.pk, correo_el=None).update(
            correo_el=timezone.now()
        ):
            return None
        with translation.override(retornado.idioma or settings.LANGUAGE_CODE):
            asunto = gettext("¿Cómo le va? Cuéntenos en un minuto — %(servicio)s") % {
                "servicio": settings.SERVICIO_NOMBRE
            }
        cabeceras = {"Reply-To": settings.SERVICIO_CORREO, "Auto-Submitted": "auto-generated"}
        return cola.encolar(
            retornado.email, asunto, cabeceras=cabeceras, objeto=retornado, tipo=CONTROL
        )


def encolar_enlaces_vencidos(hoy=None) -> list:
    hoy = hoy or timezone.localdate()
    pendientes = Control.objects.filter(
        realizado_el=None, vence__lte=hoy, correo_el=None, retornado__anonimizado=False
    ).select_related("retornado")
    return [m for m in (encolar_enlace(c) for c in pendientes) if m is not None]


ENCABEZADO = ("cohorte", "meses", "sede", "sexo", "grupo_edad", "resultado", "cantidad")


def tabla_resultados(desde, hasta, sede=None):
    """(header, rows): outcomes of the check-ins done, by enrolment month (cohort), months since
    enrolment, office, sex and age band, for people enrolled in the period."""
    controles = Control.objects.filter(
        realizado_el__isnull=False,
        retornado__inscrito_el__gte=desde,
        retornado__inscrito_el__lte=hasta,
    )
    if sede is not None:
        controles = controles.filter(retornado__sede=sede)
    cuentas = defaultdict(int)
    for inscrito, meses, sede_codigo, sexo, banda, resultado in controles.values_list(
        "retornado__inscrito_el",
        "meses",
        "retornado__sede__codigo",
        "retornado__sexo",
        "retornado__banda_edad",
        "resultado",
    ):
        clave = (
            inscrito.strftime("%Y-%m"),
            meses,
            sede_codigo,
            sexo or "sin-dato",
            banda,
            resultado,
        )
        cuentas[clave] += 1
    return ENCABEZADO, [(*clave, n) for clave, n in sorted(cuentas.items())]


def resumen_resultados(filas) -> list[dict]:
    """Outcome counts per months since enrolment (the page's summary table)."""
    etiquetas = dict(Resultado.choices)
    por_meses = defaultdict(lambda: defaultdict(int))
    for _cohorte, meses, _sede, _sexo, _banda, resultado, n in filas:
        por_meses[meses][resultado] += n
    return [
        {
            "meses": meses,
            "total": sum(cuentas.values()),
            "resultados": [(etiquetas.get(r, r), n) for r, n in sorted(cuentas.items())],
        }
        for meses, cuentas in sorted(por_meses.items())
    ]
