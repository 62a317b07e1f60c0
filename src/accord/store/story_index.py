"""Rows for `accord.stories`: report features, document frequencies, the inverted index of terms
to stories, and per-story counters. Every method works inside the caller's transaction.

Kept apart from the memberships (the export) because clustering needs each report's features, the
document frequencies and an inverted index to find candidate stories without scanning the store.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Row, bindparam, delete, func, select, text
from sqlalchemy.sql.elements import TextClause

from accord import jsoncodec
from accord.store import schema
from accord.store._rows import (
    CHUNK,
    Aggregate,
    chunks,
    fetch_on_driver,
    replace_rows,
    write_on_driver,
)
from accord.store.story_rows import EventRow, IndexRow, SeenRows

DOCS_TERM = ""  # the story_terms row that counts indexed reports (feature names never are "")


@functools.lru_cache(maxsize=64)
def _postings_statement(terms: int) -> TextClause:
    """The latest postings of each of `terms` bound terms (:t0, :t1, ...), at most :limit each.
    Written as SQL text: building it as a Core compound of subqueries cost more than running it."""
    part = (
        f"SELECT * FROM (SELECT term, story, seq FROM {schema.story_postings.name} "
        # PostgreSQL requires the alias on a subquery in FROM; SQLite accepts it.
        "WHERE term = :t{n} ORDER BY seq DESC LIMIT :limit) AS p{n}"
    )
    return text(" UNION ALL ".join(part.format(n=n) for n in range(terms)))


def _given_terms(dialect: str) -> str:
    """The strings of a JSON array bound as :terms, as rows of a column `term`: a report's
    hundreds of terms go in as one parameter, where SQLAlchemy handled each row of an
    executemany in Python at twice the cost of the whole upsert in the database."""
    if dialect == "postgresql":
        return "SELECT value AS term FROM json_array_elements_text(CAST(:terms AS json))"
    return "SELECT value AS term FROM json_each(:terms)"


@functools.lru_cache(maxsize=4)
def _bump_statement(dialect: str) -> TextClause:
    """Add :step to the frequency of each of :terms, inserting the terms not yet counted, and
    return the new frequencies. `WHERE true` tells SQLite's parser that ON CONFLICT is the
    upsert's and not a join's."""
    return text(
        f"INSERT INTO {schema.story_terms.name} (term, df) "
        f"SELECT term, :step FROM ({_given_terms(dialect)}) AS given WHERE true "
        "ON CONFLICT (term) DO UPDATE SET df = story_terms.df + excluded.df "
        "RETURNING term, df"
    )


@functools.lru_cache(maxsize=4)
def _post_statement(dialect: str) -> TextClause:
    """Point each of :terms at :story, posted at :seq (a term posted there before is moved)."""
    return text(
        f"INSERT INTO {schema.story_postings.name} (term, story, seq) "
        f"SELECT term, :story, :seq FROM ({_given_terms(dialect)}) AS given WHERE true "
        "ON CONFLICT (term, story) DO UPDATE SET seq = excluded.seq"
    )


class _Q:
    """The stories index's statements, built once: they run a few dozen times per report, and
    building a statement costs SQLAlchemy three times what running it costs SQLite."""

    _terms, _docs, _postings = schema.story_terms, schema.story_docs, schema.story_postings
    _index, _events = schema.story_index, schema.story_events

    df = select(_terms.c.term, _terms.c.df).where(
        _terms.c.term.in_(bindparam("terms", expanding=True))
    )
    doc = select(_docs).where(_docs.c.doc == bindparam("doc"))
    delete_doc = delete(_docs).where(_docs.c.doc == bindparam("doc"))
    max_seq = select(func.max(_docs.c.seq))
    max_num = select(func.max(_index.c.num))
    index_rows = select(_index).where(_index.c.story.in_(bindparam("stories", expanding=True)))
    event_rows = select(_events).where(_events.c.story == bindparam("story"))
    delete_event_row = delete(_events).where(
        _events.c.story == bindparam("story"), _events.c.event == bindparam("event")
    )
    doc_rows = select(_docs).where(_docs.c.story == bindparam("story")).order_by(_docs.c.seq.desc())
    stories_rows = (
        select(_docs)
        .where(_docs.c.story.in_(bindparam("stories", expanding=True)))
        .order_by(_docs.c.story, _docs.c.seq.desc())
    )
    pinned_stories = (
        select(_docs.c.story)
        .where(_docs.c.story.in_(bindparam("stories", expanding=True)), _docs.c.pinned.is_(True))
        .distinct()
    )
    has_pinned = (
        select(_docs.c.doc)
        .where(_docs.c.story == bindparam("story"), _docs.c.pinned.is_(True))
        .limit(1)
    )
    posted_terms = select(_postings.c.term, _postings.c.seq).where(
        _postings.c.story == bindparam("story")
    )
    clear_events = delete(_events).where(_events.c.story == bindparam("story"))
    clear_postings = delete(_postings).where(_postings.c.story == bindparam("story"))


class StoryIndex(Aggregate):
    """The stories index's rows. The stories, events and postings a transaction reads or writes
    are kept for the rest of it (`accord.store.story_rows`): a batch of reports placed in one
    transaction reads them once."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self._seen = SeenRows(transaction=None)

    def _rows_seen(self, conn: Connection) -> SeenRows:
        """The rows seen in the transaction of `conn` (a new transaction has seen none). Outside a
        transaction (a connection that has run nothing yet) nothing is kept."""
        transaction = conn.get_transaction()
        if transaction is None:
            return SeenRows(transaction=None)
        if self._seen.transaction is not transaction:
            self._seen = SeenRows(transaction=transaction)
        return self._seen

    def df(self, conn: Connection, terms: Iterable[str]) -> dict[str, int]:
        """Document frequency of each term that has one; the "" term is the number of reports."""
        found: dict[str, int] = {}
        for chunk in chunks(list(dict.fromkeys(terms))):
            rows = conn.execute(_Q.df, {"terms": chunk})
            found.update({term: int(df) for term, df in rows})
        return found

    def bump_df(self, conn: Connection, terms: Iterable[str], step: int) -> dict[str, int]:
        """Add `step` (+1 or -1) to the frequency of each term and to the report count; return
        the new frequencies (the "" term's is the new report count)."""
        wanted = jsoncodec.dumps([*dict.fromkeys(terms), DOCS_TERM])
        statement = _bump_statement(conn.dialect.name)
        rows = fetch_on_driver(conn, statement, {"terms": wanted, "step": step})
        return {term: int(df) for term, df in rows}

    def save_doc(self, conn: Connection, values: dict[str, Any]) -> None:
        """Insert or replace one report's row (columns of `schema.story_docs`)."""
        replace_rows(conn, schema.story_docs, values)
        seen = self._rows_seen(conn)
        if seen.last_seq is not None:
            seen.last_seq = max(seen.last_seq, int(values["seq"]))

    def doc(self, conn: Connection, doc: str) -> Row[Any] | None:
        """The row of one indexed report, or None."""
        return conn.execute(_Q.doc, {"doc": doc}).first()

    def doc_rows(self, conn: Connection, story: str) -> list[Row[Any]]:
        """Rows of a story's reports, latest arrival first."""
        return list(conn.execute(_Q.doc_rows, {"story": story}))

    def stories_rows(self, conn: Connection, stories: Sequence[str]) -> dict[str, list[Row[Any]]]:
        """The rows of the reports of each of `stories` (`doc_rows`'s, latest arrival first), in
        one statement per CHUNK stories: a story with no report has none."""
        found: dict[str, list[Row[Any]]] = {story: [] for story in stories}
        for chunk in chunks(list(found)):
            for row in conn.execute(_Q.stories_rows, {"stories": chunk}):
                found[row.story].append(row)
        return found

    def pinned_stories(self, conn: Connection, stories: Sequence[str]) -> set[str]:
        """Those of `stories` that hold a report an analyst's correction pinned."""
        found: set[str] = set()
        for chunk in chunks(list(dict.fromkeys(stories))):
            found.update(conn.scalars(_Q.pinned_stories, {"stories": chunk}))
        return found

    def has_pinned(self, conn: Connection, story: str) -> bool:
        """Whether an analyst's correction pinned a report of `story`."""
        return conn.execute(_Q.has_pinned, {"story": story}).first() is not None

    def delete_doc(self, conn: Connection, doc: str) -> None:
        conn.execute(_Q.delete_doc, {"doc": doc})
        self._rows_seen(conn).last_seq = None  # it may have been the last

    def next_seq(self, conn: Connection) -> int:
        seen = self._rows_seen(conn)
        if seen.last_seq is None:
            seen.last_seq = int(conn.scalar(_Q.max_seq) or 0)
        return seen.last_seq + 1

    def post_terms(self, conn: Connection, story: str, terms: Sequence[str], seq: int) -> None:
        """Point each term at `story` in the inverted index, marking the story as recently posted:
        one statement for all the terms."""
        wanted = list(dict.fromkeys(terms))
        if wanted:
            given = jsoncodec.dumps(wanted)
            statement = _post_statement(conn.dialect.name)
            write_on_driver(conn, statement, [{"terms": given, "story": story, "seq": seq}])
            self._rows_seen(conn).post(story, wanted, seq)

    def postings(self, conn: Connection, terms: Sequence[str], limit: int) -> dict[str, list[str]]:
        """For each of `terms`, the stories most recently posted under it, at most `limit` each:
        one statement for the terms this transaction has not read yet, each term's part read
        through the (term, seq) index."""
        seen = self._rows_seen(conn)
        if seen.limit != limit:
            seen.postings.clear()
            seen.limit = limit
        read: dict[str, list[tuple[int, str]]] = {
            term: [] for term in terms if term not in seen.postings
        }
        # CHUNK // 10 terms per statement: SQLite caps a compound's parts
        for chunk in chunks(list(read), CHUNK // 10):
            params: dict[str, Any] = {f"t{n}": term for n, term in enumerate(chunk)}
            statement = _postings_statement(len(chunk))
            for term, story, seq in fetch_on_driver(conn, statement, {**params, "limit": limit}):
                read[term].append((-int(seq), story))
        seen.postings.update((term, sorted(rows)) for term, rows in read.items())
        return {term: [story for _, story in seen.postings[term]] for term in terms}

    def posted_terms(self, conn: Connection, story: str) -> list[tuple[str, int]]:
        return [(term, int(seq)) for term, seq in conn.execute(_Q.posted_terms, {"story": story})]

    def new_num(self, conn: Connection) -> int:
        """A number never used by a story, even one a merge has removed."""
        return int(conn.scalar(_Q.max_num) or 0) + 1

    def rows(self, conn: Connection, stories: Sequence[str]) -> list[IndexRow]:
        """The index rows of `stories` that have one, by story id."""
        seen = self._rows_seen(conn)
        unread = [story for story in dict.fromkeys(stories) if story not in seen.stories]
        seen.stories.update(dict.fromkeys(unread))
        for chunk in chunks(unread):
            for row in conn.execute(_Q.index_rows, {"stories": chunk}):
                seen.stories[row.story] = IndexRow(
                    row.story, int(row.num), row.title, int(row.next_event), row.centroid
                )
        found = (seen.stories[story] for story in sorted(set(stories)))
        return [row for row in found if row is not None]

    def save_row(self, conn: Connection, values: dict[str, Any]) -> None:
        """Insert or replace a story's row (columns of `schema.story_index`)."""
        replace_rows(conn, schema.story_index, values)
        self._rows_seen(conn).stories[values["story"]] = IndexRow(**values)

    def event_rows(self, conn: Connection, story: str) -> list[EventRow]:
        """The rows of a story's events, by event id."""
        seen = self._rows_seen(conn)
        if story not in seen.events:
            rows = conn.execute(_Q.event_rows, {"story": story})
            seen.events[story] = {r.event: EventRow(r.story, r.event, r.centroid) for r in rows}
        events = seen.events[story]
        return [events[event] for event in sorted(events)]

    def save_event_row(self, conn: Connection, story: str, event: str, centroid: str) -> None:
        values = {"story": story, "event": event, "centroid": centroid}
        replace_rows(conn, schema.story_events, values)
        seen = self._rows_seen(conn)
        if story in seen.events:
            seen.events[story][event] = EventRow(story, event, centroid)

    def delete_event_row(self, conn: Connection, story: str, event: str) -> None:
        conn.execute(_Q.delete_event_row, {"story": story, "event": event})
        self._rows_seen(conn).events.get(story, {}).pop(event, None)

    def clear(self, conn: Connection, story: str) -> None:
        """Drop a story's events and postings; its row stays so that its id is never reused."""
        conn.execute(_Q.clear_events, {"story": story})
        conn.execute(_Q.clear_postings, {"story": story})
        self._rows_seen(conn).forget_story(story)
