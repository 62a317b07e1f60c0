"""Each story's ledger: its groups of claims, its timeline and its briefing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import Column, Connection, Table, delete, select

from accord.model import BriefingSentence, Group, Record, TimelineEntry
from accord.store import schema
from accord.store._rows import Aggregate, dump, insert_many, load

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
        """Replace the groups, timeline and briefing of one story."""
        for table in (schema.groups, schema.timeline, schema.briefings):
            conn.execute(delete(table).where(table.c.story == story))
        insert_many(
            conn,
            schema.groups,
            [
                {"id": g.id, "story": story, "verdict": g.verdict, "data": dump(g)}
                for g in found_groups
            ],
        )
        insert_many(
            conn,
            schema.timeline,
            [{"story": story, "date": e.date, "data": dump(e)} for e in entries],
        )
        insert_many(
            conn,
            schema.briefings,
            [{"story": story, "position": n, "data": dump(b)} for n, b in enumerate(briefing)],
        )

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
