"""Hooks higher layers (faq) use to provide the portal's search page and related questions.

``contenidos`` can't import ``faq`` (layers run consultas → faq → contenidos), so the FAQ app
registers plain functions here from its ``AppConfig.ready``:

    from contenidos import extensiones
    extensiones.registrar_vista_busqueda(views_sitio.buscar)
    extensiones.registrar_relacionados(preguntas_de_guia)

The search view answers ``/buscar/`` (URL name ``portal:buscar``): the engine every search uses
lives in ``faq``. A related function takes ``(guia)`` and returns a list of
``{"titulo": str, "url": str, "resumen": str}``.
"""

from django.http import Http404

RELACIONADOS: list[object] = []
VISTA_BUSQUEDA: list[object] = []
TEXTOS: list[object] = []


def registrar_vista_busqueda(vista):
    VISTA_BUSQUEDA[:] = [vista]


def vista_busqueda(request):
    if not VISTA_BUSQUEDA:
        raise Http404("search is provided by the faq app")
    return VISTA_BUSQUEDA[0](request)


def registrar_relacionados(funcion):
    if funcion not in RELACIONADOS:
        RELACIONADOS.append(funcion)


def registrar_textos(funcion):
    """``funcion()`` yields ``(origen, html, fuente)`` of more published text (link checks)."""
    if funcion not in TEXTOS:
        TEXTOS.append(funcion)


def textos_de_extensiones():
    for funcion in TEXTOS:
        yield from funcion()


def relacionados_de(guia) -> list[dict]:
    resultados = []
    for funcion in RELACIONADOS:
        resultados.extend(funcion(guia))
    return resultados
