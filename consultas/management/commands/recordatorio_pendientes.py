from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from consultas.remotas.servicios import para_recordar
from infomigra.correo import cola
from infomigra.vocabulario import ROL_ASESOR


class Command(BaseCommand):
    help = (
        "Envía a cada asesor la lista de consultas remotas asignadas a él (o sin asignar en su "
        "sede) que esperan respuesta hace más de 24 horas."
    )

    def handle(self, *args, **options):
        ahora = timezone.now()
        asesores = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=ROL_ASESOR, perfil__isnull=False)
            .select_related("perfil")
            .order_by("username")
        )
        enviados, fallidos = 0, []
        for asesor in asesores:
            consultas = list(para_recordar(asesor, ahora))
            if not consultas:
                continue
            if not asesor.email:
                self.stderr.write(f"{asesor.username}: no tiene correo; no se le puede recordar.")
                continue
            contexto = {
                "asesor": asesor,
                "consultas": consultas,
                "ahora": ahora,
                "servicio": settings.SERVICIO_NOMBRE,
                "url_bandeja": settings.SITE_URL + reverse("gestion:bandeja"),
                "site_url": settings.SITE_URL,
            }
            with translation.override(settings.LANGUAGE_CODE):
                correo = EmailMultiAlternatives(
                    subject=translation.ngettext(
                        "%(n)s consulta espera respuesta hace más de 24 h",
                        "%(n)s consultas esperan respuesta hace más de 24 h",
                        len(consultas),
                    )
                    % {"n": len(consultas)},
                    body=render_to_string("correo/recordatorio.txt", contexto),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[asesor.email],
                    # A robot's message: no auto-reply to it (the queue gives it an id on our
                    # own domain).
                    headers={"Auto-Submitted": "auto-generated"},
                )
                correo.attach_alternative(
                    render_to_string("correo/recordatorio.html", contexto), "text/html"
                )
            # Through the queue: what fails now is retried by reenviar_pendientes.
            if not cola.encolar_y_enviar(correo):
                fallidos.append(asesor.username)
                continue
            enviados += 1
        self.stdout.write(f"Recordatorios enviados: {enviados}.")
        if fallidos:
            raise CommandError("No se pudieron enviar (quedan en la cola): " + "; ".join(fallidos))
