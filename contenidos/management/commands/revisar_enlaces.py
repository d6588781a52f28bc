from django.core.management.base import BaseCommand, CommandError

from contenidos.enlaces import comprobar, recoger


class Command(BaseCommand):
    help = (
        "Lista los enlaces externos del contenido publicado (guías, países, videos, directorio, "
        "convenios, alertas, páginas, boletines y preguntas frecuentes) y, con --comprobar, "
        "verifica que respondan. Sale con error si alguno está roto."
    )

    def add_arguments(self, parser):
        parser.add_argument("--comprobar", action="store_true", help="Consulta cada enlace.")
        parser.add_argument("--tiempo", type=float, default=10, help="Segundos por enlace.")
        parser.add_argument("--origenes", action="store_true", help="Muestra dónde se usa.")

    def handle(self, *args, **options):
        _, externos = recoger()
        enlaces = sorted(externos.values(), key=lambda e: e.url)
        if options["comprobar"]:
            enlaces = comprobar(enlaces, tiempo=options["tiempo"])
        rotos = [e for e in enlaces if e.ok is False]
        for enlace in enlaces:
            marca = "" if enlace.ok is None else ("OK    " if enlace.ok else "ROTO  ")
            estado = f"  [{enlace.estado}]" if enlace.estado else ""
            self.stdout.write(f"{marca}{enlace.url}{estado}  ({len(enlace.origenes)} usos)")
            if options["origenes"] or enlace.ok is False:
                for origen in sorted(set(enlace.origenes)):
                    self.stdout.write(f"        {origen}")
        self.stdout.write(f"{len(enlaces)} enlaces externos.")
        if rotos:
            raise CommandError(f"{len(rotos)} enlaces externos no responden.")
