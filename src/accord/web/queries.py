"""The lists of the API and the pages, paged and sorted in SQL: each page is read through the index
that gives its order, after a cursor (`accord.store.paging`), and no list reads a whole table.
Filters narrow the rows in the same statement."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import HTTPException
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    cast,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.dialects import postgresql

from accord.model import Article, Claim, Entity, Record, Rejection, Statement, Story
from accord.store import Store, paging, schema, search_index
from accord.store.paging import Cursor, Key, Page, decode
from accord.text import escape_like

T = TypeVar("T")
R = TypeVar("R", bound=Record)
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000  # keeps offsets inside SQLite's integers


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """Which reports a list may draw from; None fields do not restrict."""

    story: str | None = None
    doc: str | None = None
    outlet: str | None = None
    since: str | None = None  # YYYY-MM-DD
    until: str | None = None


def in_range(published: str | None, since: str | None, until: str | None) -> bool:
    """Whether a report's day falls in [since, until]; an undated one only when neither is set."""
    if since is None and until is None:
        return True
    day = (published or "")[:10]
    if not day:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


def names(value: str | None, *candidates: str | None) -> bool:
    """Whether `value` (case-insensitive) occurs in any candidate; None matches everything."""
    if value is None:
        return True
    needle = value.lower()
    return any(needle in (c or "").lower() for c in candidates)


def cursor_of(text: str | None, keys: Sequence[Key]) -> Cursor | None:
    """The cursor a request gave, for a list sorted by `keys`; 422 if it is not one."""
    if text is None or text == "":
        return None
    try:
        return decode(text, keys)
    except ValueError as exc:
        raise HTTPException(422, f"cursor: {exc}") from exc


def json_text(store: Store, data: ColumnElement[Any], field: str) -> ColumnElement[Any]:
    """A field of a record's JSON column as text (a list as its JSON), in the store's dialect."""
    if store.engine.dialect.name == "postgresql":
        found: ColumnElement[Any] = cast(data, postgresql.JSON)[field].astext
        return found
    return func.json_extract(data, f"$.{field}")


def contains(expr: ColumnElement[Any], words: str) -> ColumnElement[bool]:
    """Whether `expr` holds `words`, case folded (ASCII only on SQLite) and taken literally."""
    pattern = f"%{_escaped(words)}%"
    return func.lower(func.coalesce(expr, literal_column("''"))).like(pattern, escape="\\")


def any_contains(
    store: Store, data: ColumnElement[Any], exprs: Sequence[ColumnElement[Any]], words: str
) -> ColumnElement[bool]:
    """Whether any of `exprs`, fields of the record in the JSON column `data`, holds `words`.

    The record's JSON is matched first as it is stored: reading fields out of it row by row costs
    most of a filter that matches few rows. (JSON writes a quote or backslash escaped.)"""
    exact = or_(*[contains(e, words) for e in exprs])
    if '"' in words or "\\" in words:
        return exact
    pattern = "%" + _escaped(words) + "%"
    if store.engine.dialect.name == "sqlite":  # SQLite's LIKE folds ASCII case itself
        return and_(data.like(pattern, escape="\\"), exact)
    return and_(data.ilike(pattern, escape="\\"), exact)


def _escaped(words: str) -> str:
    return escape_like(words.lower())


# ---------------------------------------------------------------------------------- stories

_stories = schema.stories
STORY_SORTS: dict[str, list[Key]] = {
    # The expressions are those of the indexes of migration 0010, or the indexes go unused.
    "latest": [
        Key(func.coalesce(_stories.c.last_published, literal_column("''")), descending=True),
        Key(_stories.c.id, descending=True),
    ],
    "reports": [
        Key(_stories.c.reports, descending=True, kind=int),
        Key(_stories.c.id, descending=True),
    ],
    "title": [Key(func.lower(_stories.c.title)), Key(_stories.c.id)],
}


def stories(
    store: Store, words: str, sort: str, limit: int, cursor: str | None
) -> tuple[list[Story], Page]:
    """A page of the stories whose title, id or outlets hold every word of `words`."""
    keys = STORY_SORTS[sort]
    t = _stories
    fields = [t.c.title, t.c.id, json_text(store, t.c.data, "outlets")]
    query = select(*[k.column for k in keys], t.c.data).where(
        *[holding(store, schema.STORY_WORDS, t.c.data, fields, w) for w in words.split()]
    )
    return _record_page(store, query, keys, limit, cursor, Story)


