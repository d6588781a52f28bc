"""The outgoing-mail queue: one row per mail, stored before any attempt to send it."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CorreoSalienteQuerySet(models.QuerySet):
    def por_enviar(self):
        """Not delivered and not given up on (new, or failed and to be retried)."""
        return self.filter(enviado_el=None, abandonado_el=None)


class CorreoSaliente(models.Model):
    """A mail of any app (boletín confirmation, workshop, returnee check-in, staff notice).

    With an ``objeto`` (its owner: a registration, a returnee, a subscriber…) the text is not
    stored: ``objeto.contenido_correo(correo)`` renders it when sent, so the private links it
    carries are never kept in clear; ``objeto.correo_enviado(correo)`` and
    ``objeto.correo_fallido(correo, definitivo)``, when the owner defines them, tell it the
    outcome. ``tipo`` is the owner's own code for which mail this is. A stored text is kept
    only while the mail may still be sent: delivered or given up, its body is emptied.
    """

    destinatario = models.EmailField(_("destinatario"), max_length=254)
    asunto = models.CharField(_("asunto"), max_length=255)
    texto = models.TextField(_("texto"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    cabeceras = models.JSONField(_("cabeceras"), default=dict, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    tipo = models.CharField(_("tipo"), max_length=30, blank=True)
    objeto_tipo = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True
    )
    objeto_id = models.PositiveBigIntegerField(null=True, blank=True)
    objeto = GenericForeignKey("objeto_tipo", "objeto_id")
    creado = models.DateTimeField(_("creado"), default=timezone.now)
    intentos = models.PositiveSmallIntegerField(_("intentos"), default=0)
    reclamado_el = models.DateTimeField(_("reclamado el"), null=True, blank=True, editable=False)
    enviado_el = models.DateTimeField(_("enviado el"), null=True, blank=True)
    # Given up after CORREO_MAX_INTENTOS failed attempts (the owner was told).
    abandonado_el = models.DateTimeField(_("abandonado el"), null=True, blank=True)
    ultimo_error = models.CharField(_("último error"), max_length=500, blank=True)
    # A delivery report (DSN) said it could not be delivered, after SMTP had accepted it.
    rebotado_el = models.DateTimeField(_("rebotado el"), null=True, blank=True)
    rebote = models.CharField(_("motivo del rebote"), max_length=300, blank=True)

    objects = CorreoSalienteQuerySet.as_manager()

    class Meta:
        verbose_name = _("correo saliente")
        verbose_name_plural = _("correos salientes")
        indexes = [
            models.Index(fields=["enviado_el", "abandonado_el", "creado"], name="cola_por_enviar"),
            models.Index(fields=["objeto_tipo", "objeto_id"], name="cola_objeto_idx"),
        ]

    def __str__(self):
        return f"{self.asunto} → {self.destinatario}"

    @property
    def direccion_invalida(self) -> bool:
        """The address itself failed (a bounce, or a permanent refusal at RCPT TO), not our
        mail server: an owner may stop writing to it."""
        return self.rebotado_el is not None or self.ultimo_error.startswith(
            "destinatario rechazado (5"
        )
