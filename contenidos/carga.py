"""Load the seed content (contenidos/semillas/) into the database, idempotently.

Each item has a natural key; an existing row is only written when a value differs and the seed
is not older than the row (``revisado_el``), so an Editor's newer edits survive a reload and a
second run changes nothing. ``publicado`` is only set when a row is created.
"""

import datetime
import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from contenidos.models import (
    Alerta,
    Boletin,
    Convenio,
    Guia,
    Institucion,
    Pagina,
    PaisGuia,
    Tema,
    Video,
)
from infomigra.vocabulario import TipoMigrante

DIRECTORIO = Path(__file__).resolve().parent / "semillas"
DIRECTORIO_VIDEOS = Path(settings.BASE_DIR) / "static" / "videos"

# Profiles a video is shown to, by category, when videos.json doesn't name them.
PERFILES_POR_CATEGORIA = {
    Video.Categoria.RIESGOS: ["potencial", "emigrante", "extranjero", "andino", "publico"],
    Video.Categoria.TRAMITES: ["potencial", "emigrante", "publico"],
    Video.Categoria.OPORTUNIDADES: ["retornado", "extranjero", "andino"],
}


class ErrorDeCarga(Exception):
    """A seed file that can't be loaded; the message names the file and line."""


def leer_markdown(ruta: Path) -> tuple[dict, str]:
    """Header lines ``clave: valor`` up to the first blank line, then the Markdown body."""
    lineas = ruta.read_text(encoding="utf-8").splitlines()
    cabecera = {}
    for numero, linea in enumerate(lineas, start=1):
        if not linea.strip():
            return cabecera, "\n".join(lineas[numero:]).strip() + "\n"
        clave, separador, valor = linea.partition(":")
        if not separador or not clave.strip().isidentifier():
            raise ErrorDeCarga(f"{ruta.name}, línea {numero}: se esperaba «clave: valor».")
        cabecera[clave.strip()] = valor.strip()
    raise ErrorDeCarga(f"{ruta.name}: falta la línea en blanco entre la cabecera y el cuerpo.")


def _exigir(cabecera: dict, ruta: Path, *claves):
    for clave in claves:
        if not cabecera.get(clave):
            raise ErrorDeCarga(f"{ruta.name}: falta el campo «{clave}» en la cabecera.")


def _fecha(valor: str, ruta: Path, campo: str):
    if not valor:
        return None
    try:
        return datetime.date.fromisoformat(valor)
    except ValueError:
        raise ErrorDeCarga(
            f"{ruta.name}, campo «{campo}»: fecha no válida «{valor}» (use AAAA-MM-DD)."
        ) from None


def _comunes(cabecera: dict, cuerpo: str, ruta: Path) -> dict:
    _exigir(cabecera, ruta, "titulo")
    return {
        "titulo": cabecera["titulo"],
        "resumen": cabecera.get("resumen", ""),
        "fuente": cabecera.get("fuente", ""),
        **_fechas_de_revision(cabecera, ruta),
        "cuerpo": cuerpo,
    }


def _fechas_de_revision(datos: dict, ruta: Path) -> dict:
    """``revisado_el`` and ``revisar_antes_de`` of a header or a JSON item."""
    return {
        campo: _fecha(str(datos.get(campo) or ""), ruta, campo)
        for campo in ("revisado_el", "revisar_antes_de")
    }


def guardar(modelo, clave: dict, valores: dict) -> tuple[object, str]:
    """update_or_create that only saves when something changed: returns (obj, result)."""
    obj = modelo.objects.filter(**clave).first()
    if obj is None:
        obj = modelo(**clave, publicado=True, **valores)
        obj.save()
        return obj, "creados"
    nuevo, actual = valores.get("revisado_el"), obj.revisado_el
    if nuevo and actual and nuevo < actual:
        return obj, "sin_cambios"
    cambios = {k: v for k, v in valores.items() if getattr(obj, k) != v}
    if not cambios:
        return obj, "sin_cambios"
    for campo, valor in cambios.items():
        setattr(obj, campo, valor)
    obj.save()
    return obj, "actualizados"


def _temas(obj, codigos: str):
    buscados = [c.strip() for c in codigos.split(";") if c.strip()]
    temas = list(Tema.objects.filter(codigo__in=buscados))
    if {t.pk for t in temas} != set(obj.temas.values_list("pk", flat=True)):
        obj.temas.set(temas)


