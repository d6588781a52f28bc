"""Personal data out of a text proposed for the public FAQ: emails, phone and document numbers,
and the person's names are replaced by placeholders the advisor sees before confirming."""

import re

CORREO = "[correo]"
NUMERO = "[número]"
DOCUMENTO = "[documento]"
NOMBRE = "[nombre]"

_CORREO = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A document named by its type: DNI 44556677, C.E. N° 001234567, pasaporte AB123456…
_DOCUMENTO = re.compile(
    r"\b(DNI|D\.N\.I\.?|C\.?E\.?|carn[eé] de extranjer[ií]a|pasaporte|RUC|PTP|CPP)"
    r"(\s*(?:N[°º.o]?\s*)?:?\s*)(?=[A-Z0-9-]*\d)[A-Z0-9-]{5,15}\b",
    re.IGNORECASE,
)
# Seven digits or more, maybe split by spaces, dots, dashes or brackets (phones, bare DNIs).
_NUMERO = re.compile(r"(?<![\w/])\+?\d(?:[\s().-]?\d){6,}(?![\w/])")
# "Me llamo Rosa Quispe", "mi nombre es …", "Soy Rosa …": the capitalised words that follow.
_PRESENTACION = re.compile(
    r"\b(me llamo|mi nombre es|soy)\s+((?:[A-ZÁÉÍÓÚÑ][\wáéíóúñü'-]+\s?){1,4})",
    re.IGNORECASE,
)
_MAYUSCULA = re.compile(r"[A-ZÁÉÍÓÚÑ]")


def _sin_presentacion(coincidencia):
    nombre = coincidencia.group(2)
    if not _MAYUSCULA.match(nombre):
        return coincidencia.group(0)  # "soy enfermera": no name there
    espacio = " " if nombre.endswith(" ") else ""
    return f"{coincidencia.group(1)} {NOMBRE}{espacio}"


def redactar(texto: str, nombres=()) -> str:
    """``texto`` without emails, phone/document numbers and the given ``nombres`` (full names or
    single words of three letters or more)."""
    texto = _CORREO.sub(CORREO, texto or "")
    texto = _DOCUMENTO.sub(lambda m: f"{m.group(1)}{m.group(2)}{DOCUMENTO}", texto)
    texto = _NUMERO.sub(NUMERO, texto)
    palabras = set()
    for nombre in nombres:
        palabras |= {p for p in re.split(r"\s+", nombre or "") if len(p) >= 3}
    for palabra in sorted(palabras, key=len, reverse=True):
        texto = re.sub(rf"(?<!\w){re.escape(palabra)}(?!\w)", NOMBRE, texto, flags=re.IGNORECASE)
    texto = _PRESENTACION.sub(_sin_presentacion, texto)
    return re.sub(rf"{re.escape(NOMBRE)}(\s+{re.escape(NOMBRE)})+", NOMBRE, texto)
