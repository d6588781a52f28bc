"""Small access helpers: the object a user may see, or 404 (never 403 across offices)."""

from django.shortcuts import get_object_or_404

from consultas.models import Consulta


def consulta_visible_o_404(request, codigo):
    """The consultation ``codigo`` if the user's office may see it; else 404."""
    return get_object_or_404(
        Consulta.objects.visibles_para(request.user).select_related(
            "sede", "asesor", "registrada_por"
        ),
        codigo=codigo,
    )
