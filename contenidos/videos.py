"""Narrated slide videos made on this machine: Pillow slides + espeak-ng voice + ffmpeg (WebM).

Self-hosted files mean no third-party player and no tracking. Each video gets a WebM (VP9 +
Opus, small), a WebVTT caption track and a poster (the first slide as JPEG); ``indice.json``
records what was made so ``cargar_contenido`` can link the files.
"""

import json
import re
import shutil
import subprocess
import tempfile
import textwrap
import wave
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ANCHO, ALTO = 640, 360
FONDO = (10, 58, 107)
TEXTO = (255, 255, 255)
ACENTO = (255, 200, 87)
FUENTE_NEGRITA = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FUENTE_NORMAL = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
VOZ = "es-419"


class ErrorDeVideo(Exception):
    pass


def herramientas_faltantes() -> list[str]:
    return [h for h in ("ffmpeg", "espeak-ng") if shutil.which(h) is None]


def frases(texto: str) -> list[str]:
    partes = re.split(r"(?<=[.!?…])\s+", " ".join(texto.split()))
    return [p for p in partes if p]


def repartir(elementos: list[str], grupos: int) -> list[list[str]]:
    """Split ``elementos`` into ``grupos`` contiguous, non-empty runs (as even as possible)."""
    grupos = max(1, min(grupos, len(elementos)))
    limites = [round(i * len(elementos) / grupos) for i in range(grupos + 1)]
    return [elementos[limites[i] : limites[i + 1]] for i in range(grupos)]


def _fuente(ruta: str, tamano: int):
    try:
        return ImageFont.truetype(ruta, tamano)
    except OSError:
        return ImageFont.load_default(tamano)


def dibujar_diapositiva(texto: str, numero: int, total: int, marca: str) -> Image.Image:
    imagen = Image.new("RGB", (ANCHO, ALTO), FONDO)
    lapiz = ImageDraw.Draw(imagen)
    grande = _fuente(FUENTE_NEGRITA, 34)
    pequena = _fuente(FUENTE_NORMAL, 18)
    lineas = textwrap.wrap(texto, width=30)
    alto_linea = 44
    y = (ALTO - alto_linea * len(lineas)) // 2 - 10
    for linea in lineas:
        ancho = lapiz.textlength(linea, font=grande)
        lapiz.text(((ANCHO - ancho) / 2, y), linea, font=grande, fill=TEXTO)
        y += alto_linea
    lapiz.rectangle((0, ALTO - 40, ANCHO, ALTO), fill=(6, 38, 72))
    lapiz.text((20, ALTO - 31), marca, font=pequena, fill=ACENTO)
    pie = f"{numero}/{total}"
    lapiz.text((ANCHO - 20 - lapiz.textlength(pie, font=pequena), ALTO - 31), pie, font=pequena)
    return imagen


def _voz(texto: str, destino: Path) -> float:
    orden = [shutil.which("espeak-ng"), "-v", VOZ, "-s", "155", "-w", str(destino), texto]
    subprocess.run(orden, check=True, capture_output=True)  # noqa: S603 (fixed program, list args)
    with wave.open(str(destino)) as w:
        return w.getnframes() / w.getframerate()


def _unir_wav(partes: list[Path], destino: Path):
    with wave.open(str(partes[0])) as primero:
        parametros = primero.getparams()
    with wave.open(str(destino), "wb") as salida:
        salida.setparams(parametros)
        for parte in partes:
            with wave.open(str(parte)) as w:
                salida.writeframes(w.readframes(w.getnframes()))


def _tiempo(segundos: float) -> str:
    horas, resto = divmod(segundos, 3600)
    minutos, seg = divmod(resto, 60)
    return f"{int(horas):02d}:{int(minutos):02d}:{seg:06.3f}"


def subtitulos_vtt(tramos: list[tuple[float, list[str]]]) -> str:
    """WebVTT cues: each slide's sentences share its duration in proportion to their length."""
    lineas = ["WEBVTT", ""]
    inicio = 0.0
    for duracion, oraciones in tramos:
        total = sum(len(o) for o in oraciones) or 1
        for oracion in oraciones:
            fin = inicio + duracion * len(oracion) / total
            lineas += [f"{_tiempo(inicio)} --> {_tiempo(fin)}", oracion, ""]
            inicio = fin
    return "\n".join(lineas)


