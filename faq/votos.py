"""'¿Le fue útil?' votes without login: one per person and question, rate-limited per address.

One vote per person: a signed cookie lists the ids already voted (a second vote is ignored).
Rate limit: votes per address per hour counted in the database (shared by every worker and
atomic); the address is kept only as a salted HMAC that also changes every day.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from faq.models import LimiteVotos
from faq.servicios import registrar_voto

COOKIE = "faq_votos"
SAL_COOKIE = "faq.votos.cookie"
SAL_HUELLA = "faq.votos.huella"
MAX_IDS_COOKIE = 300
UN_ANIO = 365 * 24 * 3600

REGISTRADO, REPETIDO, LIMITE = "registrado", "repetido", "limite"


def votos_por_hora() -> int:
    return getattr(settings, "FAQ_VOTOS_POR_HORA", 30)


def ids_votados(request) -> list[int]:
    valor = request.get_signed_cookie(COOKIE, default="", salt=SAL_COOKIE)
    return [int(parte) for parte in valor.split(",") if parte.isdigit()]


def guardar_cookie(respuesta, ids: list[int]) -> None:
    respuesta.set_signed_cookie(
        COOKIE,
        ",".join(str(i) for i in ids[-MAX_IDS_COOKIE:]),
        salt=SAL_COOKIE,
        max_age=UN_ANIO,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def huella(request, ahora=None) -> str:
    """Salted, daily-rotating hash of the client address (never stored in clear)."""
    direccion = request.META.get("REMOTE_ADDR", "") or "desconocida"
    dia = (ahora or timezone.now()).date().isoformat()
    return salted_hmac(SAL_HUELLA, f"{direccion}|{dia}", algorithm="sha256").hexdigest()


def permitido_por_direccion(clave: str, ahora=None) -> bool:
    """Take one vote from this address's hourly allowance; False when it is used up."""
    ahora = ahora or timezone.now()
    ventana = ahora.replace(minute=0, second=0, microsecond=0)
    if not LimiteVotos.objects.filter(huella=clave, ventana=ventana).exists():
        try:
            with transaction.atomic():
                LimiteVotos.objects.create(huella=clave, ventana=ventana)
        except IntegrityError:
            pass  # created by a concurrent request: fine, the update below is atomic
        LimiteVotos.objects.filter(ventana__lt=ventana - timedelta(hours=1)).delete()
    tomados = LimiteVotos.objects.filter(
        huella=clave, ventana=ventana, cantidad__lt=votos_por_hora()
    ).update(cantidad=F("cantidad") + 1)
    return tomados == 1


def votar(request, pregunta, util: bool) -> tuple[str, list[int]]:
    """Apply one vote; returns (outcome, ids for the cookie)."""
    ids = ids_votados(request)
    if pregunta.pk in ids:
        return REPETIDO, ids
    if not permitido_por_direccion(huella(request)):
        return LIMITE, ids
    registrar_voto(pregunta.pk, util)
    return REGISTRADO, [*ids, pregunta.pk]
