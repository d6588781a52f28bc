"""Read and validate the FAQ seed (a JSON list of entries), reporting errors by line and column."""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from contenidos.models import Tema
from faq.models import LARGO_SLUG, Pregunta
from infomigra.vocabulario import TipoMigrante

ARCHIVO = Path(__file__).resolve().parent / "semillas" / "preguntas.json"
CAMPOS = ("pregunta", "respuesta", "perfiles", "tema", "fuente", "revisado_el", "idioma")
LARGO_PREGUNTA = Pregunta._meta.get_field("pregunta").max_length
LARGO_FUENTE = Pregunta._meta.get_field("fuente").max_length


class ErrorSemilla(Exception):
    def __init__(self, errores):
        super().__init__("\n".join(errores))
        self.errores = errores


@dataclass
class Entrada:
    numero: int
    datos: dict
    perfiles: list = field(default_factory=list)
    tema: Tema | None = None
    revisado_el: date | None = None


def _linea_columna(texto, posicion):
    linea = texto.count("\n", 0, posicion) + 1
    return linea, posicion - (texto.rfind("\n", 0, posicion) + 1) + 1


def _elementos(texto):
    """Decode a JSON list item by item, yielding (start offset, end offset, value)."""
    decodificador = json.JSONDecoder()
    i = len(texto) - len(texto.lstrip())
    if not texto[i : i + 1] == "[":
        raise json.JSONDecodeError("se esperaba una lista JSON «[ … ]»", texto, i)
    i += 1
    while True:
        while i < len(texto) and texto[i] in " \t\r\n":
            i += 1
        if texto[i : i + 1] == "]":
            return
        inicio = i
        valor, i = decodificador.raw_decode(texto, i)
        yield inicio, i, valor
        while i < len(texto) and texto[i] in " \t\r\n":
            i += 1
        if texto[i : i + 1] == ",":
            i += 1
        elif texto[i : i + 1] != "]":
            raise json.JSONDecodeError("se esperaba «,» o «]»", texto, i)


def clave_slug(pregunta: str) -> str:
    base = slugify(pregunta)
    if len(base) > LARGO_SLUG:
        base = base[:LARGO_SLUG].rsplit("-", 1)[0]
    return base or "pregunta"


def _texto_y_elementos(ruta):
    try:
        texto = Path(ruta).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ErrorSemilla([f"{ruta}: no se pudo leer el archivo ({exc})"]) from None
    try:
        return texto, list(_elementos(texto))
    except json.JSONDecodeError as exc:
        raise ErrorSemilla(
            [f"línea {exc.lineno}, columna {exc.colno}: JSON no válido ({exc.msg})"]
        ) from None


class _Validador:
    """Checks one entry after another, collecting every error with its line and column."""

    def __init__(self, texto):
        self.texto = texto
        self.temas = {t.codigo: t for t in Tema.objects.all()}
        self.idiomas = {codigo for codigo, _ in settings.LANGUAGES}
        self.perfiles_validos = set(TipoMigrante.values)
        self.errores, self.vistas = [], {}

    def entrada(self, numero, inicio, fin, datos) -> Entrada | None:
        self._numero, self._inicio, self._bloque = numero, inicio, self.texto[inicio:fin]
        if not isinstance(datos, dict):
            self.error(None, "cada entrada debe ser un objeto JSON { … }")
            return None
        entrada = Entrada(numero=numero, datos=datos)
        for campo in sorted(set(datos) - set(CAMPOS)):
            self.error(campo, f"campo desconocido (se admiten: {', '.join(CAMPOS)})")
        self._textos(datos)
        entrada.perfiles = self._perfiles(datos)
        entrada.tema = self._tema(datos)
        self._fuente(datos)
        entrada.revisado_el = self._revisado_el(datos)
        if datos.get("idioma", settings.LANGUAGE_CODE) not in self.idiomas:
            idiomas = ", ".join(sorted(self.idiomas))
            self.error("idioma", f"idioma desconocido (se admiten: {idiomas})")
        return entrada

    def error(self, campo, mensaje):
        desplazamiento = self._bloque.find(f'"{campo}"') if campo else -1
        linea, columna = _linea_columna(self.texto, self._inicio + max(desplazamiento, 0))
        donde = f"línea {linea}, columna {columna} (entrada {self._numero}"
        donde += f", campo «{campo}»)" if campo else ")"
        self.errores.append(f"{donde}: {mensaje}")

    def _textos(self, datos):
        for campo in ("pregunta", "respuesta"):
            valor = datos.get(campo)
            if not isinstance(valor, str) or not valor.strip():
                self.error(campo if campo in datos else None, f"falta el texto de «{campo}»")
        pregunta = datos.get("pregunta")
        if isinstance(pregunta, str) and pregunta.strip():
            if len(pregunta) > LARGO_PREGUNTA:
                largo = len(pregunta)
                self.error("pregunta", f"tiene {largo} caracteres; el máximo es {LARGO_PREGUNTA}")
            clave = clave_slug(pregunta)
            if clave in self.vistas:
                self.error("pregunta", f"repite la pregunta de la entrada {self.vistas[clave]}")
            self.vistas.setdefault(clave, self._numero)

    def _perfiles(self, datos) -> list:
        perfiles = datos.get("perfiles")
        if not isinstance(perfiles, list) or not perfiles:
            self.error("perfiles" if "perfiles" in datos else None, "indique al menos un perfil")
            return []
        desconocidos = [p for p in perfiles if p not in self.perfiles_validos]
        if desconocidos:
            self.error(
                "perfiles",
                f"perfil desconocido {', '.join(map(str, desconocidos))} "
                f"(se admiten: {', '.join(TipoMigrante.values)})",
            )
        return [p for p in perfiles if p in self.perfiles_validos]

    def _tema(self, datos) -> Tema | None:
        tema = datos.get("tema")
        encontrado = self.temas.get(tema) if isinstance(tema, str) else None
        if encontrado is None:
            self.error("tema" if "tema" in datos else None, f"tema desconocido «{tema}»")
        return encontrado

    def _fuente(self, datos):
        fuente = datos.get("fuente", "")
        if not isinstance(fuente, str) or not fuente.strip():
            self.error("fuente" if "fuente" in datos else None, "indique la fuente de la respuesta")
        elif len(fuente) > LARGO_FUENTE:
            self.error("fuente", f"tiene {len(fuente)} caracteres; el máximo es {LARGO_FUENTE}")

    def _revisado_el(self, datos) -> date | None:
        try:
            return date.fromisoformat(str(datos.get("revisado_el")))
        except ValueError:
            self.error(
                "revisado_el" if "revisado_el" in datos else None,
                f"fecha de revisión no válida «{datos.get('revisado_el')}» (use AAAA-MM-DD)",
            )
            return None


def leer(ruta=ARCHIVO) -> list[Entrada]:
    """Parse and validate the whole file; raise ErrorSemilla listing every problem."""
    texto, elementos = _texto_y_elementos(ruta)
    validador = _Validador(texto)
    entradas = [
        entrada
        for numero, (inicio, fin, datos) in enumerate(elementos, start=1)
        if (entrada := validador.entrada(numero, inicio, fin, datos)) is not None
    ]
    if validador.errores:
        raise ErrorSemilla(validador.errores)
    return entradas
