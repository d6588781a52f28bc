"""FAQ entries as "related questions" on profile guides.

Registered in ``FaqConfig.ready`` through ``contenidos.extensiones`` (contenidos is a lower layer
and cannot import faq).
"""

from django.utils.text import Truncator

from faq.models import Pregunta

LIMITE_RELACIONADAS = 6


def _como_resultado(pregunta):
    return {
        "titulo": pregunta.pregunta,
        "url": pregunta.get_absolute_url(),
        "resumen": Truncator(pregunta.respuesta_texto).chars(220),
    }


def preguntas_de_guia(guia):
    preguntas = (
        Pregunta.objects.publicadas()
        .filter(perfiles__codigo=guia.perfil, idioma=guia.idioma)
        .order_by("tema__orden", "orden", "pregunta")[:LIMITE_RELACIONADAS]
    )
    return [_como_resultado(p) for p in preguntas]


def textos_publicados():
    """Published FAQ answers for the portal's link check: (origin, HTML, sources)."""
    for pregunta in Pregunta.objects.filter(publicada=True):
        yield f"FAQ «{pregunta.pregunta}»", pregunta.respuesta_html, pregunta.fuente
