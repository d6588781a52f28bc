from django.core.management.base import BaseCommand, CommandError

from consultas.remotas.buzon import ErrorBuzon, leer_buzon


class Command(BaseCommand):
    help = "Lee el buzón del servicio por IMAP (TLS) y guarda cada correo nuevo en su consulta."

    def handle(self, *args, **options):
        try:
            resumen = leer_buzon()
        except ErrorBuzon as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Consultas nuevas: {resumen.nuevas}. Respuestas en hilos: {resumen.respuestas}. "
            f"Ya guardados: {resumen.duplicados}. Automáticos ignorados: {resumen.ignorados}."
        )
        for error in resumen.errores:
            self.stderr.write(f"Error en {error} (queda sin leer para el próximo intento)")
        if resumen.errores:
            raise CommandError(f"{len(resumen.errores)} mensaje(s) no se pudieron guardar.")
