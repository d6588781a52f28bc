"""Keeps ``ResumenDiario`` (consultations per day, office and dimension value) exact.

The reports (``consultas.estadisticas.servicio``) sum these rows instead of scanning every
consultation of the period. Every write of a consultation updates them in the same transaction:

- ``Consulta.save`` and deletion (signal) recompute the affected (fecha, sede) cells — the old
  and the new one when an edit moves a consultation to another day or office;
- topic changes (``m2m_changed``, both directions) and the deletion of a ``Tema`` recompute the
  cells of the consultations concerned;
- bulk inserts (import, ``generar_datos``) add the new consultations' counts with an upsert,
  once per transaction;
- bulk updates of report fields (anonymisation empties ``derivada_a``) recompute their cells.

A cell is recomputed from the consultations themselves (delete + INSERT … SELECT), so repeating
it is harmless; on PostgreSQL an advisory lock per cell serialises concurrent recomputations.
``reconstruir()`` (``manage.py reconstruir_resumen``) rebuilds the whole table.
"""

import datetime as dt
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction

from consultas.estadisticas import dimensiones
from consultas.models import Consulta, ResumenDiario
from infomigra.vocabulario import SIN_DATO

# (dimension, consultation column) summarised per cell; ``tema`` comes from the M2M table.
COLUMNAS = dimensiones.COLUMNAS
# Model fields whose change alters a cell (``save(update_fields=…)`` without them skips it).
CAMPOS = {"recibida", "fecha", "sede", "sede_id", "edad", "banda_edad"} | {
    campo for _d, campo in COLUMNAS
}
LOTE_IDS = 1000

Celda = tuple[dt.date, int]

# Inside ``diferido()``: {"celdas": cells to recompute, "nuevas": {new consultation id: cell}}.
_diferido: ContextVar[dict | None] = ContextVar("resumen_diferido", default=None)


@contextmanager
def diferido():
    """Collect the summary work of a block and do it once at its end, in the same transaction.

    A form save touches a cell twice (the row, then its topics): inside this block the cell is
    recomputed once, and a consultation created here is added with an upsert instead of
    recomputing its whole day.
    """
    if _diferido.get() is not None:  # already deferring: the outer block does the work
        yield
        return
    pendiente = {"celdas": set(), "nuevas": {}}
    token = _diferido.set(pendiente)
    try:
        with transaction.atomic():
            yield
            _diferido.reset(token)
            token = None
            celdas = pendiente["celdas"]
            recalcular(celdas)
            # A new consultation whose cell was recomputed anyway is already counted there.
            nuevas = [pk for pk, celda in pendiente["nuevas"].items() if celda not in celdas]
            if nuevas:
                sumar_nuevas(nuevas)
    finally:
        if token is not None:
            _diferido.reset(token)


def registrar_nueva(consulta) -> bool:
    """Inside ``diferido()``, remember a just-created consultation; False outside it."""
    pendiente = _diferido.get()
    if pendiente is None:
        return False
    pendiente["nuevas"][consulta.pk] = (consulta.fecha, consulta.sede_id)
    return True


def antes_de_guardar(sender, instance, update_fields=None, **kwargs):
    """pre_save of a consultation: remember the cell it leaves (an edit may move it)."""
    anterior = None
    if not instance._state.adding and instance.pk and _toca_el_resumen(update_fields):
        anterior = Consulta.objects.filter(pk=instance.pk).values_list("fecha", "sede_id").first()
    instance._celda_anterior = anterior


def al_guardar(sender, instance, created, update_fields=None, **kwargs):
    """post_save of a consultation (inside ``Consulta.save``'s transaction): update its cells."""
    anterior = instance.__dict__.pop("_celda_anterior", None)
    if not _toca_el_resumen(update_fields):
        return
    if created and registrar_nueva(instance):
        return
    recalcular([anterior, (instance.fecha, instance.sede_id)])


def _toca_el_resumen(update_fields) -> bool:
    return update_fields is None or bool(CAMPOS.intersection(update_fields))


def _tablas():
    return (
        ResumenDiario._meta.db_table,
        Consulta._meta.db_table,
        Consulta.temas.through._meta.db_table,
    )


def _agregados_sql(condicion: str) -> str:
    """SELECT (fecha, sede_id, dimension, valor, cantidad) for the consultations matching
    ``condicion`` (SQL over the consultation table); only constant names are interpolated."""
    _resumen, consulta, through = _tablas()
    columnas = ", ".join(dict.fromkeys(["id", "fecha", "sede_id"] + [c for _d, c in COLUMNAS]))
    partes = ["SELECT fecha, sede_id, 'total', '', COUNT(*) FROM c GROUP BY fecha, sede_id"]
    for dimension, columna in COLUMNAS:
        partes.append(
            f"SELECT fecha, sede_id, '{dimension}', "  # noqa: S608
            f"COALESCE(NULLIF(CAST({columna} AS VARCHAR(200)), ''), '{SIN_DATO}'), COUNT(*) "
            f"FROM c GROUP BY fecha, sede_id, {columna}"
        )
    # The LEFT JOIN's NULL group counts the consultations without any topic.
    partes.append(
        f"SELECT c.fecha, c.sede_id, 'tema', COALESCE(CAST(t.tema_id AS VARCHAR(20)), "  # noqa: S608
        f"'{SIN_DATO}'), COUNT(*) FROM c LEFT JOIN {through} t ON t.consulta_id = c.id "
        "GROUP BY c.fecha, c.sede_id, t.tema_id"
    )
    return (
        f"WITH c AS (SELECT {columnas} FROM {consulta} WHERE {condicion}) "  # noqa: S608
        "SELECT * FROM (" + " UNION ALL ".join(partes) + ") AS x WHERE 1 = 1"
    )


