"""`accord check`: is the store sound? SQLite's own integrity check, then accord's invariants.

Each stage writes its records in one transaction, so even an interrupted ingest must leave a
store where every record rests on what it cites: offsets inside its report's text, quoted
sentences equal to the text they cite, groups and memberships pointing at stored records. A
Problem names the record and what is wrong; an empty list means the store is sound.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, Table, select, text
from sqlalchemy.exc import SQLAlchemyError

from accord.analyze.docs import squash
from accord.analyze.pipeline import ANALYSIS_VERSION
from accord.store import Store, schema


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken invariant: what kind, which record (`subject`), and what is wrong.

    Kinds: integrity (SQLite's own check), record (unreadable row), offsets (a span outside its
    report), sentence (a quoted sentence that differs from the text), orphan (a record of a report
    that is not stored), duplicate, membership, placed (a report whose `placed` flag disagrees with
    its membership), group, version.
    """

    kind: str
    subject: str
    detail: str


# The (start, end) fields of each analysis table's records that index their report's text.
SPANS: dict[str, tuple[tuple[str, str], ...]] = {
    "claims": (("start", "end"), ("sentence_start", "sentence_end")),
    "statements": (
        ("content_start", "content_end"),
        ("sentence_start", "sentence_end"),
        ("source_start", "source_end"),
        ("cue_start", "cue_end"),
    ),
    "mentions": (("start", "end"),),
    "times": (("start", "end"), ("sentence_start", "sentence_end")),
}


def check_store(store: Store) -> list[Problem]:
    """Every problem found in the store, SQLite's integrity first; [] when the store is sound."""
    try:
        with store.read() as conn:
            return _Checker(conn).run()
    except SQLAlchemyError as exc:  # a file too damaged to be queried at all
        reason = f"cannot be read ({exc.__class__.__name__}: {exc})"
        return [Problem("integrity", store.name, reason)]


