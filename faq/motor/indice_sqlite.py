"""SQLite only: an FTS5 index over the stemmed search columns, kept by triggers.

``faq_pregunta_fts`` is an external-content FTS5 table on ``faq_pregunta``'s
``busqueda_pregunta`` and ``busqueda_respuesta`` (stems between spaces, filled on save), so each
group of a query is an inverted-index lookup instead of a ``LIKE`` scan of every row. Ensured
after every ``migrate`` (``post_migrate``): SQLite's schema editor rebuilds a table to alter it,
which drops its triggers, so they are re-created (and the index rebuilt) whenever missing.
"""

TABLA = "faq_pregunta_fts"
DISPARADORES = {
    "faq_pregunta_fts_ai": """
        CREATE TRIGGER faq_pregunta_fts_ai AFTER INSERT ON faq_pregunta BEGIN
          INSERT INTO faq_pregunta_fts(rowid, busqueda_pregunta, busqueda_respuesta)
          VALUES (new.id, new.busqueda_pregunta, new.busqueda_respuesta);
        END""",
    "faq_pregunta_fts_ad": """
        CREATE TRIGGER faq_pregunta_fts_ad AFTER DELETE ON faq_pregunta BEGIN
          INSERT INTO faq_pregunta_fts(
            faq_pregunta_fts, rowid, busqueda_pregunta, busqueda_respuesta)
          VALUES ('delete', old.id, old.busqueda_pregunta, old.busqueda_respuesta);
        END""",
    "faq_pregunta_fts_au": """
        CREATE TRIGGER faq_pregunta_fts_au
        AFTER UPDATE OF busqueda_pregunta, busqueda_respuesta ON faq_pregunta BEGIN
          INSERT INTO faq_pregunta_fts(
            faq_pregunta_fts, rowid, busqueda_pregunta, busqueda_respuesta)
          VALUES ('delete', old.id, old.busqueda_pregunta, old.busqueda_respuesta);
          INSERT INTO faq_pregunta_fts(rowid, busqueda_pregunta, busqueda_respuesta)
          VALUES (new.id, new.busqueda_pregunta, new.busqueda_respuesta);
        END""",
}


def asegurar_indice(using="default", **kwargs):
    """Create the FTS5 table and its triggers if missing; rebuild the index when anything was."""
    from django.db import connections

    conexion = connections[using]
    if conexion.vendor != "sqlite":
        return
    with conexion.cursor() as cursor:
        if "faq_pregunta" not in conexion.introspection.table_names(cursor):
            return
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existentes = {fila[0] for fila in cursor.fetchall()}
        faltan = [n for n in DISPARADORES if n not in existentes]
        if TABLA in existentes and not faltan:
            return
        if TABLA not in existentes:
            cursor.execute(
                "CREATE VIRTUAL TABLE faq_pregunta_fts USING fts5("
                "busqueda_pregunta, busqueda_respuesta, content='faq_pregunta', content_rowid='id')"
            )
        for nombre in faltan:
            cursor.execute(DISPARADORES[nombre])
        cursor.execute("INSERT INTO faq_pregunta_fts(faq_pregunta_fts) VALUES ('rebuild')")


def compactar(using="default") -> None:
    """Merge the FTS5 index into one segment: deleted or replaced entries leave their words in
    the old segments until then (after removing personal data, nothing may stay behind)."""
    from django.db import connections

    conexion = connections[using]
    if conexion.vendor != "sqlite":
        return
    with conexion.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLA}({TABLA}) VALUES ('optimize')")  # noqa: S608
