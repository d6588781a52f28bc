"""Consultation CSV import: validate the whole file, then import it all or nothing.

Used by ``manage.py importar_consultas`` and the upload page. The file is read twice as a
stream (validation, then import), so memory stays bounded whatever its size: only the set of
``ref`` values is kept. Rows are created with ``bulk_create`` in batches and their codes are
reserved per year with ``Contador.reservar``, as ``consultas.generador`` does.
"""

import csv
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from consultas.estadisticas import resumen as resumen_diario
from consultas.intercambio.exportacion import COLUMNAS
from consultas.models import Consulta, Contador, Sede, formatear_codigo
from contenidos.models import Tema
from infomigra.hojas import PELIGROSOS
from infomigra.vocabulario import (
    CANALES_REMOTOS,
    SEDE_PRINCIPAL,
    Canal,
    Estado,
    Medio,
    Sexo,
    TipoMigrante,
)

LIMA = ZoneInfo("America/Lima")
LOTE = 2000
EDAD_MAXIMA = 120
MAX_ERRORES = 10_000
LARGO_REF = Consulta._meta.get_field("ref").max_length
CODIGOS_PAISES = {codigo for codigo, _nombre in countries}
# Invalid bytes decode to U+FFFD: a cell holding it came from a line that was not UTF-8.
REEMPLAZO = "\ufffd"


@dataclass
class ErrorImportacion:
    linea: int
    columna: str
    mensaje: str

    def __str__(self):
        return _("línea %(linea)s, columna %(columna)s: %(mensaje)s") % {
            "linea": self.linea,
            "columna": self.columna,
            "mensaje": self.mensaje,
        }


@dataclass
class Resultado:
    errores: list = field(default_factory=list)
    errores_omitidos: int = 0
    filas: int = 0
    importadas: int = 0
    omitidas: int = 0
    simulacro: bool = False

    @property
    def valido(self):
        return not self.errores


def _lineas(binario):
    """Decode a binary stream line by line; bytes that are not UTF-8 become U+FFFD."""
    for numero, crudo in enumerate(binario, start=1):
        if numero == 1 and crudo.startswith(b"\xef\xbb\xbf"):
            crudo = crudo[3:]
        yield crudo.decode("utf-8", errors="replace")


def desproteger(valor: str) -> str:
    """Undo the export's formula guard: ``'=SUM(…)`` back to ``=SUM(…)``."""
    if len(valor) > 1 and valor[0] == "'" and valor[1] in PELIGROSOS:
        return valor[1:]
    return valor


def _fecha_hora_local(texto):
    momento = dt.datetime.fromisoformat(texto)
    if momento.tzinfo is None:
        return momento.replace(tzinfo=LIMA)
    return momento.astimezone(LIMA)


class _Validador:
    def __init__(self):
        self.sedes = dict(Sede.objects.values_list("codigo", "id"))
        self.sede_principal = self.sedes.get(SEDE_PRINCIPAL)
        self.temas = dict(Tema.objects.values_list("codigo", "id"))
        self.canales = set(Canal.values)
        self.tipos = set(TipoMigrante.values)
        self.sexos = set(Sexo.values)
        self.medios = set(Medio.values)

    def fila(self, valores, linea, errores):
        """Validate one row (dict column → text); return kwargs + topic ids, or None."""
        inicial = len(errores)

        def error(columna, mensaje):
            errores.append(ErrorImportacion(linea, columna, mensaje))

        _revisar_texto(valores, error)
        datos = {}
        ref = desproteger(valores["ref"].strip())
        if len(ref) > LARGO_REF:
            error("ref", _("la referencia tiene más de %(n)s caracteres.") % {"n": LARGO_REF})
        datos["ref"] = ref or None
        datos["recibida"], datos["respondida"] = _momentos(valores, error)
        datos.update(self._codigos(valores, error))
        datos["sede_id"] = self._sede(valores["sede"].strip(), error)
        datos["edad"] = _edad(valores["edad"].strip(), error)
        for columna in ("nacionalidad", "pais"):
            datos[columna] = _pais(columna, valores[columna].strip(), error)
        temas = self._temas(valores["temas"], error)
        datos["resumen"] = desproteger(valores["resumen"])
        datos["respuesta"] = desproteger(valores["respuesta"])
        if len(errores) > inicial:
            return None
        remota = datos["canal"] in CANALES_REMOTOS
        if datos["respondida"]:
            datos["estado"] = Estado.RESPONDIDA if remota else Estado.CERRADA
        else:
            datos["estado"] = Estado.PENDIENTE if remota else Estado.CERRADA
        return datos, temas

    def _codigos(self, valores, error) -> dict:
        datos = {}
        for columna, validos, obligatorio in (
            ("canal", self.canales, True),
            ("tipo_migrante", self.tipos, True),
            ("sexo", self.sexos, False),
            ("medio", self.medios, False),
        ):
            valor = valores[columna].strip()
            if not valor and obligatorio:
                error(columna, _("el valor es obligatorio."))
            elif valor and valor not in validos:
                error(
                    columna,
                    _("código desconocido «%(v)s»; válidos: %(validos)s.")
                    % {"v": valor, "validos": ", ".join(sorted(v for v in validos if v))},
                )
            datos[columna] = valor
        return datos

    def _sede(self, sede, error):
        if not sede:
            if self.sede_principal is None:
                error("sede", _("no existe la sede principal %(s)s.") % {"s": SEDE_PRINCIPAL})
            return self.sede_principal
        if sede not in self.sedes:
            error("sede", _("sede desconocida «%(v)s».") % {"v": sede})
            return None
        return self.sedes[sede]

    def _temas(self, texto, error) -> list:
        temas = []
        for codigo in filter(None, (t.strip() for t in texto.split(";"))):
            if codigo not in self.temas:
                error("temas", _("tema desconocido «%(v)s».") % {"v": codigo})
            elif self.temas[codigo] not in temas:
                temas.append(self.temas[codigo])
        return temas


