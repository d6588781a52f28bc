"""Facts corrected after the content review: each test fails if the old wording comes back.

The seed files are read as text (every file under contenidos/semillas/, the FAQ seed and the
narrated videos' captions), and the pages are checked through the client after loading.
"""

import datetime
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from contenidos.campos import CodigosField
from contenidos.carga import DIRECTORIO, cargar_todo
from contenidos.models import Convenio, Guia, Institucion, PaisGuia
from faq.models import Pregunta

FAQ = Path(settings.BASE_DIR) / "faq" / "semillas" / "preguntas.json"
VIDEOS = Path(settings.BASE_DIR) / "static" / "videos"


def textos_sembrados():
    """(name, text) of every seeded text: content seeds, FAQ seed and video captions."""
    rutas = [p for p in sorted(DIRECTORIO.rglob("*")) if p.is_file()]
    rutas += [FAQ, *sorted(VIDEOS.glob("*.vtt"))]
    return [(p.name, p.read_text(encoding="utf-8")) for p in rutas]


def _faq():
    return json.loads(FAQ.read_text(encoding="utf-8"))


def _guia(nombre):
    return (DIRECTORIO / "perfiles" / nombre).read_text(encoding="utf-8")


def _pais(iso):
    return (DIRECTORIO / "paises" / f"{iso}.md").read_text(encoding="utf-8")


def test_returnee_card_is_resolved_in_15_working_days_everywhere():
    treinta = re.compile(r"(30|treinta)\s+d[ií]as\s+h[aá]biles", re.IGNORECASE)
    for nombre, texto in textos_sembrados():
        assert not treinta.search(texto), nombre
    for nombre in ("retornado.md", "emigrante.md"):
        assert "15 días hábiles" in _guia(nombre)
    assert "15 días hábiles" in (DIRECTORIO / "boletin" / "2.md").read_text(encoding="utf-8")
    assert "quince días hábiles" in (VIDEOS / "la-tarjeta-del-migrante-retornado.vtt").read_text()


def test_narrated_video_matches_its_script():
    """The rendered captions are the script of videos.json: the video was regenerated."""
    guion = next(
        v
        for v in json.loads((DIRECTORIO / "videos.json").read_text(encoding="utf-8"))
        if v["titulo"] == "La Tarjeta del Migrante Retornado"
    )
    subtitulos = (VIDEOS / "la-tarjeta-del-migrante-retornado.vtt").read_text(encoding="utf-8")
    lineas = [ln for ln in subtitulos.splitlines()[1:] if ln and "-->" not in ln]
    assert " ".join(lineas) == " ".join(guion["transcripcion"].split())


def test_returnee_card_requirements_and_tax_benefits_under_ley_30525():
    retornado = _guia("retornado.md")
    assert "Ley N° 30525" in retornado and "**3 años**" in retornado
    assert "restableció los beneficios tributarios" in retornado
    assert "**US$ 50 000**" in retornado  # household goods
    assert "en línea" in retornado and "Formulario R-1" in retornado
    assert "Relaciones Exteriores en Lima" not in retornado
    for nombre, texto in textos_sembrados():
        assert "ya no están vigentes desde agosto de 2016" not in texto, nombre
        assert "no están vigentes desde agosto de 2016" not in texto, nombre
        assert "Relaciones Exteriores en Lima" not in texto, nombre
        assert "Qué cambió con la Ley 31827" not in texto, nombre
    preguntas = _faq()
    assert "restableció los beneficios tributarios" in preguntas[27]["respuesta"]
    assert "**Hoy se exigen 3 años**" in preguntas[26]["respuesta"]
    assert "US$ 50 000" in preguntas[27]["respuesta"]


def test_no_returnee_minimum_left_as_verify():
    for nombre, texto in textos_sembrados():
        assert not re.search(r"tiempo m[ií]nimo[^.]{0,120}verifique", texto), nombre


def test_cmiss_includes_colombia_and_dominican_republic():
    convenios = json.loads((DIRECTORIO / "convenios.json").read_text(encoding="utf-8"))
    cmiss = next(c for c in convenios if "(CMISS)" in c["nombre"])
    assert {"CO", "DO"} <= set(cmiss["paises"])
    assert "Colombia" in cmiss["descripcion"] and "República Dominicana" in cmiss["descripcion"]
    lista_vieja = "Ecuador, El Salvador, España, Paraguay, Portugal y Uruguay, entre otros"
    for nombre, texto in textos_sembrados():
        assert lista_vieja not in texto, nombre
        assert "Bolivia y Ecuador aplican además" not in texto, nombre
    assert "1 de agosto de 2023" in _pais("CO")
    assert "verifique" not in _pais("CO").split("## Seguridad social")[1].split("##")[0]


@pytest.mark.django_db
def test_colombia_page_lists_the_cmiss(client):
    cargar_todo()
    html = client.get("/paises/CO/").content.decode()
    assert "Convenio Multilateral Iberoamericano de Seguridad Social (CMISS)" in html
    assert Convenio.objects.filter(paises__contains=CodigosField.patron("DO")).exists()


