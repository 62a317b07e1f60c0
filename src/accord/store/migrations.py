"""Named schema migrations, applied in order inside one transaction each and recorded in the store.

A migration is never edited once released: add a new one at the end of MIGRATIONS.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    Connection,
    LargeBinary,
    bindparam,
    delete,
    inspect,
    select,
    text,
    update,
)

from accord.store import schema
from accord.store.schema import BANDS_BY_KEY as _BANDS_BY_KEY
from accord.store.schema import HOT_INDEXES as _HOT_INDEXES
from accord.store.schema import LIST_INDEXES as _LIST_INDEXES
from accord.store.schema import POSTINGS_BY_STORY as _POSTINGS_BY_STORY
from accord.store.schema import STORY_WORDS as _STORY_WORDS
from accord.store.schema import WORDS_INDEXES as _WORDS_INDEXES


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


def _entity_index(conn: Connection) -> None:
    """The entity index for incremental resolution, and indexes for the hot per-report queries."""
    for table in (
        schema.entity_keys,
        schema.entity_totals,
        schema.entity_slugs,
    ):
        table.create(conn, checkfirst=True)
    _stories_reconciled_column(conn)
    for index in _HOT_INDEXES:
        index.create(conn, checkfirst=True)


def _stories_reconciled_column(conn: Connection) -> None:
    columns = {c["name"] for c in inspect(conn).get_columns("stories")}
    if "reconciled" not in columns:
        conn.execute(text("ALTER TABLE stories ADD COLUMN reconciled VARCHAR(40)"))
        for ident, data in list(conn.execute(select(schema.stories.c.id, schema.stories.c.data))):
            stamp = json.loads(data).get("reconciled")
            conn.execute(
                update(schema.stories).where(schema.stories.c.id == ident).values(reconciled=stamp)
            )


def _acronym_keys(conn: Connection) -> None:
    """File an acronym's own letters under "A:" in the entity index, apart from the initials of
    longer names ("a:"), so that a name reads only the entries that can pair with it (see
    `accord.analyze.canonical.stored_keys`, whose acronym test this repeats: a migration must not
    change with the code). Rows under a bare "a:" go: a description's empty initials, which no
    lookup reads any more."""
    k = schema.entity_keys
    conn.execute(delete(k).where(k.c.key == "a:"))
    moved: list[dict[str, str]] = []
    for row in conn.execute(select(k).where(k.c.key.like("a:%"))).all():
        letters = row.label.replace(".", "")
        if (
            2 <= len(letters) <= 6
            and letters.isupper()
            and row.key == "a:" + "".join(sorted(letters))
        ):
            moved.append(row._asdict())
    for entry in moved:
        conn.execute(
            delete(k).where(
                k.c.key == entry["key"],
                k.c.entity == entry["entity"],
                k.c.label == entry["label"],
                k.c.type == entry["type"],
            )
        )
    if moved:
        conn.execute(k.insert(), [{**entry, "key": "A:" + entry["key"][2:]} for entry in moved])


def _placed_flag(conn: Connection) -> None:
    """`articles.placed`, set for every report that has a story already."""
    if "placed" not in {c["name"] for c in inspect(conn).get_columns("articles")}:
        conn.execute(text("ALTER TABLE articles ADD COLUMN placed BOOLEAN NOT NULL DEFAULT FALSE"))
    a, m = schema.articles, schema.memberships
    conn.execute(
        update(a).where(select(m.c.doc).where(m.c.doc == a.c.key).exists()).values(placed=True)
    )
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_placed ON articles (placed)"))


def _search_index(conn: Connection) -> None:
    """The full-text index of the reports' titles and texts (`accord.web.search`), filled with the
    stored reports, where the store is SQLite built with FTS5; elsewhere search reads the rows."""
    if conn.dialect.name != "sqlite":
        return
    if "ENABLE_FTS5" not in set(conn.exec_driver_sql("PRAGMA compile_options").scalars()):
        return
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(key UNINDEXED, title, text)"
    )
    conn.exec_driver_sql(
        "INSERT INTO articles_fts(key, title, text) "
        "SELECT key, coalesce(json_extract(data, '$.title'), ''), json_extract(data, '$.text') "
        "FROM articles WHERE key NOT IN (SELECT key FROM articles_fts)"
    )


def _postgresql_search_index(conn: Connection) -> None:
    """On PostgreSQL, the full-text index of the reports' titles and texts: a GIN index over the
    expression `accord.web.search` matches against, so it needs no table of its own to keep in
    step. The 'simple' configuration, like FTS5's default tokenizer, folds case and neither stems
    nor drops stop words."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING gin "
        "(to_tsvector('simple'::regconfig, "
        "coalesce(data::json->>'title', '') || ' ' || coalesce(data::json->>'text', '')))"
    )


