"""Hostile input (hypothesis): random and malicious values at every public form and at the
CSV import. Never a 500, nothing half-saved, nothing rendered unescaped."""

import csv
import io
import urllib.parse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultas.intercambio.exportacion import COLUMNAS
from consultas.models import Consulta

pytestmark = pytest.mark.django_db

MARCADOR = "<script>alert('x')</script>"
CARGAS = [
    MARCADOR,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE consultas_consulta; --",
    "' OR '1'='1",
    '=HYPERLINK("http://malo.example")',
    "\x00\x01\x02\x1b[31m",
    "\u202e\ufeff\u200b",
    "{{ settings.SECRET_KEY }}",
    "%s%s%s%n",
    "../../etc/passwd",
    "C-2026-000001",
    "9" * 400,
    "ñandú ÁÉÍÓÚ 漢字 🙂",
]
texto_hostil = st.one_of(
    st.sampled_from(CARGAS),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=3000, max_size=6000),
    st.builds(lambda a, b: a + MARCADOR + b, st.text(max_size=20), st.text(max_size=20)),
)
valor_hostil = st.one_of(texto_hostil, st.integers().map(str), st.just(""))
AJUSTES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def sin_marcador_crudo(html: str):
    assert "<script>alert('x')" not in html
    assert "onerror=alert(1)>" not in html


def enviar_crudo(client, ruta, campos):
    """POST form data that may carry invalid UTF-8 (bytes values are sent as-is)."""
    cuerpo = urllib.parse.urlencode(campos, doseq=True)
    return client.generic("POST", ruta, cuerpo, content_type="application/x-www-form-urlencoded")


@AJUSTES
@given(q=texto_hostil, perfil=valor_hostil, tema=valor_hostil, pagina=valor_hostil)
def test_faq_search_never_fails(client, q, perfil, tema, pagina):
    respuesta = client.get(
        "/preguntas-frecuentes/", {"q": q, "perfil": perfil, "tema": tema, "page": pagina}
    )
    assert respuesta.status_code in (200, 400)
    sin_marcador_crudo(respuesta.content.decode())


@AJUSTES
@given(voto=valor_hostil, siguiente=valor_hostil, basura=st.binary(max_size=200))
def test_faq_vote_never_fails(client, voto, siguiente, basura):
    from contenidos.models import Tema
    from faq.models import Pregunta

    pregunta, _ = Pregunta.objects.get_or_create(
        pregunta="¿Puedo trabajar en el Perú?",
        defaults={"respuesta": "Sí.", "tema": Tema.objects.first(), "publicada": True},
    )
    respuesta = enviar_crudo(
        client,
        f"/preguntas-frecuentes/{pregunta.slug}/votar/",
        {"util": voto, "siguiente": siguiente, "x": basura},
    )
    assert respuesta.status_code < 500
    if respuesta.status_code in (301, 302):
        assert not respuesta["Location"].startswith(("http://", "https://", "//"))


@AJUSTES
@given(usuario=texto_hostil, clave=texto_hostil, siguiente=valor_hostil)
def test_login_form_never_fails(client, usuario, clave, siguiente):
    respuesta = client.post(
        "/cuentas/login/", {"username": usuario, "password": clave, "next": siguiente}
    )
    assert respuesta.status_code in (200, 403, 429)
    sin_marcador_crudo(respuesta.content.decode())


def _csv(filas):
    salida = io.StringIO()
    escritor = csv.writer(salida)
    escritor.writerow(COLUMNAS)
    escritor.writerows(filas)
    return salida.getvalue()


FILA_VALIDA = {
    "ref": "",
    "fecha": "2026-03-02",
    "hora": "10:15",
    "canal": "presencial",
    "sede": "LIMA",
    "tipo_migrante": "potencial",
    "sexo": "F",
    "edad": "30",
    "nacionalidad": "PE",
    "pais": "ES",
    "temas": "empleo-exterior",
    "medio": "digemin",
    "resumen": "Consulta",
    "respuesta": "",
    "recibida": "",
    "respondida": "",
}


