"""Search synonyms kept by Editors in the back office (under /gestion/faq/sinonimos/).

Every save and delete goes through the model, so its signals apply the change to the next
search at once: the engine's synonym index and the page cache's generation (``faq.apps``).
Plain forms and links: no JavaScript needed.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from faq.forms_sinonimos import BuscarSinonimoForm, SinonimoForm
from faq.models import Sinonimo
from infomigra.acceso import permiso_requerido
from infomigra.texto import sin_acentos

POR_PAGINA = 25


def _coinciden(sinonimos, q):
    """Entries whose term or equivalents contain ``q``, accent- and case-blind."""
    buscado = " ".join(sin_acentos(q).split())
    return [s for s in sinonimos if buscado in sin_acentos(f"{s.termino} {s.equivalentes}")]


@require_safe
@permiso_requerido("faq.view_sinonimo")
def lista(request):
    form = BuscarSinonimoForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    sinonimos = Sinonimo.objects.order_by("termino", "pk")
    filas = _coinciden(sinonimos, q) if q else sinonimos
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("pagina"))
    contexto = {
        "form": form,
        "q": q,
        "pagina": pagina,
        "parametros": urlencode({"q": q}) if q else "",
        "total": Sinonimo.objects.count(),
    }
    return render(request, "gestion/faq/sinonimos.html", contexto)


def _formulario(request, sinonimo, mensaje):
    form = SinonimoForm(request.POST or None, instance=sinonimo)
    if request.method == "POST" and form.is_valid():
        guardado = form.save()
        messages.success(request, mensaje % {"termino": guardado.termino})
        # Back to the list, narrowed to the entry just saved: the editor sees it at once.
        return redirect(f"{reverse('faq_gestion:sinonimos')}?{urlencode({'q': guardado.termino})}")
    estado = 400 if request.method == "POST" else 200
    contexto = {"form": form, "sinonimo": sinonimo}
    return render(request, "gestion/faq/sinonimo_form.html", contexto, status=estado)


@require_http_methods(["GET", "POST"])
@permiso_requerido("faq.add_sinonimo")
def nuevo(request):
    mensaje = _("Sinónimo «%(termino)s» creado: las búsquedas ya lo usan.")
    return _formulario(request, None, mensaje)


@require_http_methods(["GET", "POST"])
@permiso_requerido("faq.change_sinonimo")
def editar(request, pk):
    sinonimo = get_object_or_404(Sinonimo, pk=pk)
    mensaje = _("Sinónimo «%(termino)s» guardado: las búsquedas ya usan el cambio.")
    return _formulario(request, sinonimo, mensaje)


@require_http_methods(["GET", "POST"])
@permiso_requerido("faq.delete_sinonimo")
def borrar(request, pk):
    sinonimo = get_object_or_404(Sinonimo, pk=pk)
    if request.method == "POST":
        sinonimo.delete()
        messages.success(
            request,
            _("Sinónimo «%(termino)s» borrado: las búsquedas ya no lo usan.")
            % {"termino": sinonimo.termino},
        )
        return redirect("faq_gestion:sinonimos")
    return render(request, "gestion/faq/sinonimo_borrar.html", {"sinonimo": sinonimo})
