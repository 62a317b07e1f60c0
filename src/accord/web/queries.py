"""Filters and pagination of the API's lists, over the store's records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select

from accord.model import Article, Claim, Record, Statement
from accord.store import Store, schema

T = TypeVar("T")
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

    def restricts(self) -> bool:
        return any(
            v is not None for v in (self.story, self.doc, self.outlet, self.since, self.until)
        )


def report_keys(store: Store, f: ReportFilter) -> list[str] | None:
    """The keys of the reports `f` allows, or None when it allows every report."""
    if not f.restricts():
        return None
    allowed = None if f.story is None else {m.doc for m in store.stories.memberships(f.story)}
    t = schema.articles
    with store.read() as conn:
        rows = list(conn.execute(select(t.c.key, t.c.outlet, t.c.published).order_by(t.c.seq)))
    return [
        key
        for key, outlet, published in rows
        if (allowed is None or key in allowed)
        and (f.doc is None or key == f.doc)
        and (f.outlet is None or (outlet or "").lower() == f.outlet.lower())
        and in_range(published, f.since, f.until)
    ]


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


def claims(store: Store, f: ReportFilter, measure: str | None, source: str | None) -> list[Claim]:
    return [
        c
        for c in store.analysis.claims(report_keys(store, f))
        if (measure is None or c.measure == measure) and names(source, c.source, c.source_span)
    ]


def statements(
    store: Store, f: ReportFilter, source: str | None, entity: str | None
) -> list[Statement]:
    return [
        s
        for s in store.analysis.statements(report_keys(store, f))
        if (entity is None or s.entity == entity) and names(source, s.source, s.source_span)
    ]


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
