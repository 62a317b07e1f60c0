"""Reports: their rows, what was refused and why, and the near-duplicate bands of each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from functools import partial
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, or_, select, update

from accord.errors import NotFoundError
from accord.lru import Lru
from accord.model import Article, Rejection
from accord.store import schema
from accord.store._rows import Aggregate, chunks, dump, insert_many, load, now

CANDIDATES = 50  # near-copies compared exactly with a new report, at most
# Reports kept parsed, by their stored JSON: a story's ledger reads every report of the story on
# each add to it, nearly all as the add before read them (parsing them was two thirds of reading
# a 540-report story's, 7.6 ms). Each holds its text twice, as JSON and as the record: 1,024 of
# them are some 10 MB.
ARTICLES_KEPT = 1024
_KEPT: Lru[str, Article] = Lru(ARTICLES_KEPT)

# Built once: building a statement costs SQLAlchemy more than running it, once per report.
_INSERT = schema.articles.insert().returning(schema.articles.c.seq, sort_by_parameter_order=True)
# The columns a report's record is written again with. Only a row that differs is written: a
# large story's ledger, built again on every add to it, writes back the inferred date of each of
# its undated reports, nearly all as they were (and each row holds the report's whole text).
_REWRITTEN = ("published", "outlet", "duplicate_of", "data")
_UPDATE = (
    update(schema.articles)
    .where(
        schema.articles.c.key == bindparam("stored_key"),
        or_(*(schema.articles.c[c].is_distinct_from(bindparam(f"new_{c}")) for c in _REWRITTEN)),
    )
    .values({c: bindparam(f"new_{c}") for c in _REWRITTEN})
)


def _updated(article: Article) -> dict[str, Any]:
    """The parameters of `_UPDATE` for one report."""
    return {
        "stored_key": article.key,
        "new_published": article.published,
        "new_outlet": article.outlet,
        "new_duplicate_of": article.duplicate_of,
        "new_data": dump(article),
    }


class Articles(Aggregate):
    def content_hash(self, key: str) -> str | None:
        with self._read() as conn:
            return conn.scalar(
                select(schema.articles.c.content_hash).where(schema.articles.c.key == key)
            )

    def content_hashes(self, keys: Sequence[str], conn: Connection | None = None) -> dict[str, str]:
        """The content hash of each of `keys` that is stored (`versions`)."""
        return dict(self.versions(keys, conn))

    def versions(
        self, keys: Sequence[str], conn: Connection | None = None
    ) -> list[tuple[str, str]]:
        """The key and content hash of each of `keys` that is stored, in arrival order, in one
        read per CHUNK keys; read in `conn`, the caller's transaction, when given."""
        a = schema.articles
        found: list[tuple[int, str, str]] = []
        with nullcontext(conn) if conn is not None else self._read() as reader:
            for chunk in chunks(list(dict.fromkeys(keys))):
                query = select(a.c.seq, a.c.key, a.c.content_hash).where(a.c.key.in_(chunk))
                found += [(int(seq), key, version) for seq, key, version in reader.execute(query)]
        return [(key, version) for _, key, version in sorted(found)]

    def key_for_hash(self, content_hash: str) -> str | None:
        """The first stored article with exactly this content."""
        with self._read() as conn:
            return conn.scalar(
                select(schema.articles.c.key)
                .where(schema.articles.c.content_hash == content_hash)
                .order_by(schema.articles.c.seq)
                .limit(1)
            )

    def insert(self, conn: Connection, batch: Sequence[Article]) -> None:
        """Store new reports, giving each the store's next seq in batch order: one insert for
        the batch, which returns the seqs, then one update writes the records that hold them."""
        if not batch:
            return
        rows = [
            {
                "key": article.key,
                "content_hash": article.content_hash,
                "published": article.published,
                "outlet": article.outlet,
                "duplicate_of": article.duplicate_of,
                "analysis_version": 0,
                "data": "{}",
            }
            for article in batch
        ]
        for article, seq in zip(batch, conn.execute(_INSERT, rows).scalars(), strict=True):
            article.seq = int(seq)
        self.update_many(conn, batch)

    def update_many(self, conn: Connection, batch: Sequence[Article]) -> None:
        """Write the records of stored reports again (with their published, outlet and
        duplicate_of columns), in one statement; a row that would not change is not written."""
        if batch:
            conn.execute(_UPDATE, [_updated(article) for article in batch])

    def all(self, keys: Iterable[str] | None = None, *, shared: bool = False) -> list[Article]:
        """Every stored report, or those of `keys`, in arrival order: each read anew or, with
        `shared`, the one kept for its stored row, for a reader that changes none (a ledger
        copies what it changes)."""
        query = select(schema.articles.c.data).order_by(schema.articles.c.seq)
        if keys is not None:
            query = query.where(schema.articles.c.key.in_(list(keys)))
        with self._read() as conn:
            rows = conn.scalars(query).all()
        read = partial(load, Article)
        return _KEPT.made_each(rows, read) if shared else list(map(read, rows))

    def get(self, key: str) -> Article:
        found = self.all([key])
        if not found:
            raise NotFoundError(f"no report with key {key!r}; `accord articles` lists them")
        return found[0]

    def unplaced(self, keys: Sequence[str] | None = None) -> list[Article]:
        """Stored reports without a story yet (of `keys`, if given), in arrival order."""
        unplaced = self.unplaced_keys(keys)
        found = {a.key: a for chunk in chunks(unplaced) for a in self.all(chunk)}
        return [found[k] for k in unplaced]

    def unplaced_keys(
        self, keys: Sequence[str] | None = None, conn: Connection | None = None
    ) -> list[str]:
        """Keys of the stored reports without a story yet (of `keys`, if given), in arrival
        order; read in `conn`, the caller's transaction, when given."""
        a = schema.articles
        # Keys first, through the index on `placed`: the rows of a store of 100,000 reports hold
        # gigabytes of text. Sorted here, as ORDER BY seq would make SQLite scan every row.
        query = select(a.c.seq, a.c.key).where(~a.c.placed)
        with nullcontext(conn) if conn is not None else self._read() as reader:
            if keys is None:
                rows = list(reader.execute(query))
            else:
                rows = [
                    row
                    for chunk in chunks(list(keys))
                    for row in reader.execute(query.where(a.c.key.in_(chunk)))
                ]
        return [k for _, k in sorted(rows)]

    def count(self) -> int:
        with self._read() as conn:
            return int(conn.scalar(select(func.count()).select_from(schema.articles)) or 0)

    # ------------------------------------------------------------------ rejections

    def reject(self, conn: Connection, rejected: Sequence[Rejection]) -> None:
        rows = [{"source": r.source, "reason": r.reason, "at": r.at or now()} for r in rejected]
        insert_many(conn, schema.rejections, rows)

    def rejections(self) -> list[Rejection]:
        t = schema.rejections
        with self._read() as conn:
            rows = conn.execute(select(t.c.source, t.c.reason, t.c.at).order_by(t.c.id))
            return [Rejection(source=s, reason=r, at=a) for s, r, a in rows]

    # ------------------------------------------------------------------ near-duplicate bands

    def save_bands(self, conn: Connection, bands: Mapping[str, Sequence[int]]) -> None:
        """File each key under its band hashes, all in one statement."""
        insert_many(
            conn,
            schema.minhash_bands,
            [{"band": b, "key": key} for key, found in bands.items() for b in found],
        )

    def replace_bands(self, conn: Connection, key: str, bands: Sequence[int]) -> None:
        """File `key` under `bands` alone: those of its new version, when it is revised."""
        t = schema.minhash_bands
        conn.execute(delete(t).where(t.c.key == key))
        self.save_bands(conn, {key: bands})

    def band_holders(self, bands: Iterable[int]) -> dict[int, list[str]]:
        """The keys of the stored articles under each of `bands` that any holds: one read per
        CHUNK bands, so that a batch's candidates are read at once (`ranked_candidates`)."""
        t = schema.minhash_bands
        holders: dict[int, list[str]] = {}
        with self._read() as conn:
            for chunk in chunks(list(set(bands))):
                for band, key in conn.execute(select(t.c.band, t.c.key).where(t.c.band.in_(chunk))):
                    holders.setdefault(int(band), []).append(key)
        return holders


def ranked_candidates(bands: Iterable[int], holders: dict[int, list[str]]) -> list[str]:
    """Keys sharing at least one of `bands` (`holders`: the keys under each band), most shared
    first, then by key; the first CANDIDATES."""
    shared = Counter(key for band in set(bands) for key in holders.get(band, ()))
    return sorted(shared, key=lambda key: (-shared[key], key))[:CANDIDATES]
