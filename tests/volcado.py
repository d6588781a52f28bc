"""The whole database as text: what a deletion or anonymisation test searches for leftovers."""

from django.db import connection


def volcado() -> str:
    """Every row of every table of the database, as text."""
    filas = []
    with connection.cursor() as cursor:
        for tabla in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabla)}")
            filas.extend(repr(fila) for fila in cursor.fetchall())
    return "\n".join(filas)
