"""`accord copy`: a whole store into an empty one, between SQLite and PostgreSQL in either direction.

Rows go table by table in their primary keys' order, keeping every id and arrival number, inside one
transaction of the destination: a copy that fails leaves the destination as empty as it was. The
search indexes are not tables: PostgreSQL's follows the rows, and SQLite's FTS5 table fills itself
at the first search.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Table, func, select, text

from accord.errors import StoreError
from accord.store import schema
from accord.store.db import Store

BATCH = 1000  # rows read and inserted at a time


def _tables() -> list[Table]:
    """Every table but the migrations, which each store keeps of its own, parents first."""
    return [t for t in schema.metadata.sorted_tables if t is not schema.migrations]


def copy_store(
    source: Store, dest: Store, on_table: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every record of `source` into `dest`, which must hold none; return the rows copied
    per table. `on_table(name, rows)` is called as each table is done."""
    with dest.read() as conn:
        held = [t.name for t in _tables() if conn.scalar(select(func.count()).select_from(t))]
    if held:
        raise StoreError(
            f"{dest.name}: holds records already (in {', '.join(held)}); copy into a new store"
        )
    copied: dict[str, int] = {}
    with source.read() as src, dest.transaction() as conn:
        for table in _tables():
            order = list(table.primary_key.columns) or list(table.columns)
            rows = src.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
            count = 0
            for batch in rows.partitions():
                conn.execute(table.insert(), [row._asdict() for row in batch])
                count += len(batch)
            copied[table.name] = count
            if on_table:
                on_table(table.name, count)
        if conn.dialect.name == "postgresql":
            _advance_sequences(conn)
    return copied


def _advance_sequences(conn: Connection) -> None:
    """Set each id sequence past the ids copied in: PostgreSQL's sequences advance only when they
    hand out an id, and a copied row brings its own."""
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"coalesce(max({column.name}), 0) + 1, false) FROM {table.name}"
                    )
                )
