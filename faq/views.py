"""Public FAQ pages: browse and search, entry detail, and the '¿Le fue útil?' vote."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from contenidos.cache import almacen, pagina_publica
from contenidos.models import Tema
from faq import votos
from faq.forms import FiltroForm
from faq.models import Pregunta
from faq.motor import registro
from faq.motor.escalonado import LIMITE_CONTEO
from faq.motor.fragmentos import fragmento
from faq.motor.preguntas import buscar_preguntas, mas_consultadas, raices_resaltables
from infomigra.paginacion import PaginadorAcotado
from infomigra.vocabulario import TipoMigrante

POR_PAGINA = 20
# Search results are ranked: the answer is nearly always among the first few, and each result
# carries its whole folded answer. Ten per page cut what a phone on a slow connection downloads
# by ~40 % (38 KB of HTML instead of 66 KB with long answers) and halve what the server renders.
POR_PAGINA_BUSQUEDA = 10


def idioma_publico() -> str:
    """The page language when entries exist in it, else the default (Spanish)."""
    idioma = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if idioma != settings.LANGUAGE_CODE and not (
        Pregunta.objects.publicadas().filter(idioma=idioma).exists()
    ):
        return settings.LANGUAGE_CODE
    return idioma


def enlace_consulta(q: str) -> str:
    """The consultation form (by URL name, in the reader's language), pre-filled with ``q``."""
    url = reverse("portal_consulta:formulario")
    return f"{url}?{urlencode({'pregunta': q})}" if q else url


MARCA_SLUG = "__slug__"  # reversed once per page, then replaced by each entry's slug


def _preparar_pagina(pagina, busqueda, q, votados):
    """What each listed entry shows, computed once per page instead of per entry in the
    template: its links (with a query, through the click count), its profiles, whether this
    visitor voted, and with a query the highlighted snippet."""
    enlace = reverse("faq:desde_busqueda" if q else "faq:detalle", args=[MARCA_SLUG])
    enlace += f"?{urlencode({'q': q})}" if q else ""
    voto = reverse("faq:votar", args=[MARCA_SLUG])
    raices = raices_resaltables(busqueda.analisis) if q else None
    for pregunta in pagina:
        pregunta.enlace = enlace.replace(MARCA_SLUG, pregunta.slug, 1)
        pregunta.enlace_voto = voto.replace(MARCA_SLUG, pregunta.slug, 1)
        pregunta.votada = pregunta.pk in votados
        pregunta.perfiles_texto = ", ".join(str(p) for p in pregunta.perfiles.all())
        if raices is not None:
            pregunta.fragmento = fragmento(pregunta.respuesta_texto, raices)


def _filtros(request, form) -> str:
    """The search form's profile and topic selects, rendered by crispy. They are the same bytes
    for every search with the same choices, and rendering them was a fifth of a search page's
    CPU time: kept per content generation (a topic edit moves it), language and chosen values."""
    generacion = getattr(request, "version_portal", None)
    if generacion is None or "perfil" in form.errors or "tema" in form.errors:
        return render_to_string("faq/_filtros.html", {"form": form})
    clave = ("faq-filtros", get_language(), form["perfil"].value(), form["tema"].value())
    return almacen.fragmento(
        clave, generacion, lambda: render_to_string("faq/_filtros.html", {"form": form})
    )


MARCA_Q = "__q__"  # the search field is drawn once with this value, then given the query


def _campo_q(request, form) -> str:
    """The search field, rendered by crispy: the same bytes for every search but the value,
    kept per language (and whether there is a value) and given the escaped query."""
    generacion = getattr(request, "version_portal", None)
    if generacion is None or "q" in form.errors:
        return render_to_string("faq/_campo_q.html", {"form": form})
    valor = form["q"].value() or ""
    if not valor:
        return almacen.fragmento(
            ("faq-q", get_language(), False),
            generacion,
            lambda: render_to_string("faq/_campo_q.html", {"form": form}),
        )
    modelo = almacen.fragmento(
        ("faq-q", get_language(), True),
        generacion,
        lambda: render_to_string("faq/_campo_q.html", {"form": FiltroForm({"q": MARCA_Q})}),
    )
    return mark_safe(modelo.replace(MARCA_Q, escape(valor)))  # noqa: S308 (escaped value)


def _con_q(parametros, q):
    copia = parametros.copy()
    copia["q"] = q
    return f"?{copia.urlencode()}"


@require_safe
@pagina_publica
def lista(request):
    form = FiltroForm(request.GET or None, generacion=getattr(request, "version_portal", None))
    q, perfil, tema = form.filtros() if request.GET else ("", None, None)
    idioma = idioma_publico()
    generacion = getattr(request, "version_portal", None)  # None: a private (staff) page
    busqueda = buscar_preguntas(q, idioma, perfil, tema, generacion=generacion)
    if q:
        paginador = PaginadorAcotado(busqueda.preguntas, POR_PAGINA_BUSQUEDA, limite=LIMITE_CONTEO)
    else:
        paginador = Paginator(busqueda.preguntas, POR_PAGINA)
    pagina = paginador.get_page(request.GET.get("pagina"))
    parametros = request.GET.copy()
    parametros.pop("pagina", None)
    sin_resultados = bool(q) and pagina.paginator.count == 0
    correccion = busqueda.analisis.correccion if q else ""
    votados = votos.ids_votados(request)
    _preparar_pagina(pagina, busqueda, q, votados)
    if q and "pagina" not in request.GET:
        registro.registrar(q, sin_resultados)
    contexto = {
        "form": form,
        "filtros": _filtros(request, form),
        "campo_q": _campo_q(request, form),
        "idioma_faq": idioma,
        "q": q,
        "perfil": dict(TipoMigrante.choices).get(perfil) if perfil else None,
        "tema": Tema.objects.filter(codigo=tema).first() if tema else None,
        "pagina": pagina,
        "parametros": parametros.urlencode(),
        "enlace_consulta": enlace_consulta(q),
        "siguiente": request.get_full_path(),
        "correccion": correccion,
        "enlace_correccion": _con_q(parametros, correccion),
        "populares": (
            mas_consultadas(idioma, perfil or busqueda.analisis.perfil, tema)
            if sin_resultados
            else []
        ),
    }
    return render(request, "faq/lista.html", contexto)


@require_safe
def desde_busqueda(request, slug):
    """A search result was followed: count the click for the query, then show the entry."""
    pregunta = get_object_or_404(Pregunta.objects.publicadas(), slug=slug)
    registro.registrar_clic(request.GET.get("q", "")[:200])
    return redirect(pregunta)


@require_safe
@pagina_publica
def detalle(request, slug):
    pregunta = get_object_or_404(
        Pregunta.objects.publicadas().select_related("tema").prefetch_related("perfiles"),
        slug=slug,
    )
    contexto = {
        "pregunta": pregunta,
        "votados": votos.ids_votados(request),
        "enlace_consulta": enlace_consulta(pregunta.pregunta),
        "siguiente": request.get_full_path(),
    }
    return render(request, "faq/detalle.html", contexto)


# No CSRF token: the vote form sits on public, cacheable pages that must set no cookie. A forged
# vote gains nothing a direct one would not: it is anonymous, one per person and question (the
# signed cookie) and rate-limited per address like any other vote.
@csrf_exempt
@require_POST
def votar(request, slug):
    pregunta = get_object_or_404(Pregunta.objects.publicadas(), slug=slug)
    siguiente = request.POST.get("siguiente", "")
    # Only a local absolute path: anything else (a view name, markup, another host) falls back.
    if not siguiente.startswith("/") or not url_has_allowed_host_and_scheme(
        siguiente, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        siguiente = pregunta.get_absolute_url()
    util = request.POST.get("util")
    if util not in ("si", "no"):
        messages.error(request, _("Elija «Sí» o «No» para contarnos si le fue útil."))
        return HttpResponseRedirect(siguiente)
    resultado, ids = votos.votar(request, pregunta, util == "si")
    if resultado == votos.REGISTRADO:
        messages.success(request, _("Gracias por su opinión: nos ayuda a mejorar las respuestas."))
    elif resultado == votos.REPETIDO:
        messages.info(request, _("Ya había opinado sobre esta pregunta; contamos un voto."))
    else:
        messages.warning(
            request, _("Recibimos muchas opiniones desde su conexión. Inténtelo más tarde.")
        )
    respuesta = HttpResponseRedirect(siguiente)
    votos.guardar_cookie(respuesta, ids)
    return respuesta
