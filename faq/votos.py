"""'¿Le fue útil?' votes without login: one per person and question, rate-limited per address.

One vote per person: a signed cookie lists the ids already voted (a second vote is ignored).
Rate limit: votes per address per hour (``infomigra.limites``, in the shared cache; the address
is kept only as a salted hash).
"""

from django.conf import settings

from faq.servicios import registrar_voto
from infomigra import limites
from infomigra.red import direccion_cliente

COOKIE = "faq_votos"
SAL_COOKIE = "faq.votos.cookie"
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


def votar(request, pregunta, util: bool) -> tuple[str, list[int]]:
    """Apply one vote; returns (outcome, ids for the cookie)."""
    ids = ids_votados(request)
    if pregunta.pk in ids:
        return REPETIDO, ids
    if not limites.tomar("voto", direccion_cliente(request), votos_por_hora()):
        return LIMITE, ids
    registrar_voto(pregunta.pk, util)
    return REGISTRADO, [*ids, pregunta.pk]
