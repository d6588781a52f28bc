"""Back-office pages of the audit log and of one person's personal data (Responsable)."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from simple_history.utils import get_m2m_reverse_field_name

from consultas.privacidad import otros_servicios as privacidad_servicios
from consultas.privacidad import servicios as privacidad
from consultas.privacidad.auditoria import (
    Accion,
    RegistroAcceso,
    modelos_con_historia,
    registrar_acceso,
)
from infomigra.acceso import permiso_requerido
from infomigra.fechas import campo_fecha

POR_PAGINA = 50
TIPOS_HISTORIA = [
    ("+", gettext_lazy("Creación")),
    ("~", gettext_lazy("Cambio")),
    ("-", gettext_lazy("Eliminación")),
]


class FiltroAuditoriaForm(forms.Form):
    tipo = forms.ChoiceField(
        label=gettext_lazy("Registro"),
        choices=[
            ("cambios", gettext_lazy("Cambios de datos")),
            ("accesos", gettext_lazy("Accesos a datos personales")),
        ],
        required=False,
    )
    usuario = forms.ModelChoiceField(
        label=gettext_lazy("Usuario"),
        queryset=get_user_model().objects.order_by("username"),
        to_field_name="username",
        required=False,
        empty_label=gettext_lazy("Todos"),
        error_messages={"invalid_choice": gettext_lazy("Elija un usuario de la lista.")},
    )
    desde = campo_fecha(gettext_lazy("Desde"))
    hasta = campo_fecha(gettext_lazy("Hasta"))
    accion = forms.ChoiceField(
        label=gettext_lazy("Acción"),
        required=False,
        choices=[
            ("", gettext_lazy("Todas")),
            (gettext_lazy("Cambios de datos"), TIPOS_HISTORIA),
            (gettext_lazy("Accesos a datos personales"), Accion.choices),
        ],
        error_messages={"invalid_choice": gettext_lazy("Elija una acción de la lista.")},
    )

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and desde > hasta:
            self.add_error("hasta", _("«Hasta» debe ser igual o posterior a «Desde»."))
        return datos


def _limites(datos):
    """Local-day bounds as aware datetimes: [desde 00:00, hasta+1 00:00)."""
    zona = timezone.get_current_timezone()
    inicio = fin = None
    if datos.get("desde"):
        inicio = dt.datetime.combine(datos["desde"], dt.time.min, tzinfo=zona)
    if datos.get("hasta"):
        fin = dt.datetime.combine(datos["hasta"] + dt.timedelta(days=1), dt.time.min, tzinfo=zona)
    return inicio, fin


def _etiqueta(modelo):
    nombres = {campo.name for campo in modelo._meta.concrete_fields}
    for nombre in ("codigo", "username"):
        if nombre in nombres:
            return Cast(F(nombre), CharField())
    return Cast(F("id"), CharField())


def historia_unificada(datos):
    """One queryset (UNION) over every historical table, newest first, filtered."""
    inicio, fin = _limites(datos)
    accion = datos.get("accion")
    partes = []
    for modelo, historico in modelos_con_historia():
        qs = historico.objects.order_by()
        if datos.get("usuario"):
            qs = qs.filter(history_user=datos["usuario"])
        if inicio:
            qs = qs.filter(history_date__gte=inicio)
        if fin:
            qs = qs.filter(history_date__lt=fin)
        if accion in {"+", "~", "-"}:
            qs = qs.filter(history_type=accion)
        elif accion:
            qs = qs.none()
        partes.append(
            qs.annotate(
                modelo=Value(modelo._meta.label, output_field=CharField()),
                objeto_id=Cast(F("id"), CharField()),
                etiqueta=_etiqueta(modelo),
            ).values(
                "history_id",
                "history_date",
                "history_type",
                "history_user_id",
                "modelo",
                "objeto_id",
                "etiqueta",
            )
        )
    if not partes:
        return []
    return partes[0].union(*partes[1:], all=True).order_by("-history_date", "-history_id")


def _relaciones(historico, ids):
    """{(m2m field, history_id): set of related ids} for the given history rows: one query per
    many-to-many field kept in history, instead of two per row in ``diff_against``."""
    valores = {}
    for campo in historico._history_m2m_fields:
        through = getattr(historico, campo.name).model
        destino = get_m2m_reverse_field_name(campo)
        filas = through.objects.filter(history_id__in=ids).values_list("history_id", destino)
        for history_id, otro in filas:
            valores.setdefault((campo.name, history_id), set()).add(otro)
    return valores


def _campos_cambiados(historicos, filas):
    """The changed fields' names of every "~" row of a page: a few queries per model, not two
    per row (each record, the one before it and their many-to-many rows are read in bulk)."""
    por_modelo = {}
    for fila in filas:
        if fila["history_type"] == "~":
            por_modelo.setdefault(fila["modelo"], []).append(fila["history_id"])
    campos = {}
    for etiqueta, ids in por_modelo.items():
        modelo, historico = historicos[etiqueta]
        anterior = historico.objects.filter(
            id=OuterRef("id"), history_date__lt=OuterRef("history_date")
        )
        registros = list(
            historico.objects.filter(history_id__in=ids).annotate(
                anterior_id=Subquery(
                    anterior.order_by("-history_date", "-history_id").values("history_id")[:1]
                )
            )
        )
        previos = historico.objects.in_bulk([r.anterior_id for r in registros if r.anterior_id])
        m2m = [campo.name for campo in historico._history_m2m_fields]
        relaciones = _relaciones(historico, [*ids, *previos]) if m2m else {}
        for registro in registros:
            previo = previos.get(registro.anterior_id)
            if previo is None:
                continue
            cambiados = registro.diff_against(previo, excluded_fields=m2m).changed_fields
            cambiados += [
                nombre
                for nombre in m2m
                if relaciones.get((nombre, registro.history_id), set())
                != relaciones.get((nombre, previo.history_id), set())
            ]
            campos[(etiqueta, registro.history_id)] = [
                str(modelo._meta.get_field(nombre).verbose_name) for nombre in sorted(cambiados)
            ]
    return campos


def _detallar(filas):
    """Add user names, model names and the names (never the values) of changed fields."""
    Usuario = get_user_model()
    ids = {fila["history_user_id"] for fila in filas if fila["history_user_id"]}
    nombres = dict(Usuario.objects.filter(pk__in=ids).values_list("pk", "username"))
    historicos = {modelo._meta.label: (modelo, h) for modelo, h in modelos_con_historia()}
    campos = _campos_cambiados(historicos, filas)
    tipos = dict(TIPOS_HISTORIA)
    for fila in filas:
        modelo, _historico = historicos[fila["modelo"]]
        fila["usuario"] = nombres.get(fila["history_user_id"], "")
        fila["modelo_nombre"] = modelo._meta.verbose_name
        fila["tipo"] = tipos.get(fila["history_type"], fila["history_type"])
        fila["campos"] = campos.get((fila["modelo"], fila["history_id"]), [])
    return filas


def accesos_filtrados(datos):
    inicio, fin = _limites(datos)
    qs = RegistroAcceso.objects.all()
    if datos.get("usuario"):
        qs = qs.filter(usuario=datos["usuario"])
    if inicio:
        qs = qs.filter(momento__gte=inicio)
    if fin:
        qs = qs.filter(momento__lt=fin)
    accion = datos.get("accion")
    if accion in Accion.values:
        qs = qs.filter(accion=accion)
    elif accion:
        qs = qs.none()
    return qs


@require_safe
@permiso_requerido("consultas.view_registroacceso")
def auditoria(request):
    form = FiltroAuditoriaForm(request.GET or None)
    datos = form.cleaned_data if form.is_bound and form.is_valid() else {}
    tipo = datos.get("tipo") or "cambios"
    filas = accesos_filtrados(datos) if tipo == "accesos" else historia_unificada(datos)
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("pagina"))
    if tipo != "accesos":
        pagina.object_list = _detallar(list(pagina.object_list))
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    return render(
        request,
        "gestion/auditoria/registro.html",
        {"form": form, "tipo": tipo, "pagina": pagina, "filtros": consulta.urlencode()},
    )


class CorreoForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Correo electrónico de la persona"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Escriba el correo electrónico de la persona."),
            "invalid": gettext_lazy("Escriba un correo electrónico válido."),
        },
    )
    confirmar = forms.BooleanField(
        label=gettext_lazy("Confirmo que se eliminen sus datos personales"), required=False
    )


@require_http_methods(["GET", "POST"])
@permiso_requerido("consultas.view_registroacceso")
def datos_personales(request):
    """Find one person's consultations by email (POST: the address stays out of URLs and logs),
    export them as JSON or delete their personal data. Each action is logged."""
    form = CorreoForm(request.POST or None)
    consultas = otros = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        accion = request.POST.get("accion", "buscar")
        consultas = privacidad.consultas_de(email)
        # Workshops, returnee follow-up and partner contacts hold personal data too.
        otros = privacidad_servicios.buscar(email)
        if accion == "exportar":
            return _exportar(request, consultas, otros)
        if accion == "eliminar":
            if not form.cleaned_data["confirmar"]:
                form.add_error("confirmar", _("Marque la confirmación para eliminar los datos."))
            else:
                return _eliminar(request, consultas, otros)
        consultas = list(consultas)
        otros = {clave: list(filas) for clave, filas in otros.items()}
        registrar_acceso(
            request, Accion.BUSCAR, detalle=_("%(n)d consultas encontradas") % {"n": len(consultas)}
        )
        for consulta in consultas:
            registrar_acceso(request, Accion.VER, consulta, detalle=_("búsqueda por correo"))
        for suscriptor in otros["suscriptores"]:
            registrar_acceso(
                request, Accion.VER, f"boletin-{suscriptor.pk}", detalle=_("suscripción al boletín")
            )
    return render(
        request,
        "gestion/auditoria/datos_personales.html",
        {
            "form": form,
            "consultas": consultas,
            "otros": otros,
            "hay_datos": bool(consultas) or any((otros or {}).values()),
        },
    )


def _exportar(request, consultas, otros):
    consultas = list(consultas)
    for consulta in consultas:
        registrar_acceso(request, Accion.EXPORTAR, consulta, detalle=_("exportación JSON"))
    ids = [c.pk for c in consultas]
    datos = privacidad.exportar_datos(privacidad.Consulta.objects.filter(pk__in=ids))
    datos["otros_servicios"] = privacidad_servicios.exportar(otros)
    respuesta = HttpResponse(privacidad.a_json(datos), content_type="application/json")
    nombre = f"datos-personales-{timezone.localdate():%Y%m%d}.json"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


def _eliminar(request, consultas, otros):
    ids = list(consultas.values_list("id", flat=True))
    codigos = list(consultas.values_list("codigo", flat=True))
    cantidad = privacidad.anonimizar(ids)
    otros = privacidad_servicios.eliminar(otros)
    if any(otros.values()):
        messages.success(
            request,
            _(
                "También se eliminaron sus datos personales de %(i)d inscripciones a talleres, "
                "%(r)d seguimientos de retorno, %(s)d contactos de socios y %(b)d suscripciones "
                "al boletín (con sus correos)."
            )
            % {
                "i": otros["inscripciones"],
                "r": otros["retornados"],
                "s": otros["socios"],
                "b": otros["suscriptores"],
            },  # fmt: skip
        )
    for codigo in codigos:
        registrar_acceso(request, Accion.ELIMINAR, codigo, detalle=_("anonimización a pedido"))
    # The old row versions still hold the data until VACUUM (after the request commits).
    privacidad.vaciar_filas_muertas()
    messages.success(
        request,
        _(
            "Se eliminaron los datos personales de %(n)d consultas. "
            "Sus datos estadísticos se conservan."
        )
        % {"n": cantidad},
    )
    return redirect("gestion:datos_personales")
