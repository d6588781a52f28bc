from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from faq.carga import ARCHIVO, ErrorSemilla, clave_slug, leer
from faq.models import Perfil, Pregunta


def _revisada_despues(entrada, existente) -> bool:
    """The seed entry was reviewed after the stored one: a correction reaches existing data."""
    return bool(entrada.revisado_el and entrada.revisado_el > existente.revisado_el)


class Command(BaseCommand):
    help = (
        "Carga las preguntas frecuentes de faq/semillas/preguntas.json (publicadas). Idempotente: "
        "una pregunta que ya existe (mismo texto o misma dirección) no se duplica ni se modifica, "
        "salvo que el archivo tenga una fecha de revisión más reciente o se use --actualizar. "
        "Si alguna entrada no es válida no se carga nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("--archivo", default=str(ARCHIVO), help="Ruta del archivo JSON.")
        parser.add_argument(
            "--actualizar",
            action="store_true",
            help="Sobrescribe con el archivo las preguntas que ya existen.",
        )

    def handle(self, *args, **options):
        try:
            entradas = leer(options["archivo"])
        except ErrorSemilla as exc:
            lista = "\n  ".join(exc.errores)
            raise CommandError(
                f"No se cargó ninguna pregunta. Errores en el archivo:\n  {lista}"
            ) from None
        perfiles = {p.codigo: p for p in Perfil.objects.all()}
        creadas = actualizadas = sin_cambios = 0
        with transaction.atomic():
            for entrada in entradas:
                datos = entrada.datos
                slug = clave_slug(datos["pregunta"])
                existente = Pregunta.objects.filter(
                    Q(slug=slug) | Q(pregunta=datos["pregunta"].strip())
                ).first()
                if existente is not None and not (
                    options["actualizar"] or _revisada_despues(entrada, existente)
                ):
                    sin_cambios += 1
                    continue
                pregunta = existente or Pregunta(slug=slug)
                pregunta.pregunta = datos["pregunta"].strip()
                pregunta.respuesta = datos["respuesta"].strip()
                pregunta.tema = entrada.tema
                pregunta.fuente = datos["fuente"].strip()
                pregunta.revisado_el = entrada.revisado_el
                pregunta.idioma = datos.get("idioma", "es")
                pregunta.orden = entrada.numero
                pregunta.publicada = True
                pregunta.save()
                pregunta.perfiles.set([perfiles[c] for c in entrada.perfiles])
                if existente is None:
                    creadas += 1
                else:
                    actualizadas += 1
        self.stdout.write(
            f"Preguntas frecuentes: {creadas} creadas, {actualizadas} actualizadas, "
            f"{sin_cambios} ya existían."
        )
