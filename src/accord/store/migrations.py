"""Named schema migrations, applied in order inside one transaction each and recorded in the store.

A migration is never edited once released: add a new one at the end of MIGRATIONS.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select

from accord.store import schema


def _initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)


def _story_index(conn: Connection) -> None:
    tables = (
        schema.story_docs,
        schema.story_terms,
        schema.story_postings,
        schema.story_index,
        schema.story_events,
    )
    for table in tables:
        table.create(conn, checkfirst=True)


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_initial", _initial),
    ("0002_story_index", _story_index),
)


def applied(conn: Connection) -> set[str]:
    if not inspect(conn).has_table("migrations"):
        return set()
    return set(conn.scalars(select(schema.migrations.c.name)))


def migrate(conn: Connection) -> list[str]:
    """Apply the migrations the store lacks; return their names."""
    done = applied(conn)
    ran = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        step(conn)
        conn.execute(
            schema.migrations.insert().values(name=name, applied_at=datetime.now(UTC).isoformat())
        )
        ran.append(name)
    return ran
