"""Text analysis shared by every search: tokens, Spanish stop words, Snowball stems.

Everything is accent- and case-blind: text is casefolded and unaccented before it is split. The
stop words are PostgreSQL's ``spanish.stop`` (the list its ``spanish_stem`` dictionary drops),
unaccented, so a term dropped on one database is dropped on the other. Stems come from
``snowballstemmer``'s Spanish algorithm, the same family PostgreSQL's ``spanish_stem`` runs.
"""

import re
from functools import lru_cache

import snowballstemmer

from infomigra.texto import sin_acentos

_VACIAS = """a al algo algunas algunos ante antes como con contra cual cuando de del desde donde
    durante e el ella ellas ellos en entre era erais eramos eran eras eres es esa esas ese
    eso esos esta estaba estabais estabamos estaban estabas estad estada estadas estado
    estados estais estamos estan estando estar estara estaran estaras estare estareis
    estaremos estaria estariais estariamos estarian estarias estas este esteis estemos esten
    estes esto estos estoy estuve estuviera estuvierais estuvieramos estuvieran estuvieras
    estuvieron estuviese estuvieseis estuviesemos estuviesen estuvieses estuvimos estuviste
    estuvisteis estuvo fue fuera fuerais fueramos fueran fueras fueron fuese fueseis
    fuesemos fuesen fueses fui fuimos fuiste fuisteis ha habeis habia habiais habiamos
    habian habias habida habidas habido habidos habiendo habra habran habras habre habreis
    habremos habria habriais habriamos habrian habrias han has hasta hay haya hayais hayamos
    hayan hayas he hemos hube hubiera hubierais hubieramos hubieran hubieras hubieron
    hubiese hubieseis hubiesemos hubiesen hubieses hubimos hubiste hubisteis hubo la las le
    les lo los mas me mi mia mias mio mios mis mucho muchos muy nada ni no nos nosotras
    nosotros nuestra nuestras nuestro nuestros o os otra otras otro otros para pero poco por
    porque que quien quienes se sea seais seamos sean seas sentid sentida sentidas sentido
    sentidos sera seran seras sere sereis seremos seria seriais seriamos serian serias si
    siente sin sintiendo sobre sois somos son soy su sus suya suyas suyo suyos tambien tanto
    te tendra tendran tendras tendre tendreis tendremos tendria tendriais tendriamos
    tendrian tendrias tened teneis tenemos tenga tengais tengamos tengan tengas tengo tenia
    teniais teniamos tenian tenias tenida tenidas tenido tenidos teniendo ti tiene tienen
    tienes todo todos tu tus tuve tuviera tuvierais tuvieramos tuvieran tuvieras tuvieron
    tuviese tuvieseis tuviesemos tuviesen tuvieses tuvimos tuviste tuvisteis tuvo tuya tuyas
    tuyo tuyos un una uno unos vosostras vosostros vuestra vuestras vuestro vuestros y ya yo"""
PALABRAS_VACIAS = frozenset(_VACIAS.split())
# Words people add to a question that say nothing about its subject (dropped from queries only).
_RELLENO = """hola buenas buenos dia dias tarde tardes noche noches quiero quisiera queria saber
    necesito necesitaria informacion info ayuda ayudar ayudenme favor porfa porfavor xfa gracias
    senor senora senorita consulta pregunta preguntar duda dudas puedo podria hacer hago debo
    deberia alguien sabe alla aca aqui ahi bien solo sola tambien gustaria"""
RELLENO = frozenset(_RELLENO.split())

_PALABRA = re.compile(r"[a-z0-9]+")
_ESTEMATIZADOR = snowballstemmer.stemmer("spanish")


def palabras(texto: str) -> list[str]:
    """The unaccented, casefolded words of ``texto``, in order (stop words kept)."""
    return _PALABRA.findall(sin_acentos(texto))


@lru_cache(maxsize=50_000)
def raiz(palabra: str) -> str:
    """Snowball stem of an unaccented word; numbers and very short words stay as they are."""
    if len(palabra) < 3 or palabra.isdigit():
        return palabra
    return _ESTEMATIZADOR.stemWord(palabra)


def es_vacia(palabra: str) -> bool:
    return palabra in PALABRAS_VACIAS


def raices(texto: str) -> list[str]:
    """Stems of the meaningful words of ``texto``, in order, without repeats."""
    vistas = {}
    for palabra in palabras(texto):
        if not es_vacia(palabra):
            vistas.setdefault(raiz(palabra), None)
    return list(vistas)


def normalizar(texto: str) -> str:
    """Stored SQLite search column: stems between spaces, so ``" stem "`` matches a whole term."""
    lista = raices(texto)
    return f" {' '.join(lista)} " if lista else ""


_VARIANTES = {
    "a": "aáàäâã", "e": "eéèëê", "i": "iíìïî", "o": "oóòöôõ", "u": "uúùüû", "n": "nñ", "c": "cç",
}  # fmt: skip


def patron_sin_acentos(palabra: str, mayusculas: bool = False) -> str:
    """A regular expression for an unaccented [a-z0-9] word that also matches its accented
    forms ("espana" → "esp[aá…]n[nñ][aá…]"); with ``mayusculas``, for upper-cased text."""
    partes = []
    for letra in palabra:
        variantes = _VARIANTES.get(letra)
        if not variantes:
            partes.append(letra.upper() if mayusculas else letra)
        else:
            partes.append(f"[{variantes.upper() + variantes if mayusculas else variantes}]")
    return "".join(partes)
