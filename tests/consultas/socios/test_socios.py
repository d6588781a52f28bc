"""Partners: registry with office scoping, badge, leaflet, cookie-less attribution of visits,
consultations and boletín subscriptions, and the ranking."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.utils import timezone

from consultas.models import Consulta
from consultas.socios import servicios
from consultas.socios.atribucion import propagar_html
from consultas.socios.models import Socio, VisitaSocio
from contenidos.models import Suscriptor, Tema

pytestmark = pytest.mark.django_db
NAVEGADOR = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


@pytest.fixture
def socio(sede_a):
    return Socio.objects.create(
        codigo="CONS-MADRID", nombre="Consulado en Madrid", tipo="consulado", sede=sede_a
    )


def test_badge_is_a_plain_link_and_image_without_script(socio):
    html = servicios.html_insignia(socio)
    assert 'href="http://127.0.0.1:8000/?socio=CONS-MADRID"' in html
    assert 'src="http://127.0.0.1:8000/insignia.svg"' in html
    assert "<script" not in html and "socio=" not in html.split("src=")[1]


def test_badge_image_is_shared_cacheable_cross_origin_and_sets_no_cookie(client):
    respuesta = client.get("/insignia.svg")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "image/svg+xml"
    assert respuesta["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "public" in respuesta["Cache-Control"]
    assert not respuesta.cookies
    assert respuesta.content.startswith(b"<svg")


def test_arrival_with_code_counts_one_visit_and_links_carry_the_code(client, socio):
    client.defaults["HTTP_USER_AGENT"] = NAVEGADOR
    respuesta = client.get("/?socio=cons-madrid", HTTP_REFERER="https://consulado.example/")
    texto = respuesta.content.decode()
    assert 'href="/consulta/?socio=CONS-MADRID"' in texto
    assert '<input type="hidden" name="socio" value="CONS-MADRID">' in texto
    # No cookie carries the partner (the page's own CSRF cookie is not about it).
    assert all("CONS" not in c.value and "socio" not in c.key for c in respuesta.cookies.values())
    # Moving around the portal (same-site referrer) does not count again.
    client.get("/consulta/?socio=CONS-MADRID", HTTP_REFERER="http://testserver/")
    assert VisitaSocio.objects.get().visitas == 1
    # A new arrival (a QR scan: no referrer) counts.
    client.get("/?socio=CONS-MADRID")
    assert VisitaSocio.objects.get().visitas == 2
    # Robots do not count.
    client.get("/?socio=CONS-MADRID", HTTP_USER_AGENT="Googlebot/2.1")
    assert VisitaSocio.objects.get().visitas == 2


def test_unknown_or_inactive_code_is_ignored(client, socio):
    socio.activo = False
    socio.save()
    texto = client.get("/?socio=CONS-MADRID").content.decode()
    assert 'href="/consulta/?socio' not in texto and 'name="socio"' not in texto
    assert client.get("/?socio=%3Cscript%3E").status_code == 200
    assert VisitaSocio.objects.count() == 0


def test_propagation_leaves_external_static_and_private_links(socio):
    html = (
        '<a href="https://otro.example/">x</a><a href="/static/a.css">s</a>'
        '<a href="/gestion/">g</a><a href="/paises/?q=1#top">p</a>'
        '<form action="https://fuera.example/"></form>'
    )
    salida = propagar_html(html, "CONS-MADRID")
    assert 'href="/paises/?q=1&amp;socio=CONS-MADRID#top"' in salida
    assert 'href="https://otro.example/"' in salida and 'href="/static/a.css"' in salida
    assert 'href="/gestion/"' in salida
    assert 'name="socio"' not in salida


def test_consultation_made_in_the_visit_records_the_partner(client, socio, sede_a, settings):
    settings.CONSULTA_TIEMPO_MINIMO = 0
    tema = Tema.objects.get_or_create(codigo="tramites-visas", defaults={"nombre": "Visas"})[0]
    pagina = client.get("/consulta/?socio=CONS-MADRID").content.decode()
    marca = re.search(r'name="marca" value="([^"]+)"', pagina).group(1)
    datos = {
        "tipo_migrante": "potencial",
        "pais": "ES",
        "tema": tema.pk,
        "pregunta": "¿Cómo trabajo en España?",
        "email": "rosa@example.org",
        "consentimiento": "on",
        "marca": marca,
        "socio": "CONS-MADRID",  # the hidden field the page carried
    }
    respuesta = client.post("/consulta/", datos)
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/consulta/enviada/?socio=CONS-MADRID"
    assert Consulta.objects.get().socio == socio


def test_boletin_subscription_in_the_visit_records_the_partner(client, socio):
    client.post("/boletin/suscribirse/", {"email": "pepe@example.org", "socio": "CONS-MADRID"})
    assert Suscriptor.objects.get().socio == "CONS-MADRID"
    assert len(mail.outbox) == 1


def test_ranking_per_month_counts_visits_consultations_and_confirmed_subscriptions(socio, sede_a):
    otro = Socio.objects.create(codigo="MUNI-CUSCO", nombre="Municipio", tipo="gobierno-local",
                                sede=sede_a)  # fmt: skip
    hoy = timezone.localdate()
    VisitaSocio.objects.create(socio=socio, fecha=hoy, visitas=5)
    VisitaSocio.objects.create(socio=otro, fecha=hoy, visitas=9)
    Consulta.objects.create(canal="web", sede=sede_a, tipo_migrante="potencial", socio=socio)
    Suscriptor.objects.create(
        email="a@example.org", socio="CONS-MADRID", confirmado_el=timezone.now()
    )
    Suscriptor.objects.create(email="b@example.org", socio="CONS-MADRID")  # not confirmed
    filas = servicios.ranking(hoy.replace(day=1), hoy)
    mes = hoy.strftime("%Y-%m")
    assert filas == [
        (mes, "MUNI-CUSCO", "Municipio", 9, 0, 0),
        (mes, "CONS-MADRID", "Consulado en Madrid", 5, 1, 1),
    ]


def test_ranking_page_and_csv(cliente_de, responsable, socio, sede_a):
    VisitaSocio.objects.create(socio=socio, fecha=timezone.localdate(), visitas=3)
    cliente = cliente_de(responsable)
    texto = cliente.get("/gestion/socios/").content.decode()
    assert "Consulado en Madrid (CONS-MADRID)" in texto
    csv = cliente.get("/gestion/socios/ranking.csv").content.decode().splitlines()
    assert csv[0] == "mes,socio,nombre,visitas,consultas,suscripciones"
    assert csv[1].endswith(",CONS-MADRID,Consulado en Madrid,3,0,0")


def test_asesor_of_another_office_gets_404_and_sees_no_ranking(cliente_de, asesor_b, socio):
    VisitaSocio.objects.create(socio=socio, fecha=timezone.localdate(), visitas=3)
    cliente = cliente_de(asesor_b)
    assert cliente.get("/gestion/socios/CONS-MADRID/").status_code == 404
    assert cliente.get("/gestion/socios/CONS-MADRID/volante.pdf").status_code == 404
    assert "CONS-MADRID" not in cliente.get("/gestion/socios/").content.decode()


def test_create_partner_validates_code(cliente_de, asesor_a, sede_a):
    cliente = cliente_de(asesor_a)
    datos = {"codigo": "mal código", "nombre": "X", "tipo": "ong"}
    respuesta = cliente.post("/gestion/socios/nuevo/", datos)
    assert "Use de 2 a 20 letras mayúsculas" in respuesta.content.decode()
    datos["codigo"] = "ong-migrantes"
    respuesta = cliente.post("/gestion/socios/nuevo/", datos)
    socio = Socio.objects.get()
    assert socio.codigo == "ONG-MIGRANTES" and socio.sede == sede_a
    assert respuesta["Location"] == "/gestion/socios/ONG-MIGRANTES/"
    assert socio.historia.count() == 1


def test_leaflet_pdf_carries_a_qr_code_to_the_partner_link(cliente_de, asesor_a, socio):
    respuesta = cliente_de(asesor_a).get("/gestion/socios/CONS-MADRID/volante.pdf")
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta.content.startswith(b"%PDF")
    from pypdf import PdfReader

    documento = PdfReader(io.BytesIO(respuesta.content))
    assert len(documento.pages) == 1
    ancho, alto = (round(float(v) * 25.4 / 72) for v in documento.pages[0].mediabox[2:])
    assert (ancho, alto) == (148, 210)  # A5
    texto = documento.pages[0].extract_text()
    assert "socio=CONS-MADRID" in texto and "Escanee el código" in texto
    assert texto.startswith("INFOMIGRA") and "Ministerio de Trabajo" in texto  # its heading


def texto_pdf(respuesta) -> str:
    from pypdf import PdfReader

    assert respuesta["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(respuesta.content)).pages[0].extract_text()


def test_leaflet_in_english_opens_the_english_portal(cliente_de, asesor_a, asesor_b, socio):
    cliente = cliente_de(asesor_a)
    detalle = cliente.get("/gestion/socios/CONS-MADRID/").content.decode()
    assert 'href="/gestion/socios/CONS-MADRID/en/volante.pdf"' in detalle
    respuesta = cliente.get("/gestion/socios/CONS-MADRID/en/volante.pdf")
    assert 'filename="volante-CONS-MADRID-en.pdf"' in respuesta["Content-Disposition"]
    texto = " ".join(texto_pdf(respuesta).split())
    assert texto.startswith("INFOMIGRA")
    assert "Thinking of migrating, living abroad or coming back to Peru?" in texto
    assert "Scan the code or visit the portal" in texto
    assert "/en/?socio=CONS-MADRID" in texto
    for espanol in ("¿Piensa migrar", "Información y orientación", "Escanee"):
        assert espanol not in texto
    # The Spanish leaflet is unchanged, and another office's partner stays hidden.
    assert "¿Piensa migrar" in texto_pdf(cliente.get("/gestion/socios/CONS-MADRID/volante.pdf"))
    otra = cliente_de(asesor_b).get("/gestion/socios/CONS-MADRID/en/volante.pdf")
    assert otra.status_code == 404


def test_consultation_period_filter_past_months(socio, sede_a):
    antes = timezone.now() - dt.timedelta(days=70)
    Consulta.objects.create(canal="web", sede=sede_a, tipo_migrante="potencial", socio=socio,
                            recibida=antes)  # fmt: skip
    hoy = timezone.localdate()
    assert servicios.ranking(hoy.replace(day=1), hoy) == []