def verdicts(store: Store, story_ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """How many groups of each verdict each story of `story_ids` has."""
    g = schema.groups
    counts: dict[str, dict[str, int]] = {s: {} for s in story_ids}
    if not story_ids:
        return counts
    query = (
        select(g.c.story, g.c.verdict, func.count())
        .where(g.c.story.in_(list(story_ids)))
        .group_by(g.c.story, g.c.verdict)
    )
    with store.read() as conn:
        for story, verdict, n in conn.execute(query):
            counts[story][verdict] = int(n)
    return counts


# ---------------------------------------------------------------------------------- entities

ENTITY_KEYS = [Key(schema.entities.c.name), Key(schema.entities.c.id)]


def entities(
    store: Store,
    words: Sequence[str],
    kind: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Entity], Page]:
    """A page of the entities, by name, whose name or aliases hold each of `words`."""
    t = schema.entities
    aliases = json_text(store, t.c.data, "aliases")
    query = select(t.c.name, t.c.id, t.c.data).where(
        *[holding(store, schema.ENTITY_WORDS, t.c.data, [t.c.name, aliases], w) for w in words]
    )
    if kind is not None:
        query = query.where(t.c.type == kind)
    return _record_page(store, query, ENTITY_KEYS, limit, cursor, Entity)


def _has_index(store: Store, index: schema.WordsIndex) -> bool:
    """Whether the store has `index` (migrations 0013, 0014: SQLite with FTS5's trigram
    tokenizer)."""
    return search_index.sqlite_table(store, index.name)


def holding(
    store: Store,
    index: schema.WordsIndex,
    data: ColumnElement[Any],
    exprs: Sequence[ColumnElement[Any]],
    words: str,
) -> ColumnElement[bool]:
    """Whether any of `exprs` holds `words` (`any_contains`): through the trigram `index` of
    those fields when the store has it, for words it can look up (three characters or more,
    and no LIKE wildcard or escape, for it answers LIKE without an ESCAPE clause), each row it
    finds checked as `contains` checks it; else `any_contains`."""
    if len(words) < 3 or escape_like(words) != words or not _has_index(store, index):
        return any_contains(store, data, exprs, words)
    found = table(index.name, column("rowid"), column("words"))
    matching = select(found.c.rowid).where(found.c.words.like(f"%{words.lower()}%"))
    return and_(
        literal_column(f"{index.table}.rowid").in_(matching),
        or_(*[contains(e, words) for e in exprs]),
    )


# ---------------------------------------------------------------------------------- reports


def report_where(store: Store, f: ReportFilter, doc: ColumnElement[Any]) -> list[Any]:
    """Conditions on a table's report key column `doc` for the reports `f` allows.

    A story's reports are read first (a story holds a bounded number): the list then reads
    their rows through the index on `doc`. The other conditions are checked row by row against
    the report, through its unique key, so a page stops once it has its rows."""
    where: list[Any] = []
    if f.story is not None:
        members = [m.doc for m in store.stories.memberships(f.story)]
        where.append(doc.in_(members))
    if f.doc is not None:
        where.append(doc == f.doc)
    a = schema.articles
    about = _article_where(f)
    if about:
        if doc is a.c.key:
            where += about
        else:
            where.append(exists().where(a.c.key == doc, *about))
    return where


def _article_where(f: ReportFilter) -> list[Any]:
    a = schema.articles
    where: list[Any] = []
    if f.outlet is not None:
        where.append(
            func.lower(func.coalesce(a.c.outlet, literal_column("''"))) == f.outlet.lower()
        )
    if f.since is not None or f.until is not None:
        # A report's day is the first ten characters of its ISO date; an undated one is out.
        where.append(a.c.published.is_not(None))
        where.append(a.c.published != "")
    if f.since is not None:
        where.append(a.c.published >= f.since)
    if f.until is not None:
        where.append(func.substr(a.c.published, 1, 10) <= f.until)
    return where


REPORT_KEYS = [Key(schema.articles.c.seq, kind=int)]


