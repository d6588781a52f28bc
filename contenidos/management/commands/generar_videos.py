import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from contenidos import videos
from contenidos.carga import DIRECTORIO, DIRECTORIO_VIDEOS
from contenidos.models import Video

LIMITE_BYTES = 1024 * 1024


class Command(BaseCommand):
    help = (
        "Genera los videos narrados (diapositivas + voz espeak-ng + ffmpeg) de "
        "semillas/videos.json en static/videos/ (WebM, subtítulos WebVTT y póster)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--semillas", type=Path, default=DIRECTORIO / "videos.json")
        parser.add_argument("--destino", type=Path, default=DIRECTORIO_VIDEOS)
        parser.add_argument("--solo", help="Generar solo el video con este identificador (slug).")

    def handle(self, *args, **options):
        faltan = videos.herramientas_faltantes()
        if faltan:
            raise CommandError(
                f"Faltan programas: {', '.join(faltan)}. Instálelos con "
                f"«apt-get install {' '.join(faltan)}»."
            )
        try:
            items = json.loads(options["semillas"].read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"No se pudo leer {options['semillas']}: {exc}") from None
        generados = []
        for posicion, item in enumerate(items, start=1):
            slug = item.get("slug") or slugify(item.get("titulo", ""))[:80]
            if options["solo"] and slug != options["solo"]:
                continue
            if not item.get("diapositivas") or not item.get("transcripcion"):
                raise CommandError(
                    f"videos.json, elemento {posicion}: faltan «diapositivas» o «transcripcion»."
                )
            try:
                g = videos.generar(
                    slug,
                    item["diapositivas"],
                    item["transcripcion"],
                    options["destino"],
                    settings.SERVICIO_NOMBRE,
                )
            except (videos.ErrorDeVideo, OSError) as exc:
                raise CommandError(str(exc)) from None
            aviso = "" if g.bytes < LIMITE_BYTES else "  (¡supera 1 MB!)"
            self.stdout.write(f"{g.archivo}: {g.duracion} s, {g.bytes // 1024} KB{aviso}")
            Video.objects.filter(slug=slug).update(
                archivo=g.archivo, subtitulos=g.subtitulos, duracion=g.duracion
            )
            generados.append(g)
        videos.escribir_indice(options["destino"], generados)
        self.stdout.write(f"{len(generados)} videos generados en {options['destino']}.")