def _snapshots(conn: Connection) -> None:
    """Ledger snapshots, report revisions and readers' last looks (`accord changes`), the
    state of watched URLs (`accord watch`) and the webhook deliveries."""
    tables = (
        schema.ledger_snapshots,
        schema.report_revisions,
        schema.reader_looks,
        schema.watch_urls,
        schema.webhook_outbox,
    )
    for table in tables:
        table.create(conn, checkfirst=True)


def _analysis_leases(conn: Connection) -> None:
    """Leases on the reports being analysed, so that ingests sharing a store split the work."""
    schema.analysis_leases.create(conn, checkfirst=True)


def _list_indexes(conn: Connection) -> None:
    """`stories.reports`, filled from each story's record, and the indexes that sort the lists
    of stories and entities (`accord.store.paging`)."""
    if "reports" not in {c["name"] for c in inspect(conn).get_columns("stories")}:
        conn.execute(text("ALTER TABLE stories ADD COLUMN reports INTEGER NOT NULL DEFAULT 0"))
        t = schema.stories
        counts = [
            {"story": ident, "count": int(json.loads(data).get("reports") or 0)}
            for ident, data in conn.execute(select(t.c.id, t.c.data))
        ]
        if counts:
            conn.execute(
                update(t).where(t.c.id == bindparam("story")).values(reports=bindparam("count")),
                counts,
            )
    for index in _LIST_INDEXES:
        conn.exec_driver_sql(index)


def _packed_snapshots(conn: Connection) -> None:
    """`ledger_snapshots.packed`: new snapshots are kept compressed. Those before stay as they
    are, read as before."""
    if "packed" not in {c["name"] for c in inspect(conn).get_columns("ledger_snapshots")}:
        kind = LargeBinary().compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE ledger_snapshots ADD COLUMN packed {kind}"))


def _postings_by_story(conn: Connection) -> None:
    """The index of the stories' postings by story, read when a story's postings are dropped."""
    _POSTINGS_BY_STORY.create(conn, checkfirst=True)


def _words_indexes(conn: Connection) -> None:
    """The trigram indexes of the words the lists' filters look for (`schema.WordsIndex`): the
    entities' names and aliases, the claims' and statements' sources. Kept by triggers and
    filled with the stored rows, where the store is SQLite built with FTS5 and its trigram
    tokenizer (SQLite 3.34 on); elsewhere the filters read the rows."""
    if conn.dialect.name != "sqlite":
        return
    if "ENABLE_FTS5" not in set(conn.exec_driver_sql("PRAGMA compile_options").scalars()):
        return
    if _sqlite_version(conn) < (3, 34, 0):
        return
    for index in _WORDS_INDEXES:
        for statement in index.statements():
            conn.exec_driver_sql(statement)


def _story_words(conn: Connection) -> None:
    """The trigram index of the words the stories' filter looks for (title, id, outlets), in a
    store where 0013 made the other lists' (SQLite with FTS5's trigram tokenizer)."""
    if any(inspect(conn).has_table(index.name) for index in _WORDS_INDEXES):
        for statement in _STORY_WORDS.statements():
            conn.exec_driver_sql(statement)


def _bands_by_key(conn: Connection) -> None:
    """The index of the near-duplicate bands by report, read when a revised report's bands are
    replaced."""
    _BANDS_BY_KEY.create(conn, checkfirst=True)


def _sqlite_version(conn: Connection) -> tuple[int, ...]:
    version = str(conn.exec_driver_sql("SELECT sqlite_version()").scalar())
    return tuple(int(part) for part in version.split("."))


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_initial", _initial),
    ("0002_story_index", _story_index),
    ("0003_entity_index", _entity_index),
    ("0004_acronym_keys", _acronym_keys),
    ("0005_placed_flag", _placed_flag),
    ("0006_search_index", _search_index),
    ("0007_postgresql_search_index", _postgresql_search_index),
    ("0008_snapshots", _snapshots),
    ("0009_analysis_leases", _analysis_leases),
    ("0010_list_indexes", _list_indexes),
    ("0011_packed_snapshots", _packed_snapshots),
    ("0012_postings_by_story", _postings_by_story),
    ("0013_words_indexes", _words_indexes),
    ("0014_story_words", _story_words),
    ("0015_bands_by_key", _bands_by_key),
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
