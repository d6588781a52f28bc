"""Acknowledgements of the emails just read, sent in batches over one SMTP connection.

Sending them one by one (a claim, a result and an SMTP connection each) was most of a run after
reading hundreds of new consultations. The batch goes through the queue's own engine
(``cola.intentar_lote``: the same claim, retry count and failure record as ``correo.enviar``).
"""

from consultas.models.remotas import Mensaje, TipoMensaje
from consultas.remotas import correo
from infomigra.correo import cola

LOTE = 50


def enviar(ids: list[int]) -> None:
    """Send these stored acknowledgements (others, or one held elsewhere, are left alone)."""
    por_enviar = (
        Mensaje.objects.por_enviar()
        .filter(tipo=TipoMensaje.ACUSE)
        .select_related("consulta__enlace_seguimiento", "autor")
    )
    for inicio in range(0, len(ids), LOTE):
        cola.intentar_lote(
            por_enviar,
            ids[inicio : inicio + LOTE],
            correo.construir,
            correo.al_enviar,
            correo.al_fallar,
        )
