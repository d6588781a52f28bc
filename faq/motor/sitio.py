"""The portal's search (``/buscar/``): FAQ entries, profile guides, country pages, videos, the
directory and boletines, ranked together by the same analysis as the FAQ search.

Portal content is a few hundred rows at most, so it is matched in Python against a cached,
stemmed copy of each object's text (rebuilt when the object changes). A country named in the
query ("trabajo en España", "soy venezolano") puts that country's pages first; a profile named
or implied ("regresé", "remesas") its guide.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from contenidos.models import Boletin, Guia, Institucion, PaisGuia, Video
from faq.models import Pregunta
from faq.motor.analisis import Analisis, analizar
from faq.motor.fragmentos import fragmento
from faq.motor.preguntas import escalonado, mas_consultadas, raices_resaltables
from faq.motor.texto import palabras, raiz

LIMITE_PREGUNTAS = 10
LIMITE_TOTAL = 25
MAX_CACHE = 5000
_CACHE: dict = {}

TIPOS = {
    "pregunta": _("Pregunta frecuente"),
    "guia": _("Guía por perfil"),
    "pais": _("Guía de país"),
    "video": _("Video"),
    "institucion": _("Directorio"),
    "boletin": _("Boletín"),
}
# Among equal matches, a direct answer before broader pages.
ORDEN_TIPO = {"pregunta": 0, "pais": 1, "guia": 2, "video": 3, "institucion": 4, "boletin": 5}


@dataclass
class Resultado:
    tipo: str
    titulo: str
    url: str
    fragmento: str = ""
    cobertura: int = 0
    en_titulo: int = 0
    destacado: bool = False
    orden: int = 0

    @property
    def etiqueta_tipo(self):
        return TIPOS[self.tipo]

    def clave(self):
        return (-int(self.destacado), -self.cobertura, -self.en_titulo, ORDEN_TIPO[self.tipo])


@dataclass
class BusquedaSitio:
    analisis: Analisis
    resultados: list[Resultado] = field(default_factory=list)
    populares: list = field(default_factory=list)


def _raices_de(objeto):
    """(title stems, all stems) of a content object, cached until it changes."""
    marca = (objeto._meta.label, objeto.pk, getattr(objeto, "actualizado", None))
    if marca not in _CACHE:
        if len(_CACHE) > MAX_CACHE:
            _CACHE.clear()
        titulo = {raiz(p) for p in palabras(objeto.titulo)}
        texto = " ".join([objeto.titulo, objeto.resumen, objeto.texto_busqueda])
        _CACHE[marca] = (titulo, titulo | {raiz(p) for p in palabras(texto)})
    return _CACHE[marca]


def _cubre(raices_objeto, grupo_raices):
    return any(all(r in raices_objeto for r in alternativa) for alternativa in grupo_raices)


def _url_institucion(objeto):
    return f"{reverse('portal:instituciones')}?pais={objeto.pais}"


def _contenidos(idiomas):
    return [
        ("guia", Guia.objects.publicados().filter(idioma__in=idiomas), None),
        ("pais", PaisGuia.objects.publicados().filter(idioma__in=idiomas), None),
        ("video", Video.objects.publicados(), None),
        ("institucion", Institucion.objects.publicados(), _url_institucion),
        ("boletin", Boletin.objects.publicados(), None),
    ]


def _destacado(tipo, objeto, analisis):
    if tipo == "pais":
        return objeto.iso in analisis.paises
    if tipo == "institucion":
        return objeto.pais in analisis.paises
    if tipo == "guia":
        return bool(analisis.perfil) and objeto.perfil == analisis.perfil
    return False


def _buscar_contenidos(analisis, idiomas, raices):
    grupos = [g.raices() for g in analisis.grupos]
    encontrados = []
    for tipo, qs, url in _contenidos(idiomas):
        for objeto in qs:
            en_titulo, todas = _raices_de(objeto)
            cobertura = sum(_cubre(todas, g) for g in grupos)
            if not cobertura:
                continue
            encontrados.append(
                Resultado(
                    tipo=tipo,
                    titulo=objeto.titulo,
                    url=url(objeto) if url else objeto.get_absolute_url(),
                    fragmento=fragmento(objeto.resumen or objeto.cuerpo, raices),
                    cobertura=cobertura,
                    en_titulo=sum(_cubre(en_titulo, g) for g in grupos),
                    destacado=_destacado(tipo, objeto, analisis),
                )
            )
    return encontrados


def _buscar_preguntas(analisis, idioma, raices, consulta):
    qs = Pregunta.objects.publicadas().de_idioma(idioma)
    destino = {"q": consulta}
    resultados = []
    for pregunta in escalonado(qs, analisis, idioma)[:LIMITE_PREGUNTAS]:
        enlace = reverse("faq:desde_busqueda", args=[pregunta.slug])
        resultados.append(
            Resultado(
                tipo="pregunta",
                titulo=pregunta.pregunta,
                url=f"{enlace}?{urlencode(destino)}",
                fragmento=fragmento(pregunta.respuesta_texto, raices),
                cobertura=pregunta.cobertura,
                en_titulo=pregunta.en_titulo,
            )
        )
    return resultados


def buscar_sitio(consulta: str, idiomas: list[str]) -> BusquedaSitio:
    """Every kind of portal page for ``consulta``, best first (never raises on odd input)."""
    analisis = analizar(consulta, idiomas[0])
    busqueda = BusquedaSitio(analisis)
    if not analisis.grupos:
        busqueda.populares = mas_consultadas(idiomas[0])
        return busqueda
    raices = raices_resaltables(analisis)
    resultados = _buscar_preguntas(analisis, idiomas[0], raices, consulta)
    resultados += _buscar_contenidos(analisis, idiomas, raices)
    for posicion, resultado in enumerate(resultados):
        resultado.orden = posicion
    resultados.sort(key=lambda r: (*r.clave(), r.orden))
    busqueda.resultados = resultados[:LIMITE_TOTAL]
    if not busqueda.resultados:
        busqueda.populares = mas_consultadas(idiomas[0], analisis.perfil)
    return busqueda
