from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Borra los registros de ingresos y de intentos fallidos (direcciones IP, usuarios, "
        "navegadores) más antiguos que ACCESOS_RETENCION_DIAS (30 por defecto)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dias", type=int, default=None)

    def handle(self, *args, dias=None, **options):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        dias = settings.ACCESOS_RETENCION_DIAS if dias is None else dias
        limite = timezone.now() - timedelta(days=max(dias, 0))
        total = 0
        for modelo in (AccessAttempt, AccessFailureLog, AccessLog):
            borrados, _detalle = modelo.objects.filter(attempt_time__lt=limite).delete()
            total += borrados
        from infomigra.cuentas.models import InformeCSP

        total += InformeCSP.objects.filter(recibido__lt=limite).delete()[0]
        self.stdout.write(f"{total} registros de acceso anteriores a {dias} días borrados.")
