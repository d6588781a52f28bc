"""Acknowledgements of the emails just read, sent in batches over one SMTP connection.

Sending them one by one (a claim, a result and an SMTP connection each) was most of a run after
reading hundreds of new consultations. The batch goes through the queue's own engine
(``cola.intentar_lote``: the same claim, retry count and failure record as ``correo.enviar``).
The acknowledgements of a batch in one language differ only by code, private link and subject:
their templates are rendered once per language with markers in those places and each mail
fills them in (``Molde``).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from consultas.models.remotas import EnlaceSeguimiento, Mensaje, TipoMensaje
from consultas.remotas import correo
from infomigra.correo import cola

LOTE = 50
MARCAS = {"codigo": "\x1finfomigra-codigo\x1f", "enlace": "\x1finfomigra-enlace\x1f",
          "asunto": "\x1finfomigra-asunto\x1f"}  # fmt: skip
MARCA_TOKEN = "infomigra-marca-de-enlace"  # noqa: S105 (a marker, not a secret)


class _Sonda:
    """Stands for the consultation or the message while rendering the markers; notes any
    other attribute the templates read (then the mould is not used)."""

    def __init__(self, leidos: set, **valores):
        self.__dict__.update(valores, _leidos=leidos)

    def __getattr__(self, nombre):
        self._leidos.add(nombre)
        return ""


class Molde:
    """An acknowledgement rendered once with markers. It is used only if, filled in for the
    first message, it gives exactly what rendering that message gives; else every message is
    rendered as usual."""

    def __init__(self):
        self.partes: tuple[str, str] | None = None
        self.probado = False
        self.ruta: str | None = None  # the private page's URL with a marker for the token

    def _enlace(self, consulta) -> str:
        if self.ruta is None:
            return correo.url_seguimiento(consulta)
        return self.ruta.replace(MARCA_TOKEN, EnlaceSeguimiento.para(consulta).token)

    def _probar_ruta(self, consulta, enlace: str) -> None:
        with translation.override(correo.idioma_de(consulta)):
            ruta = reverse("portal_consulta:seguimiento", args=[MARCA_TOKEN])
        self.ruta = settings.SITE_URL + ruta
        if self._enlace(consulta) != enlace:
            self.ruta = None

    def _rellenar(self, valores: dict) -> tuple[str, str]:
        texto, html = self.partes
        for clave, marca in MARCAS.items():
            texto = texto.replace(marca, valores[clave])
            html = html.replace(marca, escape(valores[clave]))
        return texto, html

    def construir(self, mensaje: Mensaje):
        enlace = self._enlace(mensaje.consulta)
        valores = {"codigo": mensaje.consulta.codigo, "enlace": enlace, "asunto": mensaje.asunto}
        if not self.probado:
            self.probado = True
            self._probar_ruta(mensaje.consulta, enlace)
            real = correo.textos(mensaje, correo.contexto(mensaje, enlace))
            otros = set()
            consulta = _Sonda(otros, codigo=MARCAS["codigo"], idioma=mensaje.consulta.idioma)
            falso = _Sonda(otros, consulta=consulta, asunto=MARCAS["asunto"], tipo=mensaje.tipo)
            datos = {**correo.contexto(mensaje, MARCAS["enlace"]), "mensaje": falso}
            datos["consulta"] = consulta
            self.partes = correo.textos(falso, datos)
            if otros or self._rellenar(valores) != real:
                self.partes = None
            return correo.correo_de(mensaje, *real)
        if self.partes is None:
            return correo.construir(mensaje)
        return correo.correo_de(mensaje, *self._rellenar(valores))


def enviar(ids: list[int]) -> None:
    """Send these stored acknowledgements (others, or one held elsewhere, are left alone)."""
    por_enviar = (
        Mensaje.objects.por_enviar()
        .filter(tipo=TipoMensaje.ACUSE)
        .select_related("consulta__enlace_seguimiento", "autor")
    )
    moldes: dict[str, Molde] = {}  # one per language

    def construir(mensaje: Mensaje):
        idioma = correo.idioma_de(mensaje.consulta)
        return moldes.setdefault(idioma, Molde()).construir(mensaje)

    for inicio in range(0, len(ids), LOTE):
        cola.intentar_lote(
            por_enviar,
            ids[inicio : inicio + LOTE],
            construir,
            correo.al_enviar,
            correo.al_fallar,
            correo.al_enviar_lote,
        )