@AJUSTES
@given(
    cambios=st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from(COLUMNAS), valor_hostil), max_size=6
    )
)
def test_csv_import_is_all_or_nothing_with_hostile_cells(cliente_de, responsable, cambios):
    filas = [dict(FILA_VALIDA) for _ in range(3)]
    for indice, columna, valor in cambios:
        filas[indice][columna] = valor
    contenido = _csv([[f[c] for c in COLUMNAS] for f in filas]).encode("utf-8", "surrogatepass")
    Consulta.objects.all().delete()  # each example starts empty: known refs would be skipped
    antes = 0
    respuesta = cliente_de(responsable).post(
        "/gestion/consultas/importar/",
        {"archivo": SimpleUploadedFile("c.csv", contenido, "text/csv")},
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    sin_marcador_crudo(html)
    despues = Consulta.objects.count()
    assert despues - antes in (0, 3), "importación a medias"
    if despues == antes:
        assert "línea" in html


@AJUSTES
@given(contenido=st.binary(max_size=2000))
def test_csv_import_survives_random_bytes(cliente_de, responsable, contenido):
    antes = Consulta.objects.count()
    respuesta = cliente_de(responsable).post(
        "/gestion/consultas/importar/",
        {"archivo": SimpleUploadedFile("c.csv", contenido, "text/csv")},
    )
    assert respuesta.status_code == 200
    assert Consulta.objects.count() == antes


def _marca_valida():
    """A signed form timestamp old enough to pass the minimum fill time."""
    import time

    from django.core import signing

    from consultas.remotas.forms import SAL_MARCA

    return signing.dumps(str(time.time() - 60), salt=SAL_MARCA)


@AJUSTES
@given(
    campos=st.fixed_dictionaries(
        {
            "tipo_migrante": valor_hostil,
            "pais": valor_hostil,
            "tema": valor_hostil,
            "pregunta": texto_hostil,
            "email": valor_hostil,
            "nombre": texto_hostil,
            "telefono": valor_hostil,
            "edad": valor_hostil,
            "sexo": valor_hostil,
            "consentimiento": valor_hostil,
        }
    ),
    marca_buena=st.booleans(),
    basura=st.binary(max_size=100),
)
def test_public_consultation_form_never_fails_nor_half_saves(
    client, sede_a, campos, marca_buena, basura
):
    from consultas.models import Mensaje

    campos = {**campos, "marca": _marca_valida() if marca_buena else campos["pregunta"]}
    campos["x"] = basura
    antes = (Consulta.objects.count(), Mensaje.objects.count())
    respuesta = enviar_crudo(client, "/consulta/", campos)
    assert respuesta.status_code in (200, 302, 400, 429)
    despues = (Consulta.objects.count(), Mensaje.objects.count())
    if respuesta.status_code == 302:
        assert despues == (antes[0] + 1, antes[1] + 2)  # the question and the acknowledgement
    else:
        assert despues == antes
        sin_marcador_crudo(respuesta.content.decode())


@AJUSTES
@given(email=valor_hostil, temas=st.lists(valor_hostil, max_size=3), trampa=valor_hostil)
def test_newsletter_subscription_never_fails(client, email, temas, trampa):
    respuesta = client.post(
        "/boletin/suscribirse/", {"email": email, "temas": temas, "sitio_web": trampa}
    )
    assert respuesta.status_code in (200, 302, 400, 429)
    sin_marcador_crudo(respuesta.content.decode())


@AJUSTES
@given(q=texto_hostil, pais=valor_hostil, perfil=valor_hostil)
def test_portal_search_and_directory_filters_never_fail(client, q, pais, perfil):
    for ruta, datos in (
        ("/buscar/", {"q": q}),
        ("/instituciones/", {"pais": pais, "perfil": perfil}),
        ("/boletin/", {"tema": perfil}),
    ):
        respuesta = client.get(ruta, datos)
        assert respuesta.status_code in (200, 400), ruta
        sin_marcador_crudo(respuesta.content.decode())
