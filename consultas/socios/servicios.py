"""Partners: the ranking by visits, consultations and subscriptions per month; the badge
snippet; the printable leaflet with a QR code."""

import datetime as dt
import io
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

# fpdf2: after a multi-line cell, go back to the left margin on the next line.
SIGUIENTE = {"new_x": "LMARGIN", "new_y": "NEXT"}
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


def url_portal(socio) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return f"{settings.SITE_URL}{reverse('portal:inicio')}?socio={socio.codigo}"


def url_insignia() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse("portal_socios:insignia")


def html_insignia(socio) -> str:
    """The copy-paste badge: a plain link and an image; no script, no cookie, no pixel."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "portal/socios/insignia_fragmento.html",
            {
                "enlace": url_portal(socio),
                "imagen": url_insignia(),
                "servicio": settings.SERVICIO_NOMBRE,
                "entidad": settings.SERVICIO_ENTIDAD,
            },
        )
    return html.strip()


def _latin1(texto: str) -> str:
    """fpdf's core fonts are Latin-1: keep accents and ñ, replace the rest."""
    return texto.replace("—", "-").replace("–", "-").encode("latin-1", "replace").decode("latin-1")


def volante_pdf(socio) -> bytes:
    """A printable A5 leaflet with the service's message and a QR code to the portal carrying
    the partner code (the original service's dípticos y volantes)."""
    import segno
    from fpdf import FPDF

    enlace = url_portal(socio)
    qr = io.BytesIO()
    segno.make(enlace, error="m").save(qr, kind="png", scale=10, border=2)
    qr.seek(0)
    pdf = FPDF(format=(148, 210))  # A5 in millimetres
    pdf.set_title(_latin1(f"{settings.SERVICIO_NOMBRE} - {socio.nombre}"))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 22)
    pdf.multi_cell(0, 11, _latin1(settings.SERVICIO_NOMBRE), align="C", **SIGUIENTE)
    pdf.set_font("helvetica", "", 11)
    pdf.multi_cell(0, 6, _latin1(settings.SERVICIO_ENTIDAD), align="C", **SIGUIENTE)
    pdf.ln(4)
    pdf.set_font("helvetica", "B", 14)
    with translation.override(settings.LANGUAGE_CODE):
        textos = render_to_string("gestion/socios/volante.txt", {"socio": socio}).split("\n\n")
    pdf.multi_cell(0, 7, _latin1(textos[0].strip()), align="C", **SIGUIENTE)
    pdf.set_font("helvetica", "", 11)
    pdf.ln(2)
    for parrafo in textos[1:]:
        if parrafo.strip():
            pdf.multi_cell(0, 6, _latin1(parrafo.strip()), align="C", **SIGUIENTE)
            pdf.ln(1)
    lado = 60
    pdf.image(qr, x=(pdf.w - lado) / 2, y=pdf.get_y() + 2, w=lado, h=lado)
    pdf.set_y(pdf.get_y() + lado + 6)
    pdf.set_font("helvetica", "", 9)
    pdf.multi_cell(0, 5, _latin1(enlace), align="C", **SIGUIENTE)
    pdf.multi_cell(0, 5, _latin1(socio.nombre), align="C", **SIGUIENTE)
    return bytes(pdf.output())