class _Checker:
    """Walks the tables once each, remembering the texts and stories that later checks cite."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}  # article key -> text
        self.story_of: dict[str, str] = {}  # article key -> story
        self.claim_doc: dict[str, str] = {}  # claim id -> article key

    def run(self) -> list[Problem]:
        self.integrity()
        self.articles()
        for name in SPANS:
            self.analysis(name)
        self.memberships()
        self.groups()
        self.ledger_spans()
        return self.problems

    def add(self, kind: str, subject: str, detail: str) -> None:
        self.problems.append(Problem(kind, subject, detail))

    def rows(self, table: Table, *columns: Column[Any]) -> Iterator[tuple[Any, ...]]:
        """(subject, *columns, record) of each row whose `data` is a JSON object."""
        for subject, *values, data in self.conn.execute(select(*columns, table.c.data)):
            try:
                record = json.loads(data)
            except (TypeError, ValueError):
                record = None
            if isinstance(record, dict):
                yield (str(subject), *values, record)
            else:
                self.add("record", f"{table.name} {subject}", "data is not a JSON object")

    # ------------------------------------------------------------------ checks

    def integrity(self) -> None:
        if self.conn.dialect.name != "sqlite":
            return
        for (line,) in self.conn.execute(text("PRAGMA integrity_check")):
            if line != "ok":
                self.add("integrity", "sqlite", str(line))

    def articles(self) -> None:
        t = schema.articles
        copies: dict[str, str] = {}
        for key, version, duplicate_of, record in self.rows(
            t, t.c.key, t.c.analysis_version, t.c.duplicate_of
        ):
            if record.get("key") != key or not isinstance(record.get("text"), str):
                self.add("record", f"article {key}", "data lacks this key or a text")
                continue
            self.texts[key] = record["text"]
            if duplicate_of is not None:
                copies[key] = duplicate_of
            if version > ANALYSIS_VERSION:
                self.add(
                    "version",
                    f"article {key}",
                    f"analysed by version {version}, newer than this accord's "
                    f"{ANALYSIS_VERSION}; upgrade accord before using this store",
                )
        for key, original in copies.items():
            if original == key or original not in self.texts:
                self.add("duplicate", f"article {key}", f"duplicate_of {original!r} is not stored")

    def analysis(self, name: str) -> None:
        t = schema.metadata.tables[name]
        for row_id, doc, record in self.rows(t, t.c.id, t.c.doc):
            subject = f"{name} {row_id}"
            if doc not in self.texts:
                self.add("orphan", subject, f"its report {doc!r} is not stored")
                continue
            report = self.texts[doc]
            for start, end in SPANS[name]:
                self.span(subject, report, record.get(start), record.get(end), f"{start}/{end}")
            if name == "claims":
                self.claim_doc[row_id] = doc
                self.quoted(subject, report, record)

    def span(self, subject: str, report: str, start: Any, end: Any, field: str) -> None:
        if start is None and end is None:  # an optional span the record does not have
            return
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
            self.add("offsets", subject, f"{field}: ({start!r}, {end!r}) is not a span")
        elif end > len(report):
            self.add("offsets", subject, f"{field}: ends at {end}, past its report's {len(report)}")

    def quoted(self, subject: str, report: str, claim: dict[str, Any]) -> None:
        # The claim keeps its sentence with white space collapsed (`squash`), while the offsets
        # take the sentence as spaCy cut it, trailing line breaks included.
        start, end = claim.get("sentence_start"), claim.get("sentence_end")
        if not (isinstance(start, int) and isinstance(end, int)):
            return
        if claim.get("sentence") != squash(report[start:end]):
            self.add("sentence", subject, "its sentence differs from the text at its offsets")

    def memberships(self) -> None:
        t, a = schema.memberships, schema.articles
        stories = set(self.conn.scalars(select(schema.stories.c.id)))
        members = set(self.conn.scalars(select(t.c.doc))) & set(self.texts)  # orphans: below
        for doc in set(self.conn.scalars(select(a.c.key).where(a.c.placed))) ^ members:
            said = "has a story" if doc in members else "has no story"
            self.add("placed", f"report {doc}", f"its `placed` flag is wrong: it {said}")
        for doc, story in self.conn.execute(select(t.c.doc, t.c.story)):
            if doc not in self.texts:
                self.add("orphan", f"membership {doc}", "its report is not stored")
            elif story not in stories:
                self.add("membership", f"membership {doc}", f"its story {story!r} is not stored")
            else:
                self.story_of[doc] = story

    def groups(self) -> None:
        t = schema.groups
        for group_id, story, record in self.rows(t, t.c.id, t.c.story):
            subject = f"group {group_id}"
            for claim in record.get("members", ()):
                doc = self.claim_doc.get(claim)
                if doc is None:
                    self.add("group", subject, f"member claim {claim!r} is not stored")
                elif self.story_of.get(doc) != story:
                    self.add("group", subject, f"member claim {claim!r} is not of story {story}")
            for doc in record.get("docs", ()):
                if self.story_of.get(doc) != story:
                    self.add("group", subject, f"report {doc!r} is not of story {story}")

    def ledger_spans(self) -> None:
        """The sentences the timeline and briefing cite must lie inside stored reports."""
        for entry_id, record in self.rows(schema.timeline, schema.timeline.c.id):
            for doc, start, end in record.get("spans", ()):
                self.cited(f"timeline {entry_id}", doc, start, end)
        for position, record in self.rows(schema.briefings, schema.briefings.c.id):
            if record.get("doc"):
                self.cited(f"briefing {position}", record["doc"], record["start"], record["end"])

    def cited(self, subject: str, doc: str, start: Any, end: Any) -> None:
        if doc not in self.texts:
            self.add("orphan", subject, f"cites report {doc!r}, which is not stored")
        else:
            self.span(subject, self.texts[doc], start, end, "span")
