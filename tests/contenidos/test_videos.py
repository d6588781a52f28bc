"""Videos: by category, self-hosted <video controls> with transcript, captions and download."""

import json
import re
from pathlib import Path

import pytest

from contenidos import videos
from contenidos.models import Video
from tests.conftest import falta_programa

pytestmark = pytest.mark.django_db

ESTATICOS = Path(__file__).resolve().parents[2] / "static"
SLUG = "como-reconocer-una-oferta-de-trabajo-falsa"


def test_video_list_groups_by_category(client, contenido):
    html = client.get("/videos/").content.decode()
    for etiqueta in ("Riesgos: trata y estafas", "Oportunidades en el país", "Trámites"):
        assert etiqueta in html
    assert f'href="/videos/{SLUG}/"' in html


def test_video_page_is_self_hosted_without_autoplay_and_shows_transcript(client, contenido):
    html = client.get(f"/videos/{SLUG}/").content.decode()
    assert "<video controls" in html and "autoplay" not in html
    assert f'src="/static/videos/{SLUG}.webm"' in html
    assert f'src="/static/videos/{SLUG}.vtt"' in html
    assert 'kind="captions"' in html
    assert f'href="/static/videos/{SLUG}.webm" download' in html
    assert "Transcripción" in html and 'Línea <a href="tel:1818">1818</a>' in html
    assert "youtube" not in html.lower()
    # Nothing is loaded from a third party; links to the official sources are plain <a>.
    assert re.findall(r'src="(https?://[^"]+)"', html) == []
    assert re.findall(r'<link[^>]+href="(https?://[^"]+)"', html) == []


def test_committed_video_files_are_small_and_listed(contenido):
    indice = json.loads((ESTATICOS / "videos/indice.json").read_text(encoding="utf-8"))
    assert set(indice) == set(Video.objects.values_list("slug", flat=True))
    for slug, datos in indice.items():
        archivo = (ESTATICOS / datos["archivo"]).read_bytes()
        assert archivo[:4] == b"\x1a\x45\xdf\xa3", slug  # EBML header: a real WebM file
        assert len(archivo) < 1024 * 1024, slug
        assert (ESTATICOS / datos["subtitulos"]).read_text(encoding="utf-8").startswith("WEBVTT")
        assert datos["duracion"] > 20


def test_video_without_file_shows_illustrated_transcript(client, contenido):
    video = Video.objects.get(slug=SLUG)
    video.archivo = video.subtitulos = ""
    video.save()
    html = client.get(f"/videos/{SLUG}/").content.decode()
    assert "<video" not in html
    assert "Sueldo alto, pasaje pagado, vivienda gratis: desconfíe" in html
    assert "Transcripción" in html


def test_sentences_are_spread_over_slides_in_order():
    grupos = videos.repartir(["a.", "b.", "c.", "d.", "e."], 3)
    assert grupos == [["a.", "b."], ["c."], ["d.", "e."]]
    assert videos.repartir(["a.", "b."], 4) == [["a."], ["b."]]
    assert videos.frases("Uno. ¿Dos? Tres!  Cuatro") == ["Uno.", "¿Dos?", "Tres!", "Cuatro"]


def test_captions_follow_slide_durations():
    vtt = videos.subtitulos_vtt([(4.0, ["Hola.", "Adiós."]), (2.0, ["Fin."])])
    assert vtt.startswith("WEBVTT")
    assert "00:00:00.000 --> 00:00:01.818\nHola." in vtt
    assert "00:00:04.000 --> 00:00:06.000\nFin." in vtt


def test_slide_is_drawn_with_pillow():
    imagen = videos.dibujar_diapositiva("Línea 1818: gratuita", 2, 5, "INFOMIGRA")
    assert imagen.size == (640, 360)
    assert imagen.getpixel((5, 5)) == videos.FONDO


@pytest.fixture
def herramientas():
    faltan = videos.herramientas_faltantes()
    if faltan:
        falta_programa(f"Faltan {', '.join(faltan)} (apt-get install ffmpeg espeak-ng)")


def test_generate_a_real_narrated_video(tmp_path, herramientas):
    generado = videos.generar(
        "prueba", ["Primera idea", "Segunda idea"], "Hola. Esto es una prueba.", tmp_path, "X"
    )
    assert (tmp_path / "prueba.webm").stat().st_size == generado.bytes < 200_000
    assert (tmp_path / "prueba.jpg").exists()
    assert generado.duracion >= 2
    assert "Esto es una prueba." in (tmp_path / "prueba.vtt").read_text()
    with pytest.raises(videos.ErrorDeVideo):
        videos.generar("vacio", [], "Nada.", tmp_path, "X")
