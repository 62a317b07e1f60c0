"""What every aggregate of the store shares: JSON rows, chunked IN (...) queries, bulk inserts, and
the statements run thousands of times an ingest, on the driver's own cursor.

Connections follow one rule: a method that takes a `Connection` runs inside the caller's
transaction (`Store.transaction()`), and every write takes one; a method without one reads through
a connection of its own.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Column, Connection, Dialect, Engine, Table, bindparam, text
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement, TextClause
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from accord import jsoncodec
from accord.model import Record

T = TypeVar("T")
R = TypeVar("R", bound=Record)

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


def load(kind: type[R], data: str | bytes) -> R:
    """The record of `kind` that `dump` wrote as `data`."""
    return kind.from_dict(jsoncodec.loads(data))


def _fields(value: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot store a {type(value).__name__}")


def fetch_on_driver(
    conn: Connection, statement: ClauseElement, params: dict[str, Any]
) -> list[tuple[Any, ...]]:
    """The rows of `statement` (built once: SQL text, or a statement without expanding
    parameters) as plain tuples, run on the driver's own cursor inside
    the transaction of `conn`. For the few statements an ingest runs thousands of times:
    SQLAlchemy's execution (its compiled-cache lookup, its parameters' processing and a Row
    object a row) cost some 20 us a statement and 1 us a row, more than SQLite took to run them.
    The columns' types convert nothing: only for parameters and results of text and numbers."""
    sql, names = _driver_sql(conn.dialect, statement)
    with _driver_cursor(conn, sql) as cursor:
        cursor.execute(sql, params if names is None else [params[name] for name in names])
        return list(cursor.fetchall())


def write_on_driver(
    conn: Connection, statement: ClauseElement, rows: Sequence[dict[str, Any]]
) -> None:
    """Run `statement` (built once, returning nothing) once with each of `rows` of parameters on
    the driver's own cursor, as `fetch_on_driver` does. Booleans are written as the driver
    writes them (SQLite: 1 and 0, as SQLAlchemy's Boolean did)."""
    sql, names = _driver_sql(conn.dialect, statement)
    with _driver_cursor(conn, sql) as cursor:
        if names is None:
            cursor.executemany(sql, rows)
        else:
            cursor.executemany(sql, [[row[name] for name in names] for row in rows])


@contextmanager
def _driver_cursor(conn: Connection, sql: str) -> Iterator[DBAPICursor]:
    """A cursor of the driver's connection under `conn`, closed after; the driver's errors
    raised as SQLAlchemy raises them (OperationalError, IntegrityError...), which is what the
    store's callers handle (`Store.transaction` turns a failed write into a StoreError)."""
    error = conn.dialect.loaded_dbapi.Error
    cursor = conn.connection.cursor()
    try:
        yield cursor
    except error as exc:
        raise DBAPIError.instance(sql, None, exc, error, dialect=conn.dialect) from exc
    finally:
        cursor.close()


@functools.lru_cache(maxsize=128)
def _driver_sql(dialect: Dialect, statement: ClauseElement) -> tuple[str, tuple[str, ...] | None]:
    """The driver's SQL of `statement`, and the order of its parameters where the driver takes
    them by position (SQLite's "?"), None where it takes them by name (psycopg's "%(name)s")."""
    compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
    positions = compiled.positiontup
    return str(compiled), None if positions is None else tuple(positions)


def insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (each with the keys of the first) on the driver's cursor, the columns they
    leave out given their default, as the table's insert did (an autoincrement key its next)."""
    if rows:
        statement, defaults = _insert(conn.dialect, table, tuple(rows[0]))
        write_on_driver(conn, statement, [{**defaults, **row} for row in rows])


@functools.lru_cache(maxsize=64)
def _insert(
    dialect: Dialect, table: Table, given: tuple[str, ...]
) -> tuple[TextClause, dict[str, Any]]:
    """The insert of the `given` columns of `table` and of those it has a default for, with
    those defaults."""
    defaults = {k: v for k, v in _defaults(table).items() if v is not None and k not in given}
    columns = [c for c in table.columns if c.name in given or c.name in defaults]
    return _insert_text(dialect, table, columns), defaults


def insert_new_only(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows`, skipping those whose primary key the table holds."""
    if rows:
        statement = _upsert(conn.dialect, table, replace=False)
        write_on_driver(conn, statement, _with_defaults(table, rows))


def replace_rows(
    conn: Connection, table: Table, rows: dict[str, Any] | Sequence[dict[str, Any]]
) -> None:
    """Insert `rows` (one or many), each replacing the row of the same primary key: one
    statement where a delete and an insert took two."""
    given = [rows] if isinstance(rows, dict) else rows
    if given:
        statement = _upsert(conn.dialect, table, replace=True)
        write_on_driver(conn, statement, _with_defaults(table, given))


@functools.lru_cache(maxsize=64)
def _upsert(dialect: Dialect, table: Table, replace: bool) -> TextClause:
    """The upsert of every column of `table`, as SQL text that SQLite and PostgreSQL both read.
    SQLAlchemy's dialect inserts with ON CONFLICT have no cache key, so each run of one was
    compiled anew, which cost more than running it; the text is compiled once (`_driver_sql`)."""
    quote = dialect.identifier_preparer.quote
    columns = [c.name for c in table.columns]
    keys = [c.name for c in table.primary_key.columns]
    updated = [f"{quote(c)} = excluded.{quote(c)}" for c in columns if c not in keys]
    action = f"UPDATE SET {', '.join(updated)}" if replace and updated else "NOTHING"
    conflict = f" ON CONFLICT ({', '.join(quote(c) for c in keys)}) DO {action}"
    return _insert_text(dialect, table, list(table.columns), conflict)


def _insert_text(
    dialect: Dialect, table: Table, columns: Sequence[Column[Any]], then: str = ""
) -> TextClause:
    """The INSERT of `columns` of `table` as SQL text, each value bound by its column's name and
    typed as its column (which PostgreSQL's driver casts it to), followed by `then`."""
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(c.name) for c in columns)}) "
        f"VALUES ({', '.join(':' + c.name for c in columns)}){then}"
    )
    return text(sql).bindparams(*(bindparam(c.name, type_=c.type) for c in columns))


def _with_defaults(table: Table, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """`rows` with the columns they leave out given their default, as the table's insert did."""
    defaults = _defaults(table)
    return [{**defaults, **row} for row in rows]


@functools.lru_cache(maxsize=64)
def _defaults(table: Table) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for column in table.columns:
        # The schema's defaults are constants; a column without one is NULL when left out.
        default = column.default
        found[column.name] = (
            default.arg if isinstance(default, ScalarElementColumnDefault) else None
        )
    return found


class Aggregate:
    """The tables of one aggregate, over the store's engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _read(self) -> Connection:
        return self._engine.connect()
