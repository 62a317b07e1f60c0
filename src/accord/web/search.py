"""Full-text search over the reports' titles and texts.

SQLite FTS5 when the store has its index (`articles_fts`, made by the store's migration
0006_search_index where SQLite is built with FTS5); the index is brought up to date at query time by
adding the reports it lacks (reports are never edited in place, so a missing key is the only way the
index can fall behind). PostgreSQL's full-text search on a PostgreSQL store, through the GIN index
of migration 0007_postgresql_search_index, which the database keeps current itself. Elsewhere, LIKE
over the stored rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from sqlalchemy import Connection, and_, func, select, text

from accord.model import Article
from accord.store import Store, schema

FTS_SYNC = text(
    "INSERT INTO articles_fts(key, title, text) "
    "SELECT key, coalesce(json_extract(data, '$.title'), ''), json_extract(data, '$.text') "
    "FROM articles WHERE key NOT IN (SELECT key FROM articles_fts)"
)
# Private-use characters mark the matches in snippets: they survive HTML escaping untouched, so
# the escaped snippet can get its <mark> tags afterwards.
OPEN, CLOSE = "\ue000", "\ue001"
FTS_QUERY = text(
    "SELECT key, snippet(articles_fts, -1, char(57344), char(57345), '…', 16) "
    "FROM articles_fts WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit OFFSET :offset"
)
FTS_COUNT = text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q")
SNIPPET_CHARS = 90
# The document as migration 0007's index holds it, written the same, or the index goes unused.
TS_DOCUMENT = (
    "to_tsvector('simple'::regconfig, "
    "coalesce(data::json->>'title', '') || ' ' || coalesce(data::json->>'text', ''))"
)
TS_MATCH = f"{TS_DOCUMENT} @@ plainto_tsquery('simple', :q)"
TS_QUERY = text(
    f"SELECT key FROM articles WHERE {TS_MATCH} "
    f"ORDER BY ts_rank({TS_DOCUMENT}, plainto_tsquery('simple', :q)) DESC, seq "
    "LIMIT :limit OFFSET :offset"
)
TS_COUNT = text(f"SELECT count(*) FROM articles WHERE {TS_MATCH}")


@dataclass(frozen=True, slots=True)
class Hit:
    article: Article
    snippet: Markup


@dataclass(frozen=True, slots=True)
class Results:
    hits: list[Hit]
    total: int
    engine: str  # "fts5", "postgresql" or "like"


def words(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:20]


def search(store: Store, query: str, limit: int = 20, offset: int = 0) -> Results:
    """Reports holding every word of `query`, best first, with a marked snippet each."""
    terms = words(query)
    if not terms:
        return Results([], 0, "none")
    engine = search_engine(store)
    run = {"fts5": _fts, "postgresql": _tsearch, "like": _like}[engine]
    found, total = run(store, terms, limit, offset)
    articles = {a.key: a for a in store.articles.all([key for key, _ in found])}
    hits = [Hit(articles[key], mark(snip)) for key, snip in found if key in articles]
    return Results(hits, total, engine)


def search_engine(store: Store) -> str:
    if store.engine.dialect.name == "postgresql":
        return "postgresql"
    return "fts5" if fts5_available(store) else "like"


def fts5_available(store: Store) -> bool:
    if store.engine.dialect.name != "sqlite":
        return False
    with store.read() as conn:
        found = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'"
        )
        return found.first() is not None


def mark(snippet: str) -> Markup:
    """The snippet escaped, with its match markers turned into <mark> elements."""
    escaped = str(escape(snippet))
    return Markup(escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


def sync_index(store: Store) -> None:
    """Add the reports the FTS index lacks; a search that finds the index current takes no
    write lock."""
    with store.read() as conn:
        behind = _behind(conn)
    if behind:
        with store.transaction() as conn:
            conn.execute(FTS_SYNC)


def _behind(conn: Connection) -> bool:
    stored = conn.scalar(select(func.count()).select_from(schema.articles)) or 0
    indexed = conn.exec_driver_sql("SELECT count(*) FROM articles_fts").scalar() or 0
    return int(indexed) < int(stored)


def _fts(
    store: Store, terms: list[str], limit: int, offset: int
) -> tuple[list[tuple[str, str]], int]:
    sync_index(store)
    # Each word quoted as an FTS5 string: the user's text is never read as query syntax.
    match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
    with store.read() as conn:
        rows = conn.execute(FTS_QUERY, {"q": match, "limit": limit, "offset": offset})
        found = [(str(key), str(snip)) for key, snip in rows]
        total = int(conn.execute(FTS_COUNT, {"q": match}).scalar() or 0)
    return found, total


def _tsearch(
    store: Store, terms: list[str], limit: int, offset: int
) -> tuple[list[tuple[str, str]], int]:
    # plainto_tsquery reads the words as plain text joined by AND: never as query syntax. The
    # snippets are cut here, as for LIKE: ts_headline drops whatever in a text looks like markup.
    q = " ".join(terms)
    params = {"q": q, "limit": limit, "offset": offset}
    with store.read() as conn:
        keys = [str(key) for key in conn.scalars(TS_QUERY, params)]
        total = int(conn.execute(TS_COUNT, {"q": q}).scalar() or 0)
    return _snippets(store, keys, terms), total


def _like(
    store: Store, terms: list[str], limit: int, offset: int
) -> tuple[list[tuple[str, str]], int]:
    data = schema.articles.c.data
    # \w+ words hold no % but may hold _, LIKE's one-character wildcard
    where = and_(*[data.ilike("%" + t.replace("_", "\\_") + "%", escape="\\") for t in terms])
    query = select(schema.articles.c.key).where(where).order_by(schema.articles.c.seq)
    with store.read() as conn:
        total = int(conn.scalar(select(func.count()).select_from(query.subquery())) or 0)
        keys = list(conn.scalars(query.limit(limit).offset(offset)))
    return _snippets(store, keys, terms), total


def _snippets(store: Store, keys: list[str], terms: list[str]) -> list[tuple[str, str]]:
    articles = {a.key: a for a in store.articles.all(keys)}
    return [(k, like_snippet(articles[k].text, terms)) for k in keys if k in articles]


def like_snippet(body: str, terms: list[str]) -> str:
    """A window of `body` around the first match, matches wrapped in the markers."""
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    first = pattern.search(body)
    start = max(0, first.start() - SNIPPET_CHARS) if first else 0
    window = body[start : start + 2 * SNIPPET_CHARS]
    marked = pattern.sub(lambda m: OPEN + m.group(0) + CLOSE, window)
    return ("…" if start else "") + marked + ("…" if start + 2 * SNIPPET_CHARS < len(body) else "")
