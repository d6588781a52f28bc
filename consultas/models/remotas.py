"""Models of remote consultations: the message thread, the private follow-up link, rate limits.

Imported at the end of ``consultas.models`` so Django registers them with the app.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Direccion(models.TextChoices):
    ENTRADA = "entrada", _("Recibido")
    SALIDA = "salida", _("Enviado")


class TipoMensaje(models.TextChoices):
    CONSULTA = "consulta", _("Consulta")
    SEGUIMIENTO = "seguimiento", _("Nuevo mensaje de la persona")
    ACUSE = "acuse", _("Acuse de recibo")
    RESPUESTA = "respuesta", _("Respuesta")


class EstadoEnvio(models.TextChoices):
    PENDIENTE = "pendiente", _("Pendiente de envío")
    ENVIADO = "enviado", _("Enviado")
    NO_ENVIADO = "no_enviado", _("No enviado")
    # Given up after CORREO_MAX_INTENTOS attempts: the advisor and the Responsable were told.
    FALLIDO = "fallido", _("Envío fallido")
    # Accepted by our SMTP server, then bounced by the recipient's (a DSN came back).
    REBOTADO = "rebotado", _("No entregado")


class MensajeQuerySet(models.QuerySet):
    def por_enviar(self):
        """Outgoing messages not yet delivered (new or failed)."""
        return self.filter(
            direccion=Direccion.SALIDA,
            estado_envio__in=[EstadoEnvio.PENDIENTE, EstadoEnvio.NO_ENVIADO],
        )


class Mensaje(models.Model):
    """One message of a consultation's thread, in or out. Nothing a person sends is dropped.

    An outgoing one is sent by the outgoing-mail queue's engine (``infomigra.correo.cola``)
    through ``consultas.remotas.correo``; the mail of the other services is queued in
    ``infomigra.correo`` itself, not here.
    """

    consulta = models.ForeignKey(
        "consultas.Consulta",
        on_delete=models.CASCADE,
        related_name="mensajes",
        verbose_name=_("consulta"),
    )
    direccion = models.CharField(_("dirección"), max_length=10, choices=Direccion.choices)
    tipo = models.CharField(_("tipo"), max_length=20, choices=TipoMensaje.choices)
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mensajes_escritos",
        verbose_name=_("autor"),
    )
    remitente = models.CharField(_("remitente"), max_length=254, blank=True)
    destinatario = models.EmailField(_("destinatario"), max_length=254, blank=True)
    asunto = models.CharField(_("asunto"), max_length=255, blank=True)
    cuerpo = models.TextField(_("texto"))
    message_id = models.CharField(
        _("Message-ID"), max_length=255, unique=True, null=True, blank=True
    )
    in_reply_to = models.CharField(_("en respuesta a"), max_length=255, blank=True)
    referencias = models.TextField(_("referencias"), blank=True)
    estado_envio = models.CharField(
        _("estado del envío"), max_length=12, choices=EstadoEnvio.choices, blank=True
    )
    intentos = models.PositiveSmallIntegerField(_("intentos de envío"), default=0)
    ultimo_error = models.TextField(_("último error"), blank=True)
    reclamado_el = models.DateTimeField(null=True, blank=True, editable=False)
    enviado_el = models.DateTimeField(_("enviado el"), null=True, blank=True)
    # What the sender's Date header said (information only: ``creado`` is the arrival time).
    fecha_declarada = models.DateTimeField(_("fecha declarada"), null=True, blank=True)
    creado = models.DateTimeField(_("creado"), default=timezone.now, db_index=True)

    objects = MensajeQuerySet.as_manager()

    class Meta:
        ordering = ["creado", "id"]
        verbose_name = _("mensaje")
        verbose_name_plural = _("mensajes")
        indexes = [
            models.Index(fields=["direccion", "estado_envio"], name="mensaje_envio_idx"),
            # The inbox's "waiting since": the last incoming message of each consultation.
            models.Index(
                fields=["consulta", "direccion", "-creado"], name="mensaje_ultima_entrada_idx"
            ),
        ]

    def __str__(self):
        return f"{self.consulta_id} {self.direccion} {self.creado:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not (self.consulta_id and self.direccion == Direccion.ENTRADA):
            return super().save(*args, **kwargs)
        with transaction.atomic():
            super().save(*args, **kwargs)
            # The person wrote: the consultation's "waiting since" follows.
            consultas = self._meta.get_field("consulta").related_model.objects
            consultas.filter(pk=self.consulta_id).actualizar_espera()

    @property
    def es_entrada(self):
        return self.direccion == Direccion.ENTRADA

    def contenido_correo(self, correo):
        """A queued mail about this message (the notice to staff that it could not be sent),
        rendered when it is sent."""
        from consultas.remotas.correo import contenido_aviso

        return contenido_aviso(self, correo)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class EnlaceSeguimiento(models.Model):
    """The private follow-up link of a consultation.

    The URL token is an HMAC (keyed with SECRET_KEY) of a random ``sal`` drawn with
    ``secrets.token_urlsafe``; only the salt and the token's SHA-256 are stored, so a copy of
    the database alone does not open any thread, yet every email can carry the same link.
    """

    consulta = models.OneToOneField(
        "consultas.Consulta", on_delete=models.CASCADE, related_name="enlace_seguimiento"
    )
    sal = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    creado = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("enlace de seguimiento")
        verbose_name_plural = _("enlaces de seguimiento")

    def __str__(self):
        return str(self.consulta)

    @staticmethod
    def _token_de(sal: str) -> str:
        return salted_hmac("consultas.seguimiento", sal, algorithm="sha256").hexdigest()

    @property
    def token(self) -> str:
        return self._token_de(self.sal)

    @classmethod
    def para(cls, consulta) -> "EnlaceSeguimiento":
        if type(consulta).enlace_seguimiento.is_cached(consulta):  # loaded with select_related
            enlace = getattr(consulta, "enlace_seguimiento", None)
        else:
            enlace = cls.objects.filter(consulta=consulta).first()
        if enlace is not None:
            return enlace
        try:
            with transaction.atomic():
                enlace = cls.nuevo(consulta)
                enlace.save()
                return enlace
        except IntegrityError:  # created at the same moment by another process
            return cls.objects.get(consulta=consulta)

    @classmethod
    def nuevo(cls, consulta) -> "EnlaceSeguimiento":
        """A new link for ``consulta`` (not saved: a batch inserts many at once)."""
        sal = secrets.token_urlsafe(32)
        return cls(consulta=consulta, sal=sal, token_hash=_hash(cls._token_de(sal)))

    @classmethod
    def buscar(cls, token: str):
        """The link for ``token``, or None. Looked up by hash: no timing leak on the secret.

        An anonymised consultation has no link (anonymisation deletes it; this is a second
        lock)."""
        if not token or len(token) > 128:
            return None
        return (
            cls.objects.select_related("consulta")
            .filter(token_hash=_hash(token), consulta__anonimizada=False)
            .first()
        )

    def vence(self):
        """When the link stops working: SEGUIMIENTO_VIGENCIA_DIAS after the thread's last
        message (a new mail from the person renews it)."""
        ultimo = self.consulta.mensajes.order_by("-creado").values_list("creado", flat=True)
        referencia = max(filter(None, [self.creado, ultimo.first()]))
        return referencia + timedelta(days=settings.SEGUIMIENTO_VIGENCIA_DIAS)

    @property
    def vencido(self) -> bool:
        return timezone.now() >= self.vence()

    @classmethod
    def revocar(cls, consultas_ids) -> int:
        """Delete the links of these consultations (anonymisation, deletion)."""
        return cls.objects.filter(consulta_id__in=list(consultas_ids)).delete()[0]


class ResultadoLectura(models.TextChoices):
    GUARDADO = "guardado", _("Guardado")
    IGNORADO = "ignorado", _("Ignorado (automático)")
    ERROR = "error", _("Error (se reintentará)")
    APARTADO = "apartado", _("Apartado (no se pudo guardar)")


class CorreoLeido(models.Model):
    """One message of the service mailbox already handled, by folder + UIDVALIDITY + UID.

    The mailbox is shared with staff, so ``\\Seen`` says nothing about whether the back office
    has the message: this table does. A message that keeps failing is set aside (``apartado``)
    with its reason and its raw bytes, so nothing is lost and it never blocks the others.
    """

    carpeta = models.CharField(max_length=200)
    uidvalidity = models.BigIntegerField()
    uid = models.BigIntegerField()
    message_id = models.CharField(max_length=255, blank=True)
    resultado = models.CharField(max_length=10, choices=ResultadoLectura.choices)
    motivo = models.TextField(blank=True)
    intentos = models.PositiveSmallIntegerField(default=0)
    crudo = models.BinaryField(null=True, blank=True, editable=False)
    creado = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("correo leído")
        verbose_name_plural = _("correos leídos")
        constraints = [
            models.UniqueConstraint(
                fields=["carpeta", "uidvalidity", "uid"], name="correo_leido_uid_uniq"
            )
        ]

    def __str__(self):
        return f"{self.carpeta} {self.uidvalidity}/{self.uid}: {self.resultado}"
