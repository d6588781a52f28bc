"""English FAQ entries for foreigners and Andean migrants state the same facts as the Spanish."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

FAQ = json.loads((Path(settings.BASE_DIR) / "faq/semillas/preguntas.json").read_text("utf-8"))

# English entry → the Spanish entry it translates.
TRADUCCIONES = {
    "I'm a foreigner. What do I need to work legally in Peru?": (
        "Soy extranjero, ¿qué necesito para trabajar legalmente en el Perú?"
    ),
    "How do I get a Carné de Extranjería (foreign resident ID card)?": (
        "¿Cómo obtengo mi Carné de Extranjería?"
    ),
    "I'm a refugee (or asylum seeker) in Peru. Am I allowed to work?": (
        "Soy refugiado en el Perú, ¿puedo trabajar?"
    ),
    "I'm Venezuelan. Can I use the Andean Migration Statute to stay and work in Peru?": (
        "Soy venezolano, ¿me sirve el Estatuto Migratorio Andino para quedarme a trabajar en el "
        "Perú?"
    ),
    "I'm Argentine. Can I use the MERCOSUR Residence Agreement to live and work in Peru?": (
        "Soy argentino, ¿el Acuerdo de Residencia del MERCOSUR me sirve para vivir y trabajar en "
        "el Perú?"
    ),
    'My employer kept my passport and my ID card "for safekeeping". Is that legal?': (
        'Mi empleador se quedó con mi pasaporte y mi carné "para guardarlos", ¿es legal?'
    ),
    "Can I work in Peru if I'm Colombian?": "¿Puedo trabajar en el Perú si soy colombiano?",
    "I'm Ecuadorian. How long can I stay in Peru with just my national ID card?": (
        "Soy ecuatoriano, ¿cuánto tiempo puedo quedarme en el Perú solo con mi cédula?"
    ),
    "What is the Andean Temporary Residence and what are the requirements?": (
        "¿Qué es la Residencia Temporal Andina y qué requisitos piden?"
    ),
    "I have the Andean Temporary Residence. How do I move to permanent residence?": (
        "Tengo la Residencia Temporal Andina, ¿cómo paso a la residencia permanente?"
    ),
    "I'm Bolivian and I work in Lima. Do I have the same rights as a Peruvian worker?": (
        "Soy boliviano y trabajo en Lima, ¿tengo los mismos derechos que un trabajador peruano?"
    ),
    "I have Andean residence in Peru. Can I bring my family?": (
        "Tengo residencia andina en el Perú, ¿puedo traer a mi familia?"
    ),
}
POR_PREGUNTA = {entrada["pregunta"]: entrada for entrada in FAQ}


def _cifras(texto):
    """Numbers without thousands/decimal separators, dates' day and year included."""
    sin_enlaces = re.sub(r"https?://\S+", " ", texto)
    return {
        re.sub(r"[ .,]", "", m) for m in re.findall(r"\d+(?:[ .,]\d{3})*(?:[.,]\d+)?", sin_enlaces)
    }


def _enlaces(texto):
    return {u.rstrip(".,;:") for u in re.findall(r"https?://[^\s)\]]+", texto)}


@pytest.mark.parametrize("ingles,espanol", TRADUCCIONES.items(), ids=lambda t: t[:30])
def test_english_entry_states_the_same_facts_as_the_spanish(ingles, espanol):
    en, es = POR_PREGUNTA[ingles], POR_PREGUNTA[espanol]
    assert en["idioma"] == "en" and es["idioma"] == "es"
    assert _cifras(en["respuesta"]) == _cifras(es["respuesta"])
    assert _enlaces(en["respuesta"]) == _enlaces(es["respuesta"])
    assert _cifras(en["fuente"]) == _cifras(es["fuente"])
    assert en["perfiles"] == es["perfiles"] and en["tema"] == es["tema"]


def test_andean_and_foreign_profiles_have_english_entries():
    ingles = [e for e in FAQ if e.get("idioma") == "en"]
    assert sum("andino" in e["perfiles"] for e in ingles) >= 7
    assert sum("extranjero" in e["perfiles"] for e in ingles) >= 11


@pytest.mark.django_db
def test_english_faq_lists_the_andean_entries(client):
    call_command("cargar_preguntas", stdout=StringIO())
    html = client.get("/en/preguntas-frecuentes/", {"perfil": "andino"}).content.decode()
    assert "What is the Andean Temporary Residence and what are the requirements?" in html
    assert "¿Qué es la Residencia Temporal Andina" not in html
