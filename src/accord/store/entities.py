"""Canonical entities, and the entity index that lets a new report's entities be resolved against
only the stored ones they could merge with (`accord.analyze.canonical`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, delete, select

from accord import jsoncodec
from accord.model import Entity
from accord.store import schema
from accord.store._rows import (
    Aggregate,
    chunks,
    dump,
    insert_many,
    insert_new_only,
    load,
    replace_rows,
)


class Entities(Aggregate):
    def replace(self, conn: Connection, found: Sequence[Entity]) -> None:
        conn.execute(delete(schema.entities))
        for e in found:
            conn.execute(
                schema.entities.insert().values(id=e.id, name=e.name, type=e.type, data=dump(e))
            )

    def all(self) -> list[Entity]:
        with self._read() as conn:
            query = select(schema.entities.c.data).order_by(schema.entities.c.name)
            return [load(Entity, d) for d in conn.scalars(query)]

    def get(self, entity_id: str) -> Entity | None:
        with self._read() as conn:
            data = conn.scalar(
                select(schema.entities.c.data).where(schema.entities.c.id == entity_id)
            )
        return load(Entity, data) if data is not None else None

    # ------------------------------------------------------------------ entity index

    def candidates(
        self, keys: Iterable[str], not_person: Iterable[str] = ()
    ) -> list[tuple[str, str, str, str]]:
        """(key, entity, label, type) rows of the entity index under any of `keys`, and the rows
        of a type other than "person" under any of `not_person`."""
        t = schema.entity_keys
        found: list[tuple[str, str, str, str]] = []
        with self._read() as conn:
            for wanted, where in ((keys, None), (not_person, t.c.type != "person")):
                for chunk in chunks(list(dict.fromkeys(wanted))):
                    query = select(t.c.key, t.c.entity, t.c.label, t.c.type).where(
                        t.c.key.in_(chunk)
                    )
                    if where is not None:
                        query = query.where(where)
                    found += [(k, e, la, ty) for k, e, la, ty in conn.execute(query)]
        return sorted(found)

    def key_samples(self, keys: Iterable[str], limit: int) -> list[tuple[str, str, str, str]]:
        """Up to `limit` (key, entity, label, type) rows of the entity index under each of `keys`."""
        t = schema.entity_keys
        found: list[tuple[str, str, str, str]] = []
        with self._read() as conn:
            for key in sorted(set(keys)):
                query = select(t.c.key, t.c.entity, t.c.label, t.c.type).where(t.c.key == key)
                found += [(k, e, la, ty) for k, e, la, ty in conn.execute(query.limit(limit))]
        return found

    def totals(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The summed counters of each stored entity in `ids` that has them."""
        t = schema.entity_totals
        found: dict[str, dict[str, Any]] = {}
        with self._read() as conn:
            for chunk in chunks(list(dict.fromkeys(ids))):
                rows = conn.execute(select(t.c.entity, t.c.data).where(t.c.entity.in_(chunk)))
                found.update({e: jsoncodec.loads(d) for e, d in rows})
        return found

    def slugs(self, slugs: Iterable[str]) -> dict[str, int]:
        """How many entities use each of `slugs` that is used."""
        t = schema.entity_slugs
        found: dict[str, int] = {}
        with self._read() as conn:
            for chunk in chunks(list(dict.fromkeys(slugs))):
                rows = conn.execute(select(t.c.slug, t.c.used).where(t.c.slug.in_(chunk)))
                found.update({slug: int(used) for slug, used in rows})
        return found

    def save_slugs(self, conn: Connection, used: dict[str, int]) -> None:
        t = schema.entity_slugs
        for chunk in chunks(list(used)):
            conn.execute(delete(t).where(t.c.slug.in_(chunk)))
        insert_many(conn, t, [{"slug": k, "used": n} for k, n in used.items()])

    def upsert(
        self, conn: Connection, found: Sequence[Entity], totals: dict[str, dict[str, Any]]
    ) -> None:
        """Insert or replace entities with their summed counters. Each row is updated in place:
        most entities of a batch are stored ones whose count of mentions alone changed, and a
        delete and an insert rewrote their words in the filter's index (`schema.ENTITY_WORDS`)
        each time, where its update trigger leaves unchanged words alone."""
        rows = [{"id": e.id, "name": e.name, "type": e.type, "data": dump(e)} for e in found]
        replace_rows(conn, schema.entities, rows)
        replace_rows(
            conn, schema.entity_totals, [{"entity": e, "data": dump(d)} for e, d in totals.items()]
        )

    def merge(self, conn: Connection, into: dict[str, str]) -> None:
        """Drop each entity in `into` after pointing its index rows at the one it merged into."""
        k = schema.entity_keys
        for chunk in chunks(list(into)):
            moved = [row._asdict() for row in conn.execute(select(k).where(k.c.entity.in_(chunk)))]
            conn.execute(delete(k).where(k.c.entity.in_(chunk)))
            self.index_names(conn, [{**row, "entity": into[row["entity"]]} for row in moved])
            conn.execute(delete(schema.entities).where(schema.entities.c.id.in_(chunk)))
            conn.execute(
                delete(schema.entity_totals).where(schema.entity_totals.c.entity.in_(chunk))
            )

    def index_names(self, conn: Connection, rows: Sequence[dict[str, str]]) -> None:
        """Add (key, entity, label, type) rows to the entity index; rows it holds are skipped
        by the database, without reading the blocks (thousands of rows in a large store)."""
        k = schema.entity_keys
        wanted = list({(r["key"], r["entity"], r["label"], r["type"]): r for r in rows}.values())
        if wanted:
            insert_new_only(conn, k, wanted)
