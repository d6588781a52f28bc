"""The portal's interface in English: every string translated and compiled."""

import re
from pathlib import Path

import pytest

from contenidos.carga import cargar_todo

pytestmark = pytest.mark.django_db

PO = Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"


def test_every_message_has_an_english_translation():
    texto = PO.read_text(encoding="utf-8")
    bloques = texto.split("\n\n")[1:]
    vacios = [b for b in bloques if re.search(r'msgstr(\[\d\])? ""\Z', b.strip())]
    assert vacios == []
    assert "#, fuzzy" not in texto


def test_compiled_catalogue_matches_the_po_file(tmp_path):
    """The committed .mo is what msgfmt makes of the committed .po (no stale compile)."""
    import gettext
    import shutil
    import subprocess

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("msgfmt no está instalado (apt-get install gettext)")
    compilado = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check-format", "-o", str(compilado), str(PO)], check=True)
    with compilado.open("rb") as nuevo, PO.with_suffix(".mo").open("rb") as guardado:
        assert gettext.GNUTranslations(nuevo)._catalog == gettext.GNUTranslations(guardado)._catalog


def test_english_home_navigation_and_forms(client):
    cargar_todo()
    html = client.get("/en/").content.decode()
    for texto in (
        "Skip to content",
        "What is your situation?",
        "I am asking for a relative",
        "Countries",
        "Newsletter",
        "Where and when we see you",
    ):
        assert texto in html
    assert 'href="/en/perfil/extranjero/"' in html
    boletin = client.get("/en/boletin/").content.decode()
    assert "Get it by email" in boletin and "Subscribe" in boletin
    filtros = client.get("/en/instituciones/", {"pais": "ZZ"}).content.decode()
    assert "Country: choose a country from the list." in filtros