@dataclass
class VideoGenerado:
    slug: str
    archivo: str
    subtitulos: str
    duracion: int
    bytes: int


# The encoder's options: a small VP9 + Opus WebM (slides change rarely; speech only).
OPCIONES_FFMPEG = [
    *["-vf", "fps=5,format=yuv420p", "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "42"],
    *["-row-mt", "1", "-deadline", "good", "-cpu-used", "4", "-g", "150"],
    *["-c:a", "libopus", "-b:a", "24k", "-ac", "1", "-shortest"],
]


def _comprobar(slug: str, diapositivas: list[str]) -> None:
    faltan = herramientas_faltantes()
    if faltan:
        raise ErrorDeVideo(
            f"Faltan programas: {', '.join(faltan)} (apt-get install {' '.join(faltan)})."
        )
    if not diapositivas:
        raise ErrorDeVideo(f"{slug}: el video no tiene diapositivas.")


def _grupos_por_diapositiva(transcripcion: str, diapositivas: list[str]) -> list[list[str]]:
    """The transcript's sentences spread over the slides (a slide without any reads itself)."""
    grupos = repartir(frases(transcripcion), len(diapositivas))
    if len(grupos) < len(diapositivas):
        grupos += [[d] for d in diapositivas[len(grupos) :]]
    return grupos


def _diapositivas_y_voz(slug, diapositivas, grupos, marca, trabajo: Path, destino: Path):
    """Draw every slide and speak its sentences into ``trabajo``; the first is the poster.

    Returns the ffmpeg concat list, the audio files and the (duration, sentences) spans.
    """
    lista, audios, tramos = [], [], []
    for i, (texto, oraciones) in enumerate(zip(diapositivas, grupos, strict=True), start=1):
        imagen = trabajo / f"d{i}.png"
        dibujar_diapositiva(texto, i, len(diapositivas), marca).save(imagen)
        if i == 1:
            dibujar_diapositiva(texto, i, len(diapositivas), marca).save(
                destino / f"{slug}.jpg", quality=70
            )
        audio = trabajo / f"a{i}.wav"
        duracion = _voz(" ".join(oraciones), audio) + 0.4
        audios.append(audio)
        tramos.append((duracion, oraciones))
        lista += [f"file '{imagen}'", f"duration {duracion:.3f}"]
    lista.append(f"file '{trabajo / f'd{len(diapositivas)}.png'}'")
    return lista, audios, tramos


def _codificar(lista: Path, voz: Path, salida: Path) -> None:
    orden = [
        shutil.which("ffmpeg"),
        *["-y", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", str(lista)],
        *["-i", str(voz), *OPCIONES_FFMPEG, str(salida)],
    ]
    subprocess.run(orden, check=True, capture_output=True)  # noqa: S603 (fixed program)


def generar(
    slug: str, diapositivas: list[str], transcripcion: str, destino: Path, marca: str
) -> VideoGenerado:
    """Render one video into ``destino`` (static/videos/); returns paths relative to static/."""
    _comprobar(slug, diapositivas)
    destino.mkdir(parents=True, exist_ok=True)
    grupos = _grupos_por_diapositiva(transcripcion, diapositivas)
    salida = destino / f"{slug}.webm"
    with tempfile.TemporaryDirectory() as tmp:
        trabajo = Path(tmp)
        lista, audios, tramos = _diapositivas_y_voz(
            slug, diapositivas, grupos, marca, trabajo, destino
        )
        (trabajo / "lista.txt").write_text("\n".join(lista) + "\n")
        _unir_wav(audios, trabajo / "voz.wav")
        _codificar(trabajo / "lista.txt", trabajo / "voz.wav", salida)
    (destino / f"{slug}.vtt").write_text(subtitulos_vtt(tramos), encoding="utf-8")
    return VideoGenerado(
        slug=slug,
        archivo=f"videos/{slug}.webm",
        subtitulos=f"videos/{slug}.vtt",
        duracion=round(sum(d for d, _ in tramos)),
        bytes=salida.stat().st_size,
    )


def escribir_indice(destino: Path, generados: list[VideoGenerado]):
    ruta = destino / "indice.json"
    indice = json.loads(ruta.read_text(encoding="utf-8")) if ruta.exists() else {}
    for g in generados:
        indice[g.slug] = {"archivo": g.archivo, "subtitulos": g.subtitulos, "duracion": g.duracion}
    ruta.write_text(json.dumps(indice, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
