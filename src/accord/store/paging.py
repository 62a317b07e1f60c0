"""Keyset paging: a page of a list sorted in SQL is the rows after (or before) the last one shown,
read through the index that gives the order, `LIMIT n + 1` at a time. An OFFSET would read every row
it skips, and a total would read the whole list.

A cursor is the sort key of the row a page starts after (or ends before), as opaque URL-safe text.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, or_

Scalar = str | int | float


@dataclass(frozen=True, slots=True)
class Key:
    """One part of a list's sort order: an expression and its direction."""

    column: ColumnElement[Any]
    descending: bool = False
    kind: type = str  # what its values are, checked in a cursor before they reach SQL


@dataclass(frozen=True, slots=True)
class Cursor:
    values: tuple[Scalar, ...]
    before: bool = False  # the page ends before `values` (a previous page), else starts after


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[Any]  # the page's rows, in the list's order
    next: str | None  # the cursor of the following page, None on the last
    previous: str | None  # the cursor of the page before, None on the first


def encode(cursor: Cursor) -> str:
    text = json.dumps({"b" if cursor.before else "a": list(cursor.values)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(text: str, keys: Sequence[Key]) -> Cursor:
    """The cursor `text` encodes, for a list sorted by `keys`; ValueError if it is none (a value
    of another type would fail the statement on PostgreSQL)."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError("not a cursor this list gave") from exc
    if not isinstance(raw, dict) or len(raw) != 1 or next(iter(raw)) not in ("a", "b"):
        raise ValueError("not a cursor this list gave")
    ((side, values),) = raw.items()
    if (
        not isinstance(values, list)
        or len(values) != len(keys)
        or not all(_fits(v, k.kind) for v, k in zip(values, keys, strict=False))
    ):
        raise ValueError("not a cursor this list gave")
    return Cursor(tuple(values), before=side == "b")


def _fits(value: object, kind: type) -> bool:
    if isinstance(value, bool):
        return False
    if kind is float:
        return isinstance(value, int | float)
    return isinstance(value, kind)


def _beyond(keys: Sequence[Key], values: Sequence[Scalar], backwards: bool) -> ColumnElement[bool]:
    """Rows after `values` in the order of `keys` (before them when `backwards`)."""
    options = []
    for n, key in enumerate(keys):
        later = key.descending == backwards
        step = key.column > values[n] if later else key.column < values[n]
        options.append(and_(*[k.column == v for k, v in zip(keys[:n], values, strict=False)], step))
    return or_(*options)


def page(
    conn: Connection,
    query: Select[Any],
    keys: Sequence[Key],
    limit: int,
    cursor: Cursor | None = None,
) -> Page:
    """Up to `limit` rows of `query` in the order of `keys`, after or before `cursor`.

    `query` selects the keys' columns first, in order, then what the caller wants; the keys must
    together tell every row apart (end with a unique column)."""
    backwards = cursor is not None and cursor.before
    if cursor is not None:
        query = query.where(_beyond(keys, cursor.values, backwards))
    order = [k.column.desc() if k.descending != backwards else k.column.asc() for k in keys]
    rows = list(conn.execute(query.order_by(*order).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    if backwards:
        rows.reverse()
    width = len(keys)

    def at(row: Any, before: bool) -> str:
        return encode(Cursor(tuple(row[:width]), before))

    if not rows:
        return Page([], None, None)
    has_next = more if not backwards else True
    has_previous = (cursor is not None) if not backwards else more
    return Page(
        rows,
        at(rows[-1], False) if has_next else None,
        at(rows[0], True) if has_previous else None,
    )
