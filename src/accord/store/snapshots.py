"""What each change replaced: every ledger as it was built, every earlier text of a revised
report, and when each reader last looked at a story (`accord changes`)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from accord import jsoncodec
from accord.model import Article
from accord.store import schema
from accord.store._rows import Aggregate, chunks, dump, load

# zlib's fastest level: 1.4 MB of a large story's ledger in 5 ms, to a ninth of its size (its
# default level takes three times as long for a twelfth).
PACKING = 1


def stamp() -> str:
    """Now, to the microsecond: two rebuilds or looks in one second keep their order."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One story's ledger as one build left it; `data` is what `accord.changes.ledger_data`
    made of it."""

    id: int
    story: str
    built: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Revision:
    """A report replaced by a new version of it: the text it had, when, and the note given."""

    key: str
    at: str
    note: str | None
    old: Article


def _data(data: str, packed: bytes | None) -> dict[str, Any]:
    """A snapshot's data, from its row: compressed, or as JSON in the rows from before."""
    found: dict[str, Any] = jsoncodec.loads(zlib.decompress(packed) if packed is not None else data)
    return found


class Snapshots(Aggregate):
    # ------------------------------------------------------------------ ledgers

    def save(self, conn: Connection, story: str, built: str, data: dict[str, Any]) -> None:
        # orjson: a large story's 1.3 MB in 1.7 ms, where `json` took 12.8
        text = jsoncodec.dumps(data, sort_keys=True)
        conn.execute(
            schema.ledger_snapshots.insert().values(
                story=story, built=built, data="", packed=zlib.compress(text.encode(), PACKING)
            )
        )

    def has_any(self, conn: Connection, story: str) -> bool:
        t = schema.ledger_snapshots
        return conn.scalar(select(t.c.id).where(t.c.story == story).limit(1)) is not None

    def began(self, conn: Connection) -> str:
        """When this store began to keep snapshots (its migration was applied)."""
        t = schema.migrations
        applied = conn.scalar(select(t.c.applied_at).where(t.c.name == "0008_snapshots"))
        when = datetime.fromisoformat(applied) if applied else datetime.now(UTC)
        return when.astimezone(UTC).isoformat(timespec="microseconds")

    def at(self, story: str, when: str | None = None) -> Snapshot | None:
        """The ledger of `story` as it stood at `when` (the latest without it); None before the
        first build."""
        t = schema.ledger_snapshots
        query = select(t.c.id, t.c.built, t.c.data, t.c.packed).where(t.c.story == story)
        if when is not None:
            query = query.where(t.c.built <= when)
        with self._read() as conn:
            row = conn.execute(query.order_by(t.c.built.desc(), t.c.id.desc()).limit(1)).first()
        return None if row is None else Snapshot(row.id, story, row.built, _data(*row[2:]))

    def history(self, story: str, limit: int | None = None) -> list[Snapshot]:
        """The snapshots of `story`, newest first."""
        t = schema.ledger_snapshots
        query = (
            select(t.c.id, t.c.built, t.c.data, t.c.packed)
            .where(t.c.story == story)
            .order_by(t.c.built.desc(), t.c.id.desc())
            .limit(limit)
        )
        with self._read() as conn:
            return [Snapshot(i, story, b, _data(d, p)) for i, b, d, p in conn.execute(query)]

    # ------------------------------------------------------------------ revised reports

    def revise(self, conn: Connection, old: Article, new: Article, note: str | None) -> None:
        """Keep `old`, then store `new` (the same key) in its place, to be analysed again."""
        conn.execute(
            schema.report_revisions.insert().values(
                key=old.key, at=stamp(), note=note, data=dump(old)
            )
        )
        new.seq = old.seq
        a = schema.articles
        conn.execute(
            update(a)
            .where(a.c.key == old.key)
            .values(
                content_hash=new.content_hash,
                published=new.published,
                outlet=new.outlet,
                duplicate_of=new.duplicate_of,
                analysis_version=0,
                data=dump(new),
            )
        )

    def revisions(
        self, keys: list[str], since: str | None = None, until: str | None = None
    ) -> list[Revision]:
        """Revisions of the reports of `keys` made after `since` and up to `until`, oldest first."""
        t = schema.report_revisions
        rows: list[tuple[int, str, str, str | None, str]] = []
        with self._read() as conn:
            for chunk in chunks(keys):
                query = select(t.c.id, t.c.key, t.c.at, t.c.note, t.c.data).where(
                    t.c.key.in_(chunk)
                )
                if since is not None:
                    query = query.where(t.c.at > since)
                if until is not None:
                    query = query.where(t.c.at <= until)
                rows += [(i, k, at, n, d) for i, k, at, n, d in conn.execute(query)]
        return [Revision(k, at, n, load(Article, d)) for _, k, at, n, d in sorted(rows)]

    # ------------------------------------------------------------------ readers

    def last_look(self, reader: str, story: str) -> str | None:
        t = schema.reader_looks
        with self._read() as conn:
            found: str | None = conn.scalar(
                select(t.c.at).where(t.c.reader == reader, t.c.story == story)
            )
            return found

    def look(self, conn: Connection, reader: str, story: str, at: str) -> None:
        t = schema.reader_looks
        conn.execute(delete(t).where(t.c.reader == reader, t.c.story == story))
        conn.execute(t.insert().values(reader=reader, story=story, at=at))
