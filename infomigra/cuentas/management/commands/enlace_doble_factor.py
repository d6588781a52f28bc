from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from infomigra.cuentas import alta


class Command(BaseCommand):
    help = (
        "Crea un enlace de un solo uso para que USUARIO active su primera aplicación de "
        "verificación en dos pasos (p. ej. el primer superusuario de una instalación). "
        "Vence en DOBLE_FACTOR_ENLACE_HORAS horas; un enlace nuevo anula el anterior."
    )

    def add_arguments(self, parser):
        parser.add_argument("usuario", help="Nombre de usuario.")

    def handle(self, *args, usuario, **options):
        try:
            cuenta = get_user_model().objects.get(username=usuario)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No existe el usuario «{usuario}».") from None
        self.stdout.write(alta.url_absoluta(alta.emitir(cuenta)))
