"""Full-text search over the reports' titles and texts.

SQLite FTS5 when the store has its index (`articles_fts`, made by the store's migration
0006_search_index where SQLite is built with FTS5); an ingest brings the index up to date as it
ends, and a query by adding the reports that came after the last one it holds (reports are never
edited in place, and they are indexed in arrival order: `accord.store.search_index`). PostgreSQL's full-text search on a PostgreSQL store, through the GIN index
of migration 0007_postgresql_search_index, which the database keeps current itself. Elsewhere, LIKE
over the stored rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import (
    ColumnElement,
    and_,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import DOUBLE_PRECISION

from accord.model import Article
from accord.store import Store, schema, search_index
from accord.store.paging import Key, Page, page
from accord.web.queries import cursor_of

# Private-use characters mark the matches in snippets: they survive HTML escaping untouched, so
# the escaped snippet can get its <mark> tags afterwards.
OPEN, CLOSE = "\ue000", "\ue001"
FTS_SNIPPETS = (
    "SELECT key, snippet(articles_fts, -1, char(57344), char(57345), '…', 16) "
    "FROM articles_fts WHERE articles_fts MATCH :q AND rowid IN ({rows})"
)
SNIPPET_CHARS = 90
# The document as migration 0007's index holds it, written the same, or the index goes unused.
TS_DOCUMENT = (
    "to_tsvector('simple'::regconfig, "
    "coalesce(data::json->>'title', '') || ' ' || coalesce(data::json->>'text', ''))"
)

_fts = table("articles_fts", column("rowid"), column("key"), column("rank"))


@dataclass(frozen=True, slots=True)
class Hit:
    article: Article
    snippet: Markup


@dataclass(frozen=True, slots=True)
class Results:
    hits: list[Hit]
    next: str | None  # cursors of the pages beside this one (accord.store.paging)
    previous: str | None
    engine: str  # "fts5", "postgresql" or "like"


def words(query: str) -> list[str]:
    return re.findall(r"\w+", query)[:20]


def search(store: Store, query: str, limit: int = 20, cursor: str | None = None) -> Results:
    """A page of the reports holding every word of `query`, best first, with a marked snippet
    each; `cursor` is the `next` or `previous` of another page of the same query."""
    terms = words(query)
    if not terms:
        return Results([], None, None, "none")
    engine = search_engine(store)
    run = {"fts5": _fts_page, "postgresql": _tsearch, "like": _like}[engine]
    found, at = run(store, terms, limit, cursor)
    articles = {a.key: a for a in store.articles.all([key for key, _ in found])}
    hits = [Hit(articles[key], mark(snip)) for key, snip in found if key in articles]
    return Results(hits, at.next, at.previous, engine)


def search_engine(store: Store) -> str:
    if store.engine.dialect.name == "postgresql":
        return "postgresql"
    return "fts5" if search_index.available(store) else "like"


def mark(snippet: str) -> Markup:
    """The snippet escaped, with its match markers turned into <mark> elements."""
    escaped = str(escape(snippet))
    return Markup(escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


def _fts_page(
    store: Store, terms: list[str], limit: int, cursor: str | None
) -> tuple[list[tuple[str, str]], Page]:
    search_index.sync(store)
    # Each word quoted as an FTS5 string: the user's text is never read as query syntax.
    match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
    # Ranking orders every match, from the full-text index alone; the snippets, which read the
    # texts, are cut for the page's rows only.
    keys = [Key(_fts.c.rank, kind=float), Key(_fts.c.rowid, kind=int)]
    query = select(_fts.c.rank, _fts.c.rowid, _fts.c.key).where(
        text("articles_fts MATCH :q").bindparams(q=match)
    )
    with store.read() as conn:
        at = page(conn, query, keys, limit, cursor_of(cursor, keys))
        rows = [int(row[1]) for row in at.rows]
        snips: dict[str, str] = {}
        if rows:
            sql = FTS_SNIPPETS.format(rows=", ".join(str(n) for n in rows))
            snips = {str(k): str(s) for k, s in conn.execute(text(sql), {"q": match})}
    return [(str(row[2]), snips.get(str(row[2]), "")) for row in at.rows], at


def _tsearch(
    store: Store, terms: list[str], limit: int, cursor: str | None
) -> tuple[list[tuple[str, str]], Page]:
    # plainto_tsquery reads the words as plain text joined by AND: never as query syntax. The
    # snippets are cut here, as for LIKE: ts_headline drops whatever in a text looks like markup.
    a = schema.articles
    document: ColumnElement[Any] = literal_column(TS_DOCUMENT)
    asked = func.plainto_tsquery(literal_column("'simple'::regconfig"), " ".join(terms))
    # The rank as a double: a real reaches Python rounded, and the cursor would not equal it.
    rank = cast(func.ts_rank(document, asked), DOUBLE_PRECISION)
    keys = [Key(rank, descending=True, kind=float), Key(a.c.seq, kind=int)]
    query = select(*[k.column for k in keys], a.c.key).where(document.op("@@")(asked))
    with store.read() as conn:
        at = page(conn, query, keys, limit, cursor_of(cursor, keys))
    return _snippets(store, [str(row[-1]) for row in at.rows], terms), at


def _like(
    store: Store, terms: list[str], limit: int, cursor: str | None
) -> tuple[list[tuple[str, str]], Page]:
    a = schema.articles
    # \w+ words hold no % but may hold _, LIKE's one-character wildcard
    where = and_(*[a.c.data.ilike("%" + t.replace("_", "\\_") + "%", escape="\\") for t in terms])
    keys = [Key(a.c.seq, kind=int)]
    with store.read() as conn:
        at = page(conn, select(a.c.seq, a.c.key).where(where), keys, limit, cursor_of(cursor, keys))
    return _snippets(store, [str(row[-1]) for row in at.rows], terms), at


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