def _revisar_texto(valores, error):
    for columna, valor in valores.items():
        if REEMPLAZO in valor:
            error(
                columna,
                _("el texto no está codificado en UTF-8; guarde el archivo como «CSV UTF-8»."),
            )
        if "\x00" in valor:
            error(columna, _("contiene un carácter nulo (NUL), que no se puede guardar."))


def _fecha(texto, error):
    if not texto:
        error("fecha", _("la fecha es obligatoria (AAAA-MM-DD)."))
        return None
    try:
        if len(texto) != 10:
            raise ValueError
        return dt.date.fromisoformat(texto)
    except ValueError:
        error("fecha", _("fecha no válida «%(v)s»: use AAAA-MM-DD.") % {"v": texto})
        return None


def _hora(texto, error):
    if not texto:
        return None
    try:
        return dt.datetime.strptime(texto, "%H:%M").time()
    except ValueError:
        error("hora", _("hora no válida «%(v)s»: use HH:MM.") % {"v": texto})
        return None


def _fecha_hora(columna, texto, error):
    try:
        return _fecha_hora_local(texto)
    except ValueError:
        error(
            columna,
            _("fecha y hora no válida «%(v)s»: use AAAA-MM-DDTHH:MM:SS.") % {"v": texto},
        )
        return None


def _momentos(valores, error):
    """(recibida, respondida) from the fecha, hora, recibida and respondida columns."""
    fecha = _fecha(valores["fecha"].strip(), error)
    hora = _hora(valores["hora"].strip(), error)
    recibida = None
    texto = valores["recibida"].strip()
    if texto:
        recibida = _fecha_hora("recibida", texto, error)
        if recibida and fecha and recibida.date() != fecha:
            error("recibida", _("no coincide con la fecha %(f)s.") % {"f": fecha})
        elif recibida and hora and recibida.time().replace(second=0, microsecond=0) != hora:
            error("recibida", _("no coincide con la hora %(h)s.") % {"h": hora})
    elif fecha:
        recibida = dt.datetime.combine(fecha, hora or dt.time(0, 0), tzinfo=LIMA)
    respondida = None
    texto = valores["respondida"].strip()
    if texto:
        respondida = _fecha_hora("respondida", texto, error)
        if respondida and recibida and respondida < recibida:
            error("respondida", _("es anterior a la fecha de recepción."))
    return recibida, respondida


def _edad(texto, error):
    if not texto:
        return None
    try:
        edad = int(texto)
    except ValueError:
        error("edad", _("la edad «%(v)s» no es un número entero.") % {"v": texto})
        return None
    if not 0 <= edad <= EDAD_MAXIMA:
        error(
            "edad",
            _("edad fuera de rango (%(v)s): debe estar entre 0 y %(max)s.")
            % {"v": texto, "max": EDAD_MAXIMA},
        )
    return edad


def _pais(columna, texto, error):
    valor = texto.upper()
    if valor and valor not in CODIGOS_PAISES:
        error(
            columna,
            _("código de país no válido «%(v)s»: use ISO 3166-1 alfa-2 (p. ej. PE).")
            % {"v": texto},
        )
    return valor


