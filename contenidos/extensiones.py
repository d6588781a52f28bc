"""Hooks higher layers (faq) use to add results to the portal's search and guides.

``contenidos`` can't import ``faq`` (layers run consultas → faq → contenidos), so the FAQ app
registers plain functions here from its ``AppConfig.ready``:

    from contenidos import extensiones
    extensiones.registrar_busqueda(_("Preguntas frecuentes"), buscar_preguntas)
    extensiones.registrar_relacionados(preguntas_de_guia)

A search function takes ``(consulta, idioma)``; a related function takes ``(guia)``. Both return
a list of ``{"titulo": str, "url": str, "resumen": str}``.
"""

BUSQUEDAS: list[tuple[str, object]] = []
RELACIONADOS: list[object] = []
TEXTOS: list[object] = []


def registrar_busqueda(nombre, funcion):
    if all(f is not funcion for _, f in BUSQUEDAS):
        BUSQUEDAS.append((nombre, funcion))


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


def buscar_en_extensiones(consulta: str, idioma: str) -> list[tuple[str, list[dict]]]:
    return [(nombre, funcion(consulta, idioma)) for nombre, funcion in BUSQUEDAS]


def relacionados_de(guia) -> list[dict]:
    resultados = []
    for funcion in RELACIONADOS:
        resultados.extend(funcion(guia))
    return resultados
