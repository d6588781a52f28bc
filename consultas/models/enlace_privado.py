"""Private links without login, like the consultation follow-up link.

The URL token is an HMAC (keyed with SECRET_KEY) of a random ``sal``; only the salt and the
token's SHA-256 are stored, so a copy of the database alone opens nothing.
"""

import hashlib
import secrets

from django.db import models
from django.utils.crypto import salted_hmac


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class EnlacePrivado(models.Model):
    """Abstract: gives a model a private-link token (``token``) and a lookup (``buscar``)."""

    PROPOSITO = "consultas.enlace"

    sal = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.sal:
            self.nuevo_enlace()
        super().save(*args, **kwargs)

    @classmethod
    def _token_de(cls, sal: str) -> str:
        return salted_hmac(cls.PROPOSITO, sal, algorithm="sha256").hexdigest()

    def nuevo_enlace(self) -> None:
        """Draw a new salt (a new link; the old one stops working)."""
        self.sal = secrets.token_urlsafe(32)
        self.token_hash = _hash(self._token_de(self.sal))

    @property
    def token(self) -> str:
        return self._token_de(self.sal)

    @classmethod
    def buscar(cls, token: str, queryset=None):
        """The object for ``token``, or None (looked up by hash)."""
        if not token or len(token) > 128:
            return None
        qs = queryset if queryset is not None else cls.objects.all()
        return qs.filter(token_hash=_hash(token)).first()
