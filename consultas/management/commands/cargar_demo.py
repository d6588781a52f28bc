from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

from consultas.demo import crear_usuarios_demo


class Command(BaseCommand):
    help = "Carga datos de demostración (sedes, usuarios por rol, contenidos); idempotente."

    def add_arguments(self, parser):
        parser.add_argument("--consultas", type=int, default=300)

    def handle(self, *args, **options):
        filas = crear_usuarios_demo()
        comandos = get_commands()
        if "cargar_contenido" in comandos:
            call_command("cargar_contenido", verbosity=0)
        if "cargar_preguntas" in comandos:
            call_command("cargar_preguntas", verbosity=0)
        if "generar_datos" in comandos and options["consultas"]:
            from consultas.models import Consulta

            if not Consulta.objects.exists():
                call_command("generar_datos", consultas=options["consultas"], verbosity=0)
        self.stdout.write("Usuarios de demostración (usuario / rol / sede / contraseña):")
        for username, rol, sede, clave in filas:
            self.stdout.write(f"  {username:<18} {rol:<12} {sede:<9} {clave}")
