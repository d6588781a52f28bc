"""Printable documents (the Guía Básica and one-page leaflets): HTML rendered to PDF by WeasyPrint.

The PDF is made from the same template fragment as the HTML page, with no network access: the
only resources WeasyPrint may read are this project's static files. Each PDF is cached under a
key that includes the content's last save, so editing the content regenerates it.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string

DURACION = 24 * 3600


class RecursoNoPermitido(Exception):
    pass


def _solo_estaticos(url: str, timeout=10, ssl_context=None):
    """WeasyPrint URL fetcher: local static files only; anything else (network) is refused."""
    from weasyprint import default_url_fetcher

    prefijo = "file://"
    if url.startswith(prefijo):
        ruta = Path(url[len(prefijo) :]).resolve()
        raices = [Path(settings.BASE_DIR, "static").resolve()]
        if any(ruta.is_relative_to(r) for r in raices):
            return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise RecursoNoPermitido(url)


def ruta_estatico(nombre: str) -> str:
    """Absolute file:// URL of a static file, for templates rendered to PDF."""
    encontrado = finders.find(nombre)
    return Path(encontrado).resolve().as_uri() if encontrado else ""


def pdf_de_html(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=_solo_estaticos
    ).write_pdf()


def pdf_cacheado(request, plantilla: str, contexto: dict, *claves) -> bytes:
    """Render ``plantilla`` to PDF once per content version (``claves``)."""
    huella = hashlib.sha256("|".join(map(str, (plantilla, *claves))).encode()).hexdigest()[:32]
    clave = f"portal:pdf:{huella}"
    pdf = cache.get(clave)
    if pdf is None:
        contexto = dict(contexto, css_impresion=ruta_estatico("css/impresion.css"))
        pdf = pdf_de_html(render_to_string(plantilla, contexto, request=request))
        cache.set(clave, pdf, DURACION)
    return pdf


def enlaces_absolutos(html: str) -> str:
    """Internal links (``href="/…"``) made absolute, so they work from a printed or saved PDF."""
    return html.replace('href="/', f'href="{settings.SITE_URL}/')
