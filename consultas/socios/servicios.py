"""Partners: the ranking by visits, consultations and subscriptions per month; the badge
snippet; the printable leaflet with a QR code."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from consultas.models import Consulta
from consultas.socios.models import Socio, VisitaSocio
from contenidos.models import Suscriptor

ENCABEZADO = ("mes", "socio", "nombre", "visitas", "consultas", "suscripciones")


def _mes(fecha) -> str:
    return fecha.strftime("%Y-%m")


def ranking(desde: dt.date, hasta: dt.date, socios=None) -> list[tuple]:
    """Rows (mes, código, nombre, visitas, consultas, suscripciones) for the partners given
    (default: all), per month of the period, the busiest partner first within each month.

    Subscriptions count the confirmed ones (double opt-in done) by the month they were made.
    """
    socios = socios if socios is not None else Socio.objects.all()
    nombres = dict(socios.values_list("codigo", "nombre"))
    cuentas = defaultdict(lambda: [0, 0, 0])
    visitas = (
        VisitaSocio.objects.filter(socio__in=socios, fecha__gte=desde, fecha__lte=hasta)
        .annotate(mes=TruncMonth("fecha"))
        .values_list("mes", "socio__codigo")
        .annotate(n=Sum("visitas"))
    )
    for mes, codigo, n in visitas:
        cuentas[(_mes(mes), codigo)][0] += n
    consultas = (
        Consulta.objects.filter(socio__in=socios, fecha__gte=desde, fecha__lte=hasta)
        .annotate(mes=TruncMonth("fecha"))
        .values_list("mes", "socio__codigo")
        .annotate(n=Count("id"))
        .order_by()
    )
    for mes, codigo, n in consultas:
        cuentas[(_mes(mes), codigo)][1] += n
    inicio = timezone.make_aware(dt.datetime.combine(desde, dt.time()))
    fin = timezone.make_aware(dt.datetime.combine(hasta + dt.timedelta(days=1), dt.time()))
    suscripciones = Suscriptor.objects.filter(
        socio__in=list(nombres), confirmado_el__isnull=False, creado__gte=inicio, creado__lt=fin
    ).values_list("creado", "socio")
    for creado, codigo in suscripciones:
        cuentas[(_mes(timezone.localtime(creado)), codigo)][2] += 1
    filas = [
        (mes, codigo, nombres.get(codigo, codigo), *valores)
        for (mes, codigo), valores in cuentas.items()
    ]
    return sorted(filas, key=lambda f: (f[0], -f[3], -f[4], -f[5], f[1]))


def url_portal(socio, idioma: str = "") -> str:
    """The portal's home page carrying the partner code, in ``idioma`` (/en/ for English)."""
    with translation.override(idioma or settings.LANGUAGE_CODE):
        return f"{settings.SITE_URL}{reverse('portal:inicio')}?socio={socio.codigo}"


def url_insignia(idioma: str = "") -> str:
    with translation.override(idioma or settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse("portal_socios:insignia")


def html_insignia(socio, idioma: str = "") -> str:
    """The copy-paste badge: a plain link and an image; no script, no cookie, no pixel.

    In English (``idioma="en"``) the image, its text and the landing page are English.
    """
    with translation.override(idioma or settings.LANGUAGE_CODE):
        html = render_to_string(
            "portal/socios/insignia_fragmento.html",
            {
                "enlace": url_portal(socio, idioma),
                "imagen": url_insignia(idioma),
                "servicio": settings.SERVICIO_NOMBRE,
                "entidad": settings.SERVICIO_ENTIDAD,
            },
        )
    return html.strip()


def volante_pdf(socio, idioma: str = "") -> bytes:
    """A printable A5 leaflet with the service's message and a QR code to the portal carrying
    the partner code (the original service's dípticos y volantes), made like every other
    printable document of the portal (``contenidos.impresion``). In English (``idioma="en"``)
    its text and the page the code opens (/en/) are English."""
    import segno

    from contenidos.impresion import pdf_de_html, ruta_estatico

    idioma = idioma or settings.LANGUAGE_CODE
    enlace = url_portal(socio, idioma)
    contexto = {
        "socio": socio,
        "idioma": idioma,
        "enlace": enlace,
        "qr": segno.make(enlace, error="m").svg_inline(scale=4, title=str(socio.nombre)),
        "css_impresion": ruta_estatico("css/impresion.css"),
        # Rendered without a request: no context processor gives the service's identity.
        "SERVICIO_NOMBRE": settings.SERVICIO_NOMBRE,
        "SERVICIO_ENTIDAD": settings.SERVICIO_ENTIDAD,
    }
    with translation.override(idioma):
        return pdf_de_html(render_to_string("gestion/socios/volante.html", contexto))
