from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from consultas.retornados.servicios import encolar_enlaces_vencidos, para_recordar
from consultas.talleres.servicios import enviar_ahora
from infomigra.correo import cola
from infomigra.vocabulario import ROL_ASESOR


class Command(BaseCommand):
    help = (
        "Envía a cada asesor la lista de controles de retornados que ya tocan (asignados a él o "
        "sin asignar en su sede) y pone en la cola el correo con el enlace privado para que la "
        "persona responda el control (una vez por control)."
    )

    def handle(self, *args, **options):
        hoy = timezone.localdate()
        enlaces = encolar_enlaces_vencidos(hoy)
        enviar_ahora(enlaces)
        asesores = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=ROL_ASESOR, perfil__isnull=False)
            .order_by("username")
        )
        enviados, fallidos = 0, []
        for asesor in asesores:
            controles = list(para_recordar(asesor, hoy))
            if not controles:
                continue
            if not asesor.email:
                self.stderr.write(f"{asesor.username}: no tiene correo; no se le puede recordar.")
                continue
            # Through the queue: what fails now is retried by reenviar_pendientes.
            if not cola.encolar_y_enviar(self._correo(asesor, controles)):
                fallidos.append(asesor.username)
                continue
            enviados += 1
        self.stdout.write(
            f"Enlaces de control en cola: {len(enlaces)}. Recordatorios a asesores: {enviados}."
        )
        if fallidos:
            raise CommandError("No se pudieron enviar (quedan en la cola): " + "; ".join(fallidos))

    def _correo(self, asesor, controles):
        contexto = {
            "asesor": asesor,
            "controles": controles,
            "site_url": settings.SITE_URL,
            "url_lista": settings.SITE_URL + reverse("gestion:retornados"),
            "servicio": settings.SERVICIO_NOMBRE,
        }
        with translation.override(settings.LANGUAGE_CODE):
            return EmailMultiAlternatives(
                subject=translation.gettext("%(n)s controles de retornados por hacer")
                % {"n": len(controles)},
                body=render_to_string("correo/recordatorio_retornados.txt", contexto),
                to=[asesor.email],
                headers={"Auto-Submitted": "auto-generated"},
            )