def _leer_json(ruta: Path) -> list[dict]:
    try:
        datos = json.loads(ruta.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ErrorDeCarga(
            f"{ruta.name}, línea {exc.lineno}, columna {exc.colno}: JSON no válido ({exc.msg})."
        ) from None
    if not isinstance(datos, list):
        raise ErrorDeCarga(f"{ruta.name}: se esperaba una lista de objetos.")
    return datos


def _campo(item: dict, clave: str, ruta: Path, posicion: int):
    valor = item.get(clave)
    if valor in (None, ""):
        raise ErrorDeCarga(f"{ruta.name}, elemento {posicion}: falta «{clave}».")
    return valor


def cargar_guias(directorio: Path, resultado: Counter):
    perfiles = set(TipoMigrante.values)
    for ruta in sorted((directorio / "perfiles").glob("*.md")):
        codigo = ruta.name.split(".")[0]
        if codigo not in perfiles:
            raise ErrorDeCarga(f"{ruta.name}: «{codigo}» no es un perfil conocido.")
        cabecera, cuerpo = leer_markdown(ruta)
        idioma = cabecera.get("idioma") or "es"
        obj, que = guardar(
            Guia, {"perfil": codigo, "idioma": idioma}, _comunes(cabecera, cuerpo, ruta)
        )
        _temas(obj, cabecera.get("temas", ""))
        resultado[que] += 1


def cargar_paises(directorio: Path, resultado: Counter):
    tipos = set(PaisGuia.Tipo.values)
    for ruta in sorted((directorio / "paises").glob("*.md")):
        iso = ruta.name.split(".")[0].upper()
        cabecera, cuerpo = leer_markdown(ruta)
        _exigir(cabecera, ruta, "nombre", "tipo")
        if cabecera["tipo"] not in tipos:
            raise ErrorDeCarga(f"{ruta.name}: tipo «{cabecera['tipo']}» desconocido.")
        valores = _comunes(cabecera, cuerpo, ruta) | {
            "nombre": cabecera["nombre"],
            "tipo": cabecera["tipo"],
            "convenio": cabecera.get("convenio", ""),
        }
        _, que = guardar(PaisGuia, {"iso": iso, "idioma": cabecera.get("idioma") or "es"}, valores)
        resultado[que] += 1


def cargar_boletines(directorio: Path, resultado: Counter):
    for ruta in sorted((directorio / "boletin").glob("*.md")):
        cabecera, cuerpo = leer_markdown(ruta)
        _exigir(cabecera, ruta, "numero", "fecha")
        if not cabecera["numero"].isdigit():
            raise ErrorDeCarga(f"{ruta.name}: «numero» debe ser un entero.")
        valores = _comunes(cabecera, cuerpo, ruta) | {
            "fecha": _fecha(cabecera["fecha"], ruta, "fecha"),
            "idioma": cabecera.get("idioma") or "es",
        }
        obj, que = guardar(Boletin, {"numero": int(cabecera["numero"])}, valores)
        _temas(obj, cabecera.get("temas", ""))
        resultado[que] += 1


def cargar_paginas(directorio: Path, resultado: Counter):
    for ruta in sorted((directorio / "paginas").glob("*.md")):
        cabecera, cuerpo = leer_markdown(ruta)
        clave = {"slug": ruta.name.split(".")[0], "idioma": cabecera.get("idioma") or "es"}
        _, que = guardar(Pagina, clave, _comunes(cabecera, cuerpo, ruta))
        resultado[que] += 1


def _manifiesto_videos() -> dict:
    ruta = DIRECTORIO_VIDEOS / "indice.json"
    return json.loads(ruta.read_text(encoding="utf-8")) if ruta.exists() else {}


def cargar_videos(directorio: Path, resultado: Counter):
    ruta = directorio / "videos.json"
    manifiesto = _manifiesto_videos()
    categorias = set(Video.Categoria.values)
    for posicion, item in enumerate(_leer_json(ruta), start=1):
        titulo = _campo(item, "titulo", ruta, posicion)
        categoria = _campo(item, "categoria", ruta, posicion)
        if categoria not in categorias:
            raise ErrorDeCarga(f"{ruta.name}, elemento {posicion}: categoría «{categoria}».")
        slug = item.get("slug") or slugify(titulo)[:80]
        archivo = manifiesto.get(slug, {})
        valores = {
            "titulo": titulo,
            "categoria": categoria,
            "resumen": item.get("descripcion", ""),
            "cuerpo": _campo(item, "transcripcion", ruta, posicion),
            "diapositivas": list(item.get("diapositivas", [])),
            "perfiles": list(item.get("perfiles") or PERFILES_POR_CATEGORIA[categoria]),
            "fuente": item.get("fuente", ""),
            **_fechas_de_revision(item, ruta),
            "idioma": item.get("idioma", "es"),
            "archivo": archivo.get("archivo", ""),
            "subtitulos": archivo.get("subtitulos", ""),
            "duracion": archivo.get("duracion"),
        }
        _, que = guardar(Video, {"slug": slug}, valores)
        resultado[que] += 1


def cargar_instituciones(directorio: Path, resultado: Counter):
    ruta = directorio / "instituciones.json"
    tipos = set(Institucion.Tipo.values)
    for posicion, item in enumerate(_leer_json(ruta), start=1):
        tipo = _campo(item, "tipo", ruta, posicion)
        if tipo not in tipos:
            raise ErrorDeCarga(f"{ruta.name}, elemento {posicion}: tipo «{tipo}» desconocido.")
        clave = {
            "titulo": _campo(item, "nombre", ruta, posicion),
            "pais": _campo(item, "pais", ruta, posicion).upper(),
        }
        valores = {
            "tipo": tipo,
            "perfiles": list(item.get("perfiles", [])),
            "cuerpo": item.get("descripcion", ""),
            "web": item.get("web", ""),
            "telefono": item.get("telefono", ""),
            "direccion": item.get("direccion", ""),
            "fuente": item.get("fuente", ""),
            **_fechas_de_revision(item, ruta),
            "idioma": item.get("idioma", "es"),
        }
        _renombrar(Institucion, item.get("antes_llamada", ""), clave)
        _, que = guardar(Institucion, clave, valores)
        resultado[que] += 1


def _renombrar(modelo, anterior: str, clave: dict):
    """A seed renamed an entry: rename the existing row instead of adding a second one."""
    if not anterior or modelo.objects.filter(**clave).exists():
        return
    viejo = modelo.objects.filter(**(clave | {"titulo": anterior})).first()
    if viejo is not None:
        viejo.titulo = clave["titulo"]
        viejo.save()


def cargar_convenios(directorio: Path, resultado: Counter):
    ruta = directorio / "convenios.json"
    tipos = set(Convenio.Tipo.values)
    for posicion, item in enumerate(_leer_json(ruta), start=1):
        tipo = _campo(item, "tipo", ruta, posicion)
        if tipo not in tipos:
            raise ErrorDeCarga(f"{ruta.name}, elemento {posicion}: tipo «{tipo}» desconocido.")
        valores = {
            "tipo": tipo,
            "paises": [p.upper() for p in item.get("paises", [])],
            "estado": item.get("estado", ""),
            "cuerpo": item.get("descripcion", ""),
            "fuente": item.get("fuente", ""),
            **_fechas_de_revision(item, ruta),
            "idioma": item.get("idioma", "es"),
        }
        _, que = guardar(Convenio, {"titulo": _campo(item, "nombre", ruta, posicion)}, valores)
        resultado[que] += 1


def cargar_alertas(directorio: Path, resultado: Counter):
    ruta = directorio / "alertas.json"
    niveles = set(Alerta.Nivel.values)
    for posicion, item in enumerate(_leer_json(ruta), start=1):
        nivel = item.get("nivel", Alerta.Nivel.AVISO)
        if nivel not in niveles:
            raise ErrorDeCarga(f"{ruta.name}, elemento {posicion}: nivel «{nivel}» desconocido.")
        clave = {
            "titulo": _campo(item, "titulo", ruta, posicion),
            "idioma": item.get("idioma", "es"),
        }
        valores = {
            "cuerpo": _campo(item, "texto", ruta, posicion),
            "nivel": nivel,
            "orden": posicion,
            "fuente": item.get("fuente", ""),
            **_fechas_de_revision(item, ruta),
            "vigente_hasta": _fecha(item.get("vigente_hasta") or "", ruta, "vigente_hasta"),
        }
        _, que = guardar(Alerta, clave, valores)
        resultado[que] += 1


CARGADORES = (
    ("perfiles", cargar_guias),
    ("paises", cargar_paises),
    ("boletin", cargar_boletines),
    ("paginas", cargar_paginas),
    ("videos.json", cargar_videos),
    ("instituciones.json", cargar_instituciones),
    ("convenios.json", cargar_convenios),
    ("alertas.json", cargar_alertas),
)


def cargar_todo(directorio: Path = DIRECTORIO) -> Counter:
    """Load every seed present under ``directorio`` in one transaction; returns the counts."""
    resultado = Counter(creados=0, actualizados=0, sin_cambios=0)
    with transaction.atomic():
        for nombre, cargador in CARGADORES:
            if (directorio / nombre).exists():
                cargador(directorio, resultado)
    return resultado
