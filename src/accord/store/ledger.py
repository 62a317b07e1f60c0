"""Each story's ledger: its groups of claims, its timeline and its briefing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import Column, Connection, Table, delete, select

from accord.model import BriefingSentence, Group, Record, TimelineEntry
from accord.store import schema
from accord.store._rows import Aggregate, chunks, dump, insert_many, load, replace_rows

R = TypeVar("R", bound=Record)


class Ledger(Aggregate):
    def save(
        self,
        conn: Connection,
        story: str,
        found_groups: Sequence[Group],
        entries: Sequence[TimelineEntry],
        briefing: Sequence[BriefingSentence],
    ) -> None:
        """Replace the groups, timeline and briefing of one story. A large story's ledger is
        built again on every add to it, and the add changes a few of its hundreds of groups and
        the timeline from the add's dates on: only the rows that changed are written, for each
        row written dirties its pages, and rewriting them all (half a megabyte of a story of
        500 reports) made most adds end in a checkpoint of the write-ahead log."""
        self._save_groups(conn, story, found_groups)
        self._save_timeline(conn, story, entries)
        b = schema.briefings
        conn.execute(delete(b).where(b.c.story == story))
        insert_many(
            conn,
            b,
            [{"story": story, "position": n, "data": dump(e)} for n, e in enumerate(briefing)],
        )

    def _save_groups(self, conn: Connection, story: str, found: Sequence[Group]) -> None:
        g = schema.groups
        query = select(g.c.id, g.c.data).where(g.c.story == story)
        stored: dict[str, str] = {row.id: row.data for row in conn.execute(query)}
        rows = [{"id": x.id, "story": story, "verdict": x.verdict, "data": dump(x)} for x in found]
        kept = {row["id"] for row in rows}
        for gone in chunks([i for i in stored if i not in kept]):
            conn.execute(delete(g).where(g.c.id.in_(gone)))
        replace_rows(conn, g, [row for row in rows if stored.get(row["id"]) != row["data"]])

    def _save_timeline(
        self, conn: Connection, story: str, entries: Sequence[TimelineEntry]
    ) -> None:
        """The entries from the first that changed on are written again: the rows keep their
        order by id, which new rows take from the end."""
        t = schema.timeline
        stored = conn.execute(
            select(t.c.id, t.c.data).where(t.c.story == story).order_by(t.c.id)
        ).all()
        rows = [{"story": story, "date": e.date, "data": dump(e)} for e in entries]
        same = 0
        while same < min(len(stored), len(rows)) and stored[same].data == rows[same]["data"]:
            same += 1
        if same < len(stored):
            conn.execute(delete(t).where(t.c.story == story, t.c.id >= stored[same].id))
        insert_many(conn, t, rows[same:])

    def groups(self, story: str | None = None) -> list[Group]:
        """The groups in their ledger's order (most reports first), which their ids number:
        sorted as text, "s1:g10" would come before "s1:g2"."""
        found = self._records(schema.groups, Group, story, schema.groups.c.id)
        return sorted(found, key=lambda g: (g.story, _number(g.id)))

    def timeline(self, story: str | None = None) -> list[TimelineEntry]:
        return self._records(schema.timeline, TimelineEntry, story, schema.timeline.c.id)

    def briefing(self, story: str | None = None) -> list[BriefingSentence]:
        return self._records(schema.briefings, BriefingSentence, story, schema.briefings.c.position)

    def _records(
        self, table: Table, kind: type[R], story: str | None, order: Column[object]
    ) -> list[R]:
        query = select(table.c.data).order_by(table.c.story, order)
        if story is not None:
            query = query.where(table.c.story == story)
        with self._read() as conn:
            return [load(kind, d) for d in conn.scalars(query)]


def _number(group_id: str) -> int:
    """The place of a group in its ledger: "s4:g12" -> 12."""
    digits = group_id.rpartition(":g")[2]
    return int(digits) if digits.isdigit() else 0
