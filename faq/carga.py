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


def leer(ruta=ARCHIVO) -> list[Entrada]:
    """Parse and validate the whole file; raise ErrorSemilla listing every problem."""
    try:
        texto = Path(ruta).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ErrorSemilla([f"{ruta}: no se pudo leer el archivo ({exc})"]) from None
    try:
        elementos = list(_elementos(texto))
    except json.JSONDecodeError as exc:
        raise ErrorSemilla(
            [f"línea {exc.lineno}, columna {exc.colno}: JSON no válido ({exc.msg})"]
        ) from None

    temas = {t.codigo: t for t in Tema.objects.all()}
    idiomas = {codigo for codigo, _ in settings.LANGUAGES}
    perfiles_validos = set(TipoMigrante.values)
    errores, entradas, vistas = [], [], {}

    for numero, (inicio, fin, datos) in enumerate(elementos, start=1):
        bloque = texto[inicio:fin]

        def error(campo, mensaje, numero=numero, inicio=inicio, bloque=bloque):
            desplazamiento = bloque.find(f'"{campo}"') if campo else -1
            linea, columna = _linea_columna(texto, inicio + max(desplazamiento, 0))
            donde = f"línea {linea}, columna {columna} (entrada {numero}"
            donde += f", campo «{campo}»)" if campo else ")"
            errores.append(f"{donde}: {mensaje}")

        if not isinstance(datos, dict):
            error(None, "cada entrada debe ser un objeto JSON { … }")
            continue
        entrada = Entrada(numero=numero, datos=datos)
        for campo in sorted(set(datos) - set(CAMPOS)):
            error(campo, f"campo desconocido (se admiten: {', '.join(CAMPOS)})")
        for campo in ("pregunta", "respuesta"):
            valor = datos.get(campo)
            if not isinstance(valor, str) or not valor.strip():
                error(campo if campo in datos else None, f"falta el texto de «{campo}»")
        pregunta = datos.get("pregunta")
        if isinstance(pregunta, str) and pregunta.strip():
            if len(pregunta) > LARGO_PREGUNTA:
                largo = len(pregunta)
                error("pregunta", f"tiene {largo} caracteres; el máximo es {LARGO_PREGUNTA}")
            clave = clave_slug(pregunta)
            if clave in vistas:
                error("pregunta", f"repite la pregunta de la entrada {vistas[clave]}")
            vistas.setdefault(clave, numero)
        perfiles = datos.get("perfiles")
        if not isinstance(perfiles, list) or not perfiles:
            error("perfiles" if "perfiles" in datos else None, "indique al menos un perfil")
        else:
            desconocidos = [p for p in perfiles if p not in perfiles_validos]
            if desconocidos:
                error(
                    "perfiles",
                    f"perfil desconocido {', '.join(map(str, desconocidos))} "
                    f"(se admiten: {', '.join(TipoMigrante.values)})",
                )
            entrada.perfiles = [p for p in perfiles if p in perfiles_validos]
        tema = datos.get("tema")
        entrada.tema = temas.get(tema) if isinstance(tema, str) else None
        if entrada.tema is None:
            error("tema" if "tema" in datos else None, f"tema desconocido «{tema}»")
        fuente = datos.get("fuente", "")
        if not isinstance(fuente, str) or not fuente.strip():
            error("fuente" if "fuente" in datos else None, "indique la fuente de la respuesta")
        elif len(fuente) > LARGO_FUENTE:
            error("fuente", f"tiene {len(fuente)} caracteres; el máximo es {LARGO_FUENTE}")
        try:
            entrada.revisado_el = date.fromisoformat(str(datos.get("revisado_el")))
        except ValueError:
            error(
                "revisado_el" if "revisado_el" in datos else None,
                f"fecha de revisión no válida «{datos.get('revisado_el')}» (use AAAA-MM-DD)",
            )
        if datos.get("idioma", settings.LANGUAGE_CODE) not in idiomas:
            error("idioma", f"idioma desconocido (se admiten: {', '.join(sorted(idiomas))})")
        entradas.append(entrada)

    if errores:
        raise ErrorSemilla(errores)
    return entradas
