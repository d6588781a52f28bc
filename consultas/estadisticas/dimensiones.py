"""The report dimensions: the one list that the daily summary, the report service, the report
files (CSV/XLSX, ``manage.py reporte``), the naive comparison and the reporting index read.

Adding a dimension: one ``Dimension`` here (a consultation column, a title and how its values
are labelled), then ``manage.py reconstruir_resumen`` to count it in the existing summary rows
(and ``makemigrations consultas`` when the column must join the reporting index). See
docs/arquitectura.md.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from infomigra.vocabulario import SIN_DATO, BandaEdad, Canal, Medio, Sexo, TipoMigrante


@dataclass(frozen=True)
class Dimension:
    codigo: str
    titulo: str
    # Consultation column counted per value; None for ``tema`` (the many-to-many table).
    columna: str | None
    # Label source: "codigos" (fixed code → label table below), "paises", "sedes", "temas" or
    # "texto" (the value itself).
    etiquetas: str = "texto"
    # Kept in the summary keyed by id (``sede``, ``tema``): renaming a code needs no rebuild.
    por_id: bool = False

    def valor_de(self, consulta) -> str:
        """The value one consultation has (the naive report and tests use it)."""
        if self.codigo == "sede":
            return consulta.sede.codigo
        valor = getattr(consulta, self.columna)
        return str(valor) if valor else SIN_DATO


DIMENSIONES = (
    Dimension("canal", _("Canal"), "canal", "codigos"),
    Dimension("sede", _("Sede"), "sede_id", "sedes", por_id=True),
    Dimension("tipo_migrante", _("Perfil"), "tipo_migrante", "codigos"),
    Dimension("sexo", _("Sexo"), "sexo", "codigos"),
    Dimension("edad", _("Grupo de edad"), "banda_edad", "codigos"),
    Dimension("nacionalidad", _("Nacionalidad"), "nacionalidad", "paises"),
    Dimension("pais", _("País de interés"), "pais", "paises"),
    Dimension("tema", _("Tema"), None, "temas", por_id=True),
    Dimension("medio", _("Cómo conoció el servicio"), "medio", "codigos"),
    Dimension("derivada_a", _("Derivación"), "derivada_a"),
)
POR_CODIGO = {d.codigo: d for d in DIMENSIONES}
CODIGOS = tuple(POR_CODIGO)

# Dimensions counted from a consultation column (all but ``tema``): (dimension, column).
COLUMNAS = tuple((d.codigo, d.columna) for d in DIMENSIONES if d.columna)
# Columns the reporting index carries besides its key (fecha, sede) for index-only scans.
COLUMNAS_INDICE = tuple(c for _d, c in COLUMNAS if c != "sede_id")


def etiquetas_fijas(codigo: str) -> dict:
    """Code → label of a dimension with fixed codes (the service's vocabulary)."""
    return {
        "canal": dict(Canal.choices),
        "tipo_migrante": dict(TipoMigrante.choices),
        "sexo": {k: v for k, v in Sexo.choices if k},
        "edad": dict(BandaEdad.choices),
        "medio": dict(Medio.choices),
    }[codigo]
