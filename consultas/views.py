from django.shortcuts import render
from django.views.decorators.http import require_safe

from consultas.roles import rol_requerido


@require_safe
@rol_requerido()
def inicio(request):
    return render(request, "gestion/inicio.html")
