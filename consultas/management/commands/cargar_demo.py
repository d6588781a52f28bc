import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from consultas.equipo.demo import crear_usuarios_demo
from infomigra.cuentas import alta


class Command(BaseCommand):
    help = "Carga datos de demostración (sedes, usuarios por rol, contenidos); idempotente."

    def add_arguments(self, parser):
        # About the original service's volume (~106 a month), over two years so reports can
        # compare with the same month of the previous year.
        parser.add_argument("--consultas", type=int, default=2500)
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Confirma que esta base es de demostración (obligatorio sin DEBUG).",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or options["demo"]):
            raise CommandError(
                "cargar_demo crea cuentas y datos ficticios: solo se ejecuta con DEBUG=1 o con "
                "--demo, en una base de demostración, nunca en producción."
            )
        filas = crear_usuarios_demo()
        comandos = get_commands()
        if "cargar_contenido" in comandos:
            call_command("cargar_contenido", verbosity=0)
        if "cargar_preguntas" in comandos:
            call_command("cargar_preguntas", verbosity=0)
        if "generar_datos" in comandos and options["consultas"]:
            from consultas.models import Consulta

            if not Consulta.objects.exists():
                hoy = timezone.localdate()
                call_command(
                    "generar_datos",
                    consultas=options["consultas"],
                    desde=(hoy - dt.timedelta(days=730)).isoformat(),
                    hasta=hoy.isoformat(),
                    verbosity=0,
                )
        lineas = [
            "Usuarios de demostración (usuario / rol / sede / contraseña).",
            "Las contraseñas se muestran solo esta vez; una cuenta que ya existía no se cambia:",
        ]
        enlaces = []
        for username, rol, sede, clave in filas:
            if clave is None:
                lineas.append(f"  {username:<18} (cuenta existente: no se cambió)")
            else:
                lineas.append(f"  {username:<18} {rol:<12} {sede:<12} {clave}")
                enlaces.append(f"  {username}: {enlace_alta(username)}")
        if enlaces:
            lineas += [
                "",
                "Verificación en dos pasos: cada cuenta activa su aplicación con su enlace",
                f"(un solo uso, vence en {settings.DOBLE_FACTOR_ENLACE_HORAS} h; otro enlace: "
                "manage.py enlace_doble_factor USUARIO):",
                *enlaces,
            ]
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            lineas += [
                "",
                "El correo saliente no se envía: queda en archivos .log en",
                "  " + str(settings.EMAIL_FILE_PATH),
            ]
        self.stdout.write(caja(lineas))


def enlace_alta(username: str) -> str:
    usuario = get_user_model().objects.get(username=username)
    return alta.url_absoluta(alta.emitir(usuario))


def caja(lineas: list[str]) -> str:
    """Lines framed in a box, so they stand out at the end of a long start-up log."""
    ancho = max(len(linea) for linea in lineas)
    borde = "+" + "-" * (ancho + 2) + "+"
    return "\n".join([borde, *(f"| {linea:<{ancho}} |" for linea in lineas), borde])