def reports(
    store: Store, f: ReportFilter, limit: int, cursor: str | None
) -> tuple[list[Article], Page]:
    """A page of the reports `f` allows, in arrival order."""
    a = schema.articles
    query = select(a.c.seq, a.c.data).where(*report_where(store, f, a.c.key))
    return _record_page(store, query, REPORT_KEYS, limit, cursor, Article)


CLAIM_KEYS = [Key(schema.claims.c.id)]


def claims(
    store: Store,
    f: ReportFilter,
    measure: str | None,
    source: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Claim], Page]:
    """A page of the claims of the reports `f` allows, by id."""
    t = schema.claims
    query = select(t.c.id, t.c.data).where(*report_where(store, f, t.c.doc))
    if measure is not None:
        query = query.where(t.c.measure == measure)
    if source is not None:
        fields = [t.c.source, json_text(store, t.c.data, "source_span")]
        query = query.where(holding(store, schema.CLAIM_WORDS, t.c.data, fields, source))
    return _record_page(store, query, CLAIM_KEYS, limit, cursor, Claim)


STATEMENT_KEYS = [Key(schema.statements.c.id, kind=int)]


def statements(
    store: Store,
    f: ReportFilter,
    source: str | None,
    entity: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Statement], Page]:
    """A page of the statements of the reports `f` allows, in the order they were stored."""
    t = schema.statements
    query = select(t.c.id, t.c.data).where(*report_where(store, f, t.c.doc))
    if entity is not None:
        query = query.where(t.c.entity == entity)
    if source is not None:
        fields = [json_text(store, t.c.data, "source"), json_text(store, t.c.data, "source_span")]
        query = query.where(holding(store, schema.STATEMENT_WORDS, t.c.data, fields, source))
    return _record_page(store, query, STATEMENT_KEYS, limit, cursor, Statement)


REJECTION_KEYS = [Key(schema.rejections.c.id, kind=int)]


def rejections(store: Store, limit: int, cursor: str | None) -> tuple[list[Rejection], Page]:
    """A page of the refused inputs, oldest first."""
    t = schema.rejections
    query = select(t.c.id, t.c.source, t.c.reason, t.c.at)
    with store.read() as conn:
        found = paging.page(conn, query, REJECTION_KEYS, limit, cursor_of(cursor, REJECTION_KEYS))
    return [Rejection(source=s, reason=r, at=at) for _, s, r, at in found.rows], found


def listing(
    items: Iterable[T], found: Page, limit: int, row: Callable[[T], dict[str, Any]]
) -> dict[str, Any]:
    """A page as the API's list envelope: the cursors of the pages beside it."""
    return {
        "items": [row(item) for item in items],
        "limit": limit,
        "next": found.next,
        "previous": found.previous,
    }


def page(
    items: Sequence[T], limit: int, offset: int, row: Callable[[T], dict[str, Any]]
) -> dict[str, Any]:
    """One page of `items` as the API's list envelope."""
    return {
        "items": [row(item) for item in items[offset : offset + limit]],
        "total": len(items),
        "limit": limit,
        "offset": offset,
    }


def record_row(record: Record) -> dict[str, Any]:
    return record.to_dict()


def group_row(record: Record) -> dict[str, Any]:
    """A group as the groups export writes it: its id under "group"."""
    row = record.to_dict()
    row["group"] = row.pop("id")
    return row


def article_row(a: Article) -> dict[str, Any]:
    """A report as the articles export writes it: its key under "doc", no store bookkeeping."""
    row = a.to_dict()
    row["doc"] = row.pop("key")
    for internal in ("content_hash", "seq"):
        row.pop(internal, None)
    return row


def matching(items: Iterable[T], keep: Callable[[T], bool]) -> list[T]:
    return [item for item in items if keep(item)]


def _record_page(
    store: Store,
    query: Select[Any],
    keys: Sequence[Key],
    limit: int,
    cursor: str | None,
    kind: type[R],
) -> tuple[list[R], Page]:
    """A page of `query`, whose last column holds each row's record as JSON."""
    with store.read() as conn:
        found = paging.page(conn, query, keys, limit, cursor_of(cursor, keys))
    return [kind.from_dict(json.loads(row[-1])) for row in found.rows], found