def _insertar(condicion: str, params, sumar: bool = False):
    resumen = _tablas()[0]
    sql = f"INSERT INTO {resumen} (fecha, sede_id, dimension, valor, cantidad) " + _agregados_sql(
        condicion
    )
    if sumar:
        sql += (
            " ON CONFLICT (fecha, sede_id, dimension, valor) "
            f"DO UPDATE SET cantidad = {resumen}.cantidad + excluded.cantidad"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _bloquear(celdas: list[Celda]):
    """Serialise recomputations of the same cells (PostgreSQL; SQLite writes one at a time)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for fecha, sede_id in celdas:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                [f"resumen:{fecha.isoformat()}:{sede_id}"],
            )


def recalcular(celdas: Iterable[Celda | None]):
    """Recompute the summary rows of these (fecha, sede_id) cells from the consultations."""
    celdas = {c for c in celdas if c is not None and c[0] is not None and c[1]}
    pendiente = _diferido.get()
    if pendiente is not None:
        pendiente["celdas"].update(celdas)
        return
    celdas = sorted(celdas)
    if not celdas:
        return
    resumen = _tablas()[0]
    with transaction.atomic():
        _bloquear(celdas)
        for inicio in range(0, len(celdas), 200):
            parte = celdas[inicio : inicio + 200]
            condicion = " OR ".join(["(fecha = %s AND sede_id = %s)"] * len(parte))
            params = [v for fecha, sede_id in parte for v in (fecha.isoformat(), sede_id)]
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {resumen} WHERE {condicion}", params)  # noqa: S608
            _insertar(condicion, params)


def celdas_de(ids: Iterable[int]) -> set[Celda]:
    ids = list(ids)
    celdas = set()
    for inicio in range(0, len(ids), LOTE_IDS):
        qs = Consulta.objects.filter(id__in=ids[inicio : inicio + LOTE_IDS]).order_by()
        celdas.update(qs.values_list("fecha", "sede_id").distinct())
    return celdas


def recalcular_consultas(ids: Iterable[int]):
    """Recompute the cells of these consultations (after a bulk update of report fields)."""
    recalcular(celdas_de(ids))


def sumar_nuevas(ids: Iterable[int]):
    """Add freshly bulk-inserted consultations (with their topics) to the summary."""
    ids = list(ids)
    with transaction.atomic():
        # Same locks as a recomputation (all at once, sorted: no deadlock with one), so a
        # concurrent edit of a cell never misses or overwrites these counts.
        _bloquear(sorted(celdas_de(ids)))
        for inicio in range(0, len(ids), LOTE_IDS):
            parte = ids[inicio : inicio + LOTE_IDS]
            condicion = "id IN (" + ", ".join(["%s"] * len(parte)) + ")"
            _insertar(condicion, parte, sumar=True)


def reconstruir():
    """Rebuild the whole summary from the consultations (migration, repair command)."""
    with transaction.atomic():
        ResumenDiario.objects.all().delete()
        _insertar("1 = 1", [])


# --- signal handlers (connected in ConsultasConfig.ready) --------------------------------


def al_borrar_consulta(sender, instance, **kwargs):
    recalcular([(instance.fecha, instance.sede_id)])


def al_cambiar_temas(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # consulta.temas.add/remove/set/clear
        pendiente = _diferido.get()
        if pendiente is not None and instance.pk in pendiente["nuevas"]:
            return  # added with its topics at the end of the block
        if action in ("post_add", "post_remove", "post_clear"):
            recalcular([(instance.fecha, instance.sede_id)])
        return
    # tema.consultas.…: pk_set holds consultation ids (None for clear: remember them first).
    if action == "pre_clear":
        instance._celdas_resumen = celdas_de(instance.consultas.values_list("id", flat=True))
    elif action == "post_clear":
        recalcular(getattr(instance, "_celdas_resumen", ()))
    elif action in ("post_add", "post_remove"):
        recalcular(celdas_de(pk_set or ()))


def antes_de_borrar_tema(sender, instance, **kwargs):
    instance._celdas_resumen = celdas_de(instance.consultas.values_list("id", flat=True))


def al_borrar_tema(sender, instance, **kwargs):
    recalcular(getattr(instance, "_celdas_resumen", ()))