def test_chile_mercosur_residence_does_not_cover_peruvians():
    chile = _pais("CL")
    assert "**no sirve para peruanos**" in chile
    assert "Alianza del Pacífico" in chile
    assert "1 de octubre de 2006" in chile
    instituciones = (DIRECTORIO / "instituciones.json").read_text(encoding="utf-8")
    assert "incluidos los de nacionales de países del Acuerdo de Residencia" not in instituciones


def test_service_was_born_in_the_labour_migration_directorate():
    acerca = (DIRECTORIO / "paginas" / "acerca.md").read_text(encoding="utf-8")
    assert "**agosto de 2010**" in acerca and "**Dirección de Migración Laboral**" in acerca
    assert "RVM" in acerca or "Resolución Viceministerial N° 002-2011-MTPE/3" in acerca
    for nombre, texto in textos_sembrados():
        assert "nació dentro de la" not in texto, nombre
        assert "se creó dentro de la Ventanilla" not in texto, nombre
    assert "Dirección de Migración Laboral" in _faq()[69]["respuesta"]


def test_venezuelan_cpp_must_be_changed_to_especial_residente():
    venezuela = _pais("VE")
    assert "**CPP dura 1 año y no se renueva**" in venezuela
    assert "Especial Residente" in venezuela and "multa diaria" in venezuela


def test_foreigners_guides_name_mercosur_residence_and_asylum_seekers_work():
    for nombre, mercosur, refugio in (
        ("extranjero.md", "Residencia temporal MERCOSUR", "autorización provisional de trabajo"),
        ("extranjero.en.md", "MERCOSUR temporary residence", "provisional work authorisation"),
    ):
        texto = _guia(nombre)
        assert mercosur in texto and refugio in texto, nombre
        assert "2018" in texto, nombre  # SIVICE runs since December 2018
    assert "no está detallado en nuestras fuentes" not in _faq()[45]["respuesta"]


def test_criminal_record_and_agency_register():
    potencial = _guia("potencial.md")
    assert "Certificado de antecedentes penales" in potencial
    assert "Registro Nacional de Agencias Privadas de Empleo" in potencial
    andino = _guia("andino.md").split("### Residencia Permanente Andina")[1].split("##")[0]
    assert "certificado de antecedentes" in andino
    for iso in ("BO", "CO", "EC"):
        assert "medios lícitos de vida y presentando un certificado de antecedentes" in _pais(iso)


def test_etias_on_spain_and_italy():
    for iso in ("ES", "IT"):
        assert "**ETIAS**" in _pais(iso), iso


def test_foreign_ministry_directorate_has_its_current_name():
    for nombre, texto in textos_sembrados():
        for linea in texto.splitlines():
            if '"antes_llamada"' in linea:  # the old name, kept to rename an existing row
                continue
            viejo = re.search(
                r"Comunidades Peruanas en el Exterior(?! y Asuntos Consulares)", linea
            )
            assert not viejo, (nombre, linea)


def test_current_remittance_figure():
    respuesta = _faq()[19]["respuesta"]
    assert "5368 millones" in respuesta and "3051" not in respuesta


@pytest.mark.django_db
def test_corrections_reach_an_existing_database():
    """A database seeded before the review gets the fixes by running the loaders again."""
    cargar_todo()
    call_command("cargar_preguntas", stdout=StringIO())
    antes = datetime.date(2026, 11, 20)
    guia = Guia.objects.get(perfil="retornado", idioma="es")
    guia.cuerpo = "La solicitud debe resolverse en **30 días hábiles**."
    guia.revisado_el = antes
    guia.save()
    pregunta = Pregunta.objects.get(orden=26)  # FAQ entry #25 (1-based order)
    pregunta.respuesta = "La solicitud se resuelve en un plazo de **30 días hábiles**."
    pregunta.revisado_el = antes
    pregunta.save()
    institucion = Institucion.objects.get(titulo__contains="Comunidades Peruanas")
    institucion.titulo = institucion.titulo.removesuffix(" y Asuntos Consulares")
    institucion.save()
    total = Institucion.objects.count()

    call_command("cargar_contenido", stdout=StringIO())
    salida = StringIO()
    call_command("cargar_preguntas", stdout=salida)

    guia.refresh_from_db()
    pregunta.refresh_from_db()
    institucion.refresh_from_db()
    assert "15 días hábiles" in guia.cuerpo and "30 días" not in guia.cuerpo
    assert "15 días hábiles" in pregunta.respuesta
    assert "1 actualizadas" in salida.getvalue()
    assert institucion.titulo.endswith("y Asuntos Consulares")
    assert Institucion.objects.count() == total
    assert PaisGuia.objects.get(iso="CO", idioma="es").revisar_antes_de


def test_unverified_forced_labour_fine_range_is_gone_and_uit_is_explained():
    for nombre, texto in textos_sembrados():
        assert not re.search(r"50\s*(a|to|–|-)\s*200\s*UIT", texto), nombre
    assert "UIT (Unidad Impositiva Tributaria" in _faq()[46]["respuesta"]


def test_refugee_faq_names_asylum_seekers_provisional_work_authorisation():
    preguntas = _faq()
    assert "autorización provisional de trabajo" in preguntas[43]["respuesta"]
    assert "provisional work authorisation" in preguntas[82]["respuesta"]
    for entrada in (preguntas[43], preguntas[82]):  # the article number was not verifiable
        assert "art. 26" not in entrada["fuente"] and "26" not in entrada["respuesta"]
