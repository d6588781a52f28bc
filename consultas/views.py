"""Back-office views: dashboard, "Nueva atención", list, detail and edit of consultations."""

from urllib.parse import quote

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from consultas.acceso import consulta_visible_o_404
from consultas.estadisticas import resumen as resumen_diario
from consultas.filtros import FiltroConsultasForm, consultas_filtradas
from consultas.forms import ConsultaForm, valores_iniciales
from consultas.models import Consulta
from consultas.panel import resumen_panel
from consultas.privacidad.auditoria import Accion, registrar_acceso
from consultas.privacidad.historial import historial
from consultas.retornados.servicios import controles_vencidos
from contenidos.models import Tema
from infomigra.acceso import es_responsable, permiso_requerido
from infomigra.paginacion import PaginadorAcotado

POR_PAGINA = 50
COLUMNAS_LISTA = (
    "id",
    "codigo",
    "recibida",
    "canal",
    "tipo_migrante",
    "sexo",
    "edad",
    "estado",
    "resumen",
    "sede__nombre",
    "asesor__username",
    "asesor__first_name",
    "asesor__last_name",
)


@require_safe
@permiso_requerido()
def inicio(request):
    contexto = {}
    if request.user.has_perm("consultas.view_consulta"):
        contexto["panel"] = resumen_panel(request.user)
        contexto["vencidos"] = controles_vencidos(request.user)[:20]
    return render(request, "gestion/inicio.html", contexto)


@require_http_methods(["GET", "POST"])
@permiso_requerido("consultas.add_consulta")
def consulta_nueva(request):
    if request.method == "POST":
        form = ConsultaForm(request.POST, usuario=request.user)
        if form.is_valid():
            consulta = form.save(commit=False)
            consulta.registrada_por = request.user
            if consulta.asesor_id is None and hasattr(request.user, "perfil"):
                consulta.asesor = request.user
            # One commit for the row, its topics, its history and the report summary.
            with resumen_diario.diferido():
                consulta.save()
                form.save_m2m()
            if "otra" in request.POST:
                messages.success(
                    request,
                    _("Consulta %(codigo)s guardada. Registre la siguiente.")
                    % {"codigo": consulta.codigo},
                )
                return redirect("gestion:consulta_nueva")
            messages.success(request, _("Consulta %(codigo)s guardada.") % {"codigo": consulta})
            return redirect("gestion:consulta", codigo=consulta.codigo)
    else:
        form = ConsultaForm(initial=valores_iniciales(request.user), usuario=request.user)
    return render(request, "gestion/consultas/formulario.html", {"form": form, "nueva": True})


@require_http_methods(["GET", "POST"])
@permiso_requerido("consultas.change_consulta")
def consulta_editar(request, codigo):
    consulta = consulta_visible_o_404(request, codigo)
    if consulta.nombre or consulta.email or consulta.telefono:
        registrar_acceso(request, Accion.VER, consulta, "formulario de edición")
    form = ConsultaForm(request.POST or None, instance=consulta, usuario=request.user)
    if request.method == "POST" and form.is_valid():
        with resumen_diario.diferido():
            form.save()
        messages.success(request, _("Cambios guardados en %(codigo)s.") % {"codigo": consulta})
        return redirect("gestion:consulta", codigo=consulta.codigo)
    return render(
        request,
        "gestion/consultas/formulario.html",
        {"form": form, "nueva": False, "consulta": consulta},
    )


@require_safe
@permiso_requerido("consultas.view_consulta")
def consulta_detalle(request, codigo):
    consulta = consulta_visible_o_404(request, codigo)
    if consulta.nombre or consulta.email or consulta.telefono:
        registrar_acceso(request, Accion.VER, consulta, "detalle con datos de contacto")
    return render(
        request,
        "gestion/consultas/detalle.html",
        {
            "consulta": consulta,
            "temas": consulta.temas.all(),
            "historial": historial(consulta),
        },
    )


MARCA_CODIGO = "__codigo__"  # reversed once per page, then replaced by each row's code


def _preparar_filas(pagina):
    """What each row of the list shows, computed once per page in Python instead of per row in
    the template (half of the page's time with 50 rows): its link, the labels of its codes, its
    topics, its advisor."""
    pagina.object_list = list(pagina.object_list)
    enlace = reverse("gestion:consulta", args=[MARCA_CODIGO])
    # get_FOO_display() builds a dict of the field's lazily translated choices on every call
    # (each label hashed, hence translated): once per page here, for the three coded columns.
    textos = {
        campo: {
            codigo: str(etiqueta)
            for codigo, etiqueta in Consulta._meta.get_field(campo).flatchoices
        }
        for campo in ("canal", "tipo_migrante", "estado")
    }
    for c in pagina.object_list:
        c.enlace = enlace.replace(MARCA_CODIGO, quote(c.codigo, safe=""), 1)
        for campo, etiquetas in textos.items():
            valor = getattr(c, campo)
            setattr(c, f"{campo}_texto", etiquetas.get(valor, valor))
        c.temas_texto = ", ".join(t.nombre for t in c.temas.all())
        c.asesor_nombre = (c.asesor.get_full_name() or c.asesor.username) if c.asesor else ""


@require_safe
@permiso_requerido("consultas.view_consulta")
def consultas(request):
    filtro = FiltroConsultasForm(request.GET or None, usuario=request.user)
    qs = (
        consultas_filtradas(request.user, filtro.filtros())
        .select_related("sede", "asesor")
        .only(*COLUMNAS_LISTA)
        .prefetch_related(Prefetch("temas", queryset=Tema.objects.only("id", "nombre")))
    )
    paginador = PaginadorAcotado(qs, POR_PAGINA)
    pagina = paginador.get_page(request.GET.get("pagina"))
    _preparar_filas(pagina)
    # The list shows summaries, which often carry names: each page viewed is logged.
    registrar_acceso(request, Accion.BUSCAR, detalle=f"lista de consultas, página {pagina.number}")
    parametros = request.GET.copy()
    parametros.pop("pagina", None)
    return render(
        request,
        "gestion/consultas/lista.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "paginador": paginador,
            "parametros": parametros.urlencode(),
            "puede_exportar": es_responsable(request.user),
            "url_csv": reverse("gestion:consultas_csv") + "?" + parametros.urlencode(),
            "url_xlsx": reverse("gestion:consultas_xlsx") + "?" + parametros.urlencode(),
        },
    )
