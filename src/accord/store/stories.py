"""Stories and which story and event each report belongs to."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Connection, delete, select, update

from accord.errors import NotFoundError
from accord.model import Membership, Story
from accord.store import schema
from accord.store._rows import Aggregate, chunks, dump, load, replace_rows


class Stories(Aggregate):
    def save(self, conn: Connection, story: Story) -> None:
        values = {
            "id": story.id,
            "title": story.title,
            "last_published": story.last_published,
            "reports": story.reports,
            "reconciled": story.reconciled or None,
            "data": dump(story),
        }
        replace_rows(conn, schema.stories, values)

    def delete(self, conn: Connection, story_id: str) -> None:
        """Drop a story with its ledger."""
        for table in (schema.stories, schema.groups, schema.timeline, schema.briefings):
            column = table.c.id if table is schema.stories else table.c.story
            conn.execute(delete(table).where(column == story_id))

    def all(self, ids: Sequence[str] | None = None) -> list[Story]:
        """Every story, or those of `ids` that exist, by id."""
        t = schema.stories
        query = select(t.c.data).order_by(t.c.id)
        with self._read() as conn:
            if ids is None:
                return [load(Story, d) for d in conn.scalars(query)]
            return [
                load(Story, d)
                for chunk in chunks(ids)
                for d in conn.scalars(query.where(t.c.id.in_(chunk)))
            ]

    def stale(self) -> list[str]:
        """Ids of the stories whose ledger is stale (no `reconciled` stamp)."""
        t = schema.stories
        with self._read() as conn:
            return list(
                conn.scalars(select(t.c.id).where(t.c.reconciled.is_(None)).order_by(t.c.id))
            )

    def get(self, story_id: str) -> Story:
        with self._read() as conn:
            data = conn.scalar(select(schema.stories.c.data).where(schema.stories.c.id == story_id))
        if data is None:
            raise NotFoundError(f"no story {story_id!r}; `accord stories` lists them")
        return load(Story, data)

    def data(self, conn: Connection, story: str) -> str | None:
        """The stored Story record's JSON, read inside the caller's transaction."""
        return conn.scalar(select(schema.stories.c.data).where(schema.stories.c.id == story))

    # ------------------------------------------------------------------ memberships

    def set_memberships(self, conn: Connection, members: Sequence[Membership]) -> None:
        """Place each report in its story and event, marking it placed."""
        if members:
            replace_rows(conn, schema.memberships, [m.to_dict() for m in members])
        a = schema.articles
        for chunk in chunks([m.doc for m in members]):
            conn.execute(update(a).where(a.c.key.in_(chunk)).values(placed=True))

    def membership(self, doc: str) -> Membership | None:
        """The story and event of one report, if it has them."""
        found = self._memberships(schema.memberships.c.doc == doc)
        return found[0] if found else None

    def memberships(self, story: str | None = None) -> list[Membership]:
        return self._memberships(None if story is None else schema.memberships.c.story == story)

    def memberships_of(self, docs: Sequence[str]) -> list[Membership]:
        """The memberships of the reports `docs` that have one."""
        doc = schema.memberships.c.doc
        return [m for chunk in chunks(docs) for m in self._memberships(doc.in_(chunk))]

    def _memberships(self, where: ColumnElement[bool] | None) -> list[Membership]:
        t = schema.memberships
        query = select(t.c.doc, t.c.story, t.c.event, t.c.pinned).order_by(t.c.story, t.c.doc)
        if where is not None:
            query = query.where(where)
        with self._read() as conn:
            return [
                Membership(doc=d, story=s, event=e, pinned=bool(p))
                for d, s, e, p in conn.execute(query)
            ]
