"""What every aggregate of the store shares: JSON rows, chunked IN (...) queries, bulk inserts.

Connections follow one rule: a method that takes a `Connection` runs inside the caller's
transaction (`Store.transaction()`), and every write takes one; a method without one reads through
a connection of its own.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.expression import Executable

from accord import jsoncodec

T = TypeVar("T")

CHUNK = 500  # bound parameters per IN (...) query, well under SQLite's limit


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """`items` in consecutive slices of at most `size`."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def dump(record: Any) -> str:
    """`record.to_dict()` as JSON, without building the intermediate dicts: `dataclasses.asdict`
    deep-copies every field and was most of the time spent saving an analysis."""
    return jsoncodec.dumps(record, sort_keys=True, default=_fields)


def _fields(value: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot store a {type(value).__name__}")


def insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def insert_new_only(conn: Connection, table: Table) -> Executable:
    """An insert that skips rows whose primary key the table holds, in the store's dialect."""
    if conn.dialect.name == "postgresql":
        return postgresql_insert(table).on_conflict_do_nothing()
    return sqlite_insert(table).on_conflict_do_nothing()


@functools.lru_cache(maxsize=64)
def _replacing(dialect: str, table: Table) -> Executable:
    statement = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(table)
    keys = [c.name for c in table.primary_key.columns]
    kept = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys}
    return statement.on_conflict_do_update(index_elements=keys, set_=kept)


def replacing(conn: Connection, table: Table) -> Executable:
    """An insert that replaces the row of the same primary key, in the store's dialect: one
    statement where a delete and an insert took two. Built once per table, as building a
    statement costs SQLAlchemy more than running it."""
    return _replacing(conn.dialect.name, table)


class Aggregate:
    """The tables of one aggregate, over the store's engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _read(self) -> Connection:
        return self._engine.connect()
