from django.shortcuts import render
from django.views.decorators.http import require_safe

from infomigra.vocabulario import TipoMigrante


@require_safe
def inicio(request):
    return render(request, "portal/inicio.html", {"perfiles": TipoMigrante.choices})
