"""The reports' full-text index on SQLite (FTS5, migration 0006): kept apart from the reports'
rows and filled in arrival order by `sync`, which an ingest runs as it ends and a search runs
for what another writer left (PostgreSQL's search needs none: accord.web.search)."""

from __future__ import annotations

from sqlalchemy import Connection, func, select, text

from accord.store import schema
from accord.store.db import Store

# The reports the index lacks: those that came after the last one it holds (a sync adds them in
# arrival order), found without counting either table.
_LAST = text("SELECT key FROM articles_fts ORDER BY rowid DESC LIMIT 1")
_SYNC = text(
    "INSERT INTO articles_fts(key, title, text) "
    "SELECT key, coalesce(json_extract(data, '$.title'), ''), json_extract(data, '$.text') "
    "FROM articles WHERE seq > :after ORDER BY seq"
)


def available(store: Store) -> bool:
    """Whether the store has the index (SQLite built with FTS5)."""
    return sqlite_table(store, "articles_fts")


def sqlite_table(store: Store, name: str) -> bool:
    """Whether the store is SQLite and holds the table `name`: the full-text tables of SQLite
    (this index, the lists' trigram indexes of migrations 0013 and 0014) exist only where it has
    FTS5."""
    if store.engine.dialect.name != "sqlite":
        return False
    with store.read() as conn:
        found = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
            {"name": name},
        )
        return found.first() is not None


def sync(store: Store) -> None:
    """Add the reports the index lacks, if the store has one (some 0.13 ms a report: a search
    after an ingest of 39,000 reports that left them to it waited 4.9 s). A sync that finds
    the index current takes no write lock."""
    if not available(store):
        return
    with store.read() as conn:
        after = _indexed_up_to(conn)
        behind = after < int(conn.scalar(select(func.max(schema.articles.c.seq))) or 0)
    if behind:
        with store.transaction() as conn:
            conn.execute(_SYNC, {"after": _indexed_up_to(conn)})


def _indexed_up_to(conn: Connection) -> int:
    """The arrival number of the last report the index holds (0: none)."""
    last = conn.execute(_LAST).scalar()
    if last is None:
        return 0
    a = schema.articles
    return int(conn.scalar(select(a.c.seq).where(a.c.key == last)) or 0)
