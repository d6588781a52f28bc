"""The editor workspace under /gestion/contenidos/: lists with review dates, a large Markdown
box with a server-rendered preview, draft/publish, and the audit history of every change."""

import datetime as dt

import pytest

from contenidos.models import Alerta, Guia, PaisGuia, Tema, Video
from faq.models import Pregunta

pytestmark = pytest.mark.django_db

TEXTO = "## Antes de viajar\n\nRevise **tres** cosas.\n\n<script>alert(1)</script>"


@pytest.fixture
def guia(db):
    return Guia.objects.create(
        perfil="potencial",
        titulo="Guía para quien piensa migrar",
        cuerpo="Texto anterior.",
        publicado=True,
        revisado_el=dt.date(2026, 3, 5),
    )


def datos_guia(guia, **cambios):
    return {"titulo": guia.titulo, "resumen": "", "cuerpo": TEXTO, "fuente": "", **cambios}


def url_editar(clave, pk):
    return f"/gestion/contenidos/{clave}/{pk}/"


def test_workspace_lists_every_kind_with_review_dates(cliente_de, editor, guia):
    PaisGuia.objects.create(iso="ES", nombre="España", tipo="destino", titulo="España")
    Alerta.objects.create(titulo="Ofertas falsas", nivel="peligro")
    Video.objects.create(slug="trata", categoria="riesgos", titulo="Cómo reconocer la trata")
    Pregunta.objects.create(
        pregunta="¿Necesito visa?", respuesta="Depende.", tema=Tema.objects.first()
    )
    cliente = cliente_de(editor)
    inicio = cliente.get("/gestion/contenidos/").content.decode()
    for titulo in (
        "Guías por perfil",
        "Guías de país",
        "Preguntas frecuentes",
        "Alertas",
        "Videos",
    ):
        assert titulo in inicio
    for clave, texto in [
        ("guias", "Guía para quien piensa migrar"),
        ("paises", "España"),
        ("alertas", "Ofertas falsas"),
        ("videos", "Cómo reconocer la trata"),
        ("preguntas", "¿Necesito visa?"),
    ]:
        pagina = cliente.get(f"/gestion/contenidos/{clave}/")
        assert pagina.status_code == 200, clave
        html = pagina.content.decode()
        assert texto in html and "Revisado el" in html, clave
    assert "05/03/2026" in cliente.get("/gestion/contenidos/guias/").content.decode()


def test_preview_renders_the_markdown_without_saving(cliente_de, editor, guia):
    cliente = cliente_de(editor)
    pagina = cliente.get(url_editar("guias", guia.pk)).content.decode()
    assert 'rows="30"' in pagina and "Vista previa" in pagina

    respuesta = cliente.post(
        url_editar("guias", guia.pk), {**datos_guia(guia), "accion": "vista_previa"}
    )
    html = respuesta.content.decode()
    previa = html.split('id="titulo-vista-previa"')[1]
    assert "<h2" in previa and "<strong>tres</strong>" in previa
    assert "<script>alert(1)</script>" not in html
    guia.refresh_from_db()
    assert guia.cuerpo == "Texto anterior."  # nothing saved


def test_draft_hides_and_publish_shows_on_the_portal(client, cliente_de, editor, guia):
    cliente = cliente_de(editor)
    borrador = cliente.post(
        url_editar("guias", guia.pk), {**datos_guia(guia), "accion": "borrador"}
    )
    assert borrador.status_code == 302
    guia.refresh_from_db()
    assert not guia.publicado and guia.cuerpo == TEXTO
    cliente.logout()
    assert "Revise" not in client.get("/perfil/potencial/").content.decode()

    cliente = cliente_de(editor)
    cliente.post(url_editar("guias", guia.pk), {**datos_guia(guia), "accion": "publicar"})
    guia.refresh_from_db()
    assert guia.publicado
    cliente.logout()
    publica = client.get("/perfil/potencial/").content.decode()
    assert "<strong>tres</strong>" in publica and "<script>alert(1)" not in publica


def test_every_change_is_in_the_audit_history(cliente_de, editor, guia):
    cliente = cliente_de(editor)
    cliente.post(url_editar("guias", guia.pk), {**datos_guia(guia), "accion": "publicar"})
    ultimo = guia.historia.latest("history_date")
    assert ultimo.history_user == editor and ultimo.cuerpo == TEXTO
    pagina = cliente.get(url_editar("guias", guia.pk)).content.decode()
    assert "Historial de cambios" in pagina and "Editor" in pagina


def test_faq_entry_is_edited_and_published_the_same_way(cliente_de, editor):
    tema = Tema.objects.first()
    pregunta = Pregunta.objects.create(pregunta="¿Necesito visa?", respuesta="Depende.", tema=tema)
    cliente = cliente_de(editor)
    datos = {
        "pregunta": "¿Necesito visa para trabajar?",
        "tema": tema.pk,
        "respuesta": "Depende del **país**.",
        "fuente": "",
        "revisado_el": "30/11/2026",
    }
    previa = cliente.post(url_editar("preguntas", pregunta.pk), {**datos, "accion": "vista_previa"})
    assert "<strong>país</strong>" in previa.content.decode().split('id="titulo-vista-previa"')[1]
    cliente.post(url_editar("preguntas", pregunta.pk), {**datos, "accion": "publicar"})
    pregunta.refresh_from_db()
    assert pregunta.publicada and pregunta.revisado_el == dt.date(2026, 11, 30)
    assert "<strong>país</strong>" in pregunta.respuesta_html


def test_bad_input_is_explained_not_saved(cliente_de, editor, guia):
    cliente = cliente_de(editor)
    sin_accion = cliente.post(url_editar("guias", guia.pk), datos_guia(guia))
    assert sin_accion.status_code == 200
    assert "Elija «Vista previa»" in sin_accion.content.decode()
    sin_titulo = cliente.post(
        url_editar("guias", guia.pk), {**datos_guia(guia, titulo=""), "accion": "publicar"}
    )
    assert sin_titulo.status_code == 200 and "Revise los campos marcados" in (
        sin_titulo.content.decode()
    )
    guia.refresh_from_db()
    assert guia.cuerpo == "Texto anterior."
    assert cliente.get("/gestion/contenidos/nada/").status_code == 404
    assert cliente.get(url_editar("guias", 999999)).status_code == 404


def test_responsable_reads_the_lists_but_cannot_edit(cliente_de, responsable, guia):
    cliente = cliente_de(responsable)
    lista = cliente.get("/gestion/contenidos/guias/")
    assert lista.status_code == 200
    assert url_editar("guias", guia.pk) not in lista.content.decode()
    assert cliente.get(url_editar("guias", guia.pk)).status_code == 403
