from django.core.management.base import BaseCommand, CommandError

from consultas.remotas.buzon import leer_buzon
from consultas.remotas.imap import ErrorBuzon


class Command(BaseCommand):
    help = "Lee el buzón del servicio por IMAP (TLS) y guarda cada correo nuevo en su consulta."

    def handle(self, *args, **options):
        try:
            resumen = leer_buzon()
        except ErrorBuzon as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Consultas nuevas: {resumen.nuevas}. Respuestas en hilos: {resumen.respuestas}. "
            f"Ya guardados: {resumen.duplicados}. Automáticos ignorados: {resumen.ignorados}. "
            f"Rebotes de nuestros correos: {resumen.rebotes}. "
            f"Descartadas por exceso: {resumen.descartadas}."
        )
        for error in resumen.errores:
            self.stderr.write(f"Error en {error} (se reintentará en la próxima lectura)")
        for apartado in resumen.apartados:
            self.stderr.write(f"Apartado tras varios intentos, {apartado} (revíselo en el admin)")
        if resumen.interrumpido:
            self.stderr.write(
                f"{resumen.interrumpido}. Lo guardado se conserva; "
                "el resto se leerá la próxima vez."
            )
        fallos = len(resumen.errores) + len(resumen.apartados)
        if resumen.interrumpido:
            raise CommandError("La lectura del buzón quedó incompleta.")
        if fallos:
            raise CommandError(f"{fallos} mensaje(s) no se pudieron guardar.")
