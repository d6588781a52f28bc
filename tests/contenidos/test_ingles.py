"""The portal's interface in English: every string translated and compiled."""

import re
from pathlib import Path

import pytest

from contenidos.carga import cargar_todo

pytestmark = pytest.mark.django_db

PO = Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.po"


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


CARPETAS_CON_TEXTOS = ("infomigra", "consultas", "contenidos", "faq", "templates")


def _mensajes(ruta):
    import polib

    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in polib.pofile(str(ruta)) if not e.obsolete}


def test_po_file_is_up_to_date_with_the_source(tmp_path, monkeypatch, settings):
    """Every message in the code and templates is in the committed .po, and no stale one is.

    makemessages runs on a copy of the source folders (it writes temporary files next to the
    templates) with a temporary locale folder, so the working tree is never touched.
    """
    import shutil

    from django.core.management import call_command

    if shutil.which("xgettext") is None:
        pytest.fail("gettext no está instalado (apt-get install gettext)")
    raiz = PO.parents[3]
    copia = tmp_path / "fuente"
    for carpeta in CARPETAS_CON_TEXTOS:
        shutil.copytree(
            raiz / carpeta,
            copia / carpeta,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "*.po"),
        )
    (copia / "locale").mkdir()
    settings.LOCALE_PATHS = [copia / "locale"]
    monkeypatch.chdir(copia)
    call_command("makemessages", locale=["en"], verbosity=0)

    en_el_codigo = _mensajes(copia / "locale/en/LC_MESSAGES/django.po")
    en_el_po = _mensajes(PO)
    faltan = sorted(m[1] for m in en_el_codigo - en_el_po)
    sobran = sorted(m[1] for m in en_el_po - en_el_codigo)
    assert faltan == [], "Run makemessages -l en and translate these messages"
    assert sobran == [], "Run makemessages -l en: these messages are no longer in the code"