def _filas(binario, errores, validador):
    """Yield (line, data, topics) for each valid row; append errors for the others."""
    lector = csv.reader(_lineas(binario))
    try:
        cabecera = next(lector)
    except StopIteration:
        errores.append(ErrorImportacion(1, COLUMNAS[0], _("el archivo está vacío.")))
        return
    except csv.Error as exc:
        errores.append(ErrorImportacion(1, COLUMNAS[0], _("CSV mal formado: %(e)s") % {"e": exc}))
        return
    cabecera = [c.strip() for c in cabecera]
    if cabecera != list(COLUMNAS):
        for posicion, esperada in enumerate(COLUMNAS):
            hallada = cabecera[posicion] if posicion < len(cabecera) else ""
            if hallada != esperada:
                errores.append(
                    ErrorImportacion(
                        1,
                        esperada,
                        _("cabecera incorrecta: se esperaba «%(e)s» y se encontró «%(h)s».")
                        % {"e": esperada, "h": hallada},
                    )
                )
        for sobrante in cabecera[len(COLUMNAS) :]:
            errores.append(ErrorImportacion(1, sobrante, _("columna no prevista en el formato.")))
        return
    inicio = lector.line_num + 1
    while True:
        try:
            crudo = next(lector)
        except StopIteration:
            return
        except csv.Error as exc:
            errores.append(ErrorImportacion(inicio, "—", _("CSV mal formado: %(e)s") % {"e": exc}))
            return
        linea, inicio = inicio, lector.line_num + 1
        if not any(v.strip() for v in crudo):
            continue
        if len(crudo) != len(COLUMNAS):
            columna = COLUMNAS[len(crudo)] if len(crudo) < len(COLUMNAS) else str(len(crudo))
            errores.append(
                ErrorImportacion(
                    linea,
                    columna,
                    _("la fila tiene %(n)s columnas y se esperaban %(m)s.")
                    % {"n": len(crudo), "m": len(COLUMNAS)},
                )
            )
            continue
        resultado = validador.fila(dict(zip(COLUMNAS, crudo, strict=True)), linea, errores)
        if resultado is not None:
            yield linea, *resultado


def _conocidas(refs):
    """Refs already in the database (as an external ref or as a consultation code)."""
    refs = list(refs)
    return set(Consulta.objects.filter(ref__in=refs).values_list("ref", flat=True)) | set(
        Consulta.objects.filter(codigo__in=refs).values_list("codigo", flat=True)
    )


def _en_lotes(iterable, n):
    lote = []
    for elemento in iterable:
        lote.append(elemento)
        if len(lote) == n:
            yield lote
            lote = []
    if lote:
        yield lote


def validar(binario, resultado):
    """First pass: every error of the file; returns the refs already known to skip."""
    validador = _Validador()
    errores = []
    refs_vistas = {}
    conocidas = set()
    for lote in _en_lotes(_filas(binario, errores, validador), LOTE):
        refs = []
        for linea, datos, _temas in lote:
            resultado.filas += 1
            ref = datos["ref"]
            if ref is None:
                continue
            if ref in refs_vistas:
                errores.append(
                    ErrorImportacion(
                        linea,
                        "ref",
                        _("referencia «%(r)s» repetida (ya aparece en la línea %(l)s).")
                        % {"r": ref, "l": refs_vistas[ref]},
                    )
                )
            else:
                refs_vistas[ref] = linea
                refs.append(ref)
        conocidas |= _conocidas(refs)
    resultado.errores = errores[:MAX_ERRORES]
    resultado.errores_omitidos = max(0, len(errores) - MAX_ERRORES)
    resultado.omitidas = len(conocidas)
    return conocidas


def importar(binario, simulacro=False, usuario=None):
    """Validate the file, then (unless ``simulacro`` or any error) import it in one transaction.

    ``binario`` is a seekable binary file object; it is read twice and not closed here.
    """
    resultado = Resultado(simulacro=simulacro)
    binario.seek(0)
    conocidas = validar(binario, resultado)
    if resultado.errores or simulacro:
        return resultado
    binario.seek(0)
    Through = Consulta.temas.through
    nuevas_ids = []
    with transaction.atomic():
        for lote in _en_lotes(_filas(binario, [], _Validador()), LOTE):
            nuevas = [(datos, temas) for _l, datos, temas in lote if datos["ref"] not in conocidas]
            if not nuevas:
                continue
            consultas = []
            for datos, _temas in nuevas:
                consulta = Consulta(registrada_por=usuario, **datos)
                consulta.completar_derivados()
                consultas.append(consulta)
            por_anio = Counter(c.fecha.year for c in consultas)
            siguiente = {anio: Contador.reservar(anio, k) for anio, k in por_anio.items()}
            for consulta in consultas:
                anio = consulta.fecha.year
                consulta.codigo = formatear_codigo(anio, siguiente[anio])
                siguiente[anio] += 1
            Consulta.objects.bulk_create(consultas, batch_size=LOTE)
            Through.objects.bulk_create(
                [
                    Through(consulta_id=consulta.id, tema_id=tema_id)
                    for consulta, (_datos, temas) in zip(consultas, nuevas, strict=True)
                    for tema_id in temas
                ],
                batch_size=LOTE * 2,
            )
            nuevas_ids.extend(c.id for c in consultas)
            resultado.importadas += len(consultas)
        # The report summary, in the same transaction (one call: its locks are taken sorted).
        resumen_diario.sumar_nuevas(nuevas_ids)
    return resultado
