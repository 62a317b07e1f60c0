"""The Store: typed records in, typed records out. Every batch is written in one transaction."""

from __future__ import annotations

import dataclasses
import functools
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.expression import Executable

from accord.errors import NotFoundError, StoreError
from accord.model import (
    Article,
    BriefingSentence,
    Claim,
    Entity,
    Group,
    Membership,
    Mention,
    Rejection,
    Statement,
    Story,
    TimelineEntry,
    TimeMention,
)
from accord.store import schema
from accord.store.migrations import migrate


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dump(record: Any) -> str:
    """`record.to_dict()` as JSON, without building the intermediate dicts: `dataclasses.asdict`
    deep-copies every field and was most of the time spent saving an analysis."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, default=_fields)


def _fields(value: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot store a {type(value).__name__}")


def _statement_row(doc: str, statement: Statement) -> dict[str, Any]:
    return {"doc": doc, "entity": statement.entity, "data": _dump(statement)}


def _claim_row(doc: str, claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "doc": doc,
        "measure": claim.measure,
        "value": claim.value,
        "source": claim.source,
        "group_id": claim.group,
        "data": _dump(claim),
    }


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@functools.lru_cache(maxsize=64)
def _postings_statement(terms: int) -> TextClause:
    """The latest postings of each of `terms` bound terms (:t0, :t1, ...), at most :limit each.
    Written as SQL text: building it as a Core compound of subqueries cost more than running it."""
    part = (
        f"SELECT * FROM (SELECT term, story, seq FROM {schema.story_postings.name} "
        "WHERE term = :t{n} ORDER BY seq DESC LIMIT :limit)"
    )
    return text(" UNION ALL ".join(part.format(n=n) for n in range(terms)))


def _insert_new_only(conn: Connection, table: Table) -> Executable:
    """An insert that skips rows whose primary key the table holds, in the store's dialect."""
    if conn.dialect.name == "postgresql":
        return postgresql_insert(table).on_conflict_do_nothing()
    return sqlite_insert(table).on_conflict_do_nothing()


class _Q:
    """The stories index's statements, built once: they run a few dozen times per report, and
    building a statement costs SQLAlchemy three times what running it costs SQLite."""

    _terms, _docs, _postings = schema.story_terms, schema.story_docs, schema.story_postings
    _index, _events = schema.story_index, schema.story_events

    df = select(_terms.c.term, _terms.c.df).where(
        _terms.c.term.in_(bindparam("terms", expanding=True))
    )
    bump_df = (
        update(_terms)
        .where(_terms.c.term == bindparam("t"))
        .values(df=_terms.c.df + bindparam("step"))
    )
    insert_df = _terms.insert()
    doc = select(_docs).where(_docs.c.doc == bindparam("doc"))
    delete_doc = delete(_docs).where(_docs.c.doc == bindparam("doc"))
    insert_doc = _docs.insert()
    max_seq = select(func.max(_docs.c.seq))
    posted = select(_postings.c.term).where(
        _postings.c.story == bindparam("story"),
        _postings.c.term.in_(bindparam("terms", expanding=True)),
    )
    repost = (
        update(_postings)
        .where(_postings.c.term == bindparam("t"), _postings.c.story == bindparam("s"))
        .values(seq=bindparam("new_seq"))
    )
    post = _postings.insert()
    max_num = select(func.max(_index.c.num))
    index_rows = select(_index).where(_index.c.story.in_(bindparam("stories", expanding=True)))
    delete_index_row = delete(_index).where(_index.c.story == bindparam("story"))
    insert_index_row = _index.insert()
    event_rows = (
        select(_events).where(_events.c.story == bindparam("story")).order_by(_events.c.event)
    )
    delete_event_row = delete(_events).where(
        _events.c.story == bindparam("story"), _events.c.event == bindparam("event")
    )
    insert_event_row = _events.insert()


class Store:
    """The accord store at `url` (a path to an SQLite file, or an SQLAlchemy URL)."""

    def __init__(self, url: str | Path = "accord.db") -> None:
        self.url = str(url)
        self.engine = self._connect(self.url)
        try:
            with self.engine.begin() as conn:
                self.migrated = migrate(conn)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"{self.url}: cannot open the store ({exc.__class__.__name__}: {exc}); "
                "is it an accord store, and is the folder writable?"
            ) from exc

    @staticmethod
    def _connect(url: str) -> Engine:
        if "://" in url:
            return create_engine(url)
        path = Path(url)
        if path.exists() and path.is_dir():
            raise StoreError(f"{url}: is a folder; give --db a file path such as accord.db")
        if url != ":memory:" and not path.parent.exists():
            raise StoreError(
                f"{url}: folder {path.parent} does not exist; create it or pick another --db"
            )
        if url == ":memory:":
            # One connection shared by every thread, so a web app or a test client on other
            # threads sees the same in-memory database.
            engine = create_engine(
                "sqlite://",
                poolclass=StaticPool,
                connect_args={"check_same_thread": False},
            )
        else:
            engine = create_engine(f"sqlite:///{url}", connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine

    @classmethod
    def memory(cls) -> Store:
        return cls(":memory:")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction. Its write lock is taken as it begins, retried with back-off
        while another writer holds it; the body runs once, under the lock (a generator-based
        context manager cannot run its body again, so retrying after it began would only turn
        the lock error into a RuntimeError)."""
        conn = self._begin_write()
        try:
            yield conn
            conn.commit()
        except OperationalError as exc:
            conn.rollback()
            raise StoreError(f"{self.url}: write failed ({exc.orig}); try again") from exc
        except BaseException:
            conn.rollback()
            raise
        finally:
            conn.close()

    _WRITE_ATTEMPTS = 6

    def _begin_write(self) -> Connection:
        """A connection inside a begun write transaction. On an SQLite file, BEGIN IMMEDIATE takes
        the write lock now (waiting up to the busy timeout): with the driver's deferred BEGIN the
        lock was taken at the first write, midway through the body, where it cannot be retried.
        The in-memory store shares one connection between threads and keeps the deferred BEGIN."""
        immediate = self.engine.dialect.name == "sqlite" and self.url != ":memory:"
        attempt = 0
        while True:
            conn = self.engine.connect()
            try:
                conn.begin()
                if immediate:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                return conn
            except OperationalError as exc:
                conn.close()
                attempt += 1
                if "locked" not in str(exc) or attempt == self._WRITE_ATTEMPTS:
                    raise StoreError(f"{self.url}: write failed ({exc.orig}); try again") from exc
                time.sleep(0.05 * 2 ** (attempt - 1))

    def read(self) -> Connection:
        return self.engine.connect()

    # ------------------------------------------------------------------ articles

    def article_hash(self, key: str) -> str | None:
        with self.read() as conn:
            return conn.scalar(
                select(schema.articles.c.content_hash).where(schema.articles.c.key == key)
            )

    def key_for_hash(self, content_hash: str) -> str | None:
        """The first stored article with exactly this content."""
        with self.read() as conn:
            return conn.scalar(
                select(schema.articles.c.key)
                .where(schema.articles.c.content_hash == content_hash)
                .order_by(schema.articles.c.seq)
                .limit(1)
            )

    def insert_articles(self, conn: Connection, batch: Sequence[Article]) -> None:
        for article in batch:
            result = conn.execute(
                schema.articles.insert().values(
                    key=article.key,
                    content_hash=article.content_hash,
                    published=article.published,
                    outlet=article.outlet,
                    duplicate_of=article.duplicate_of,
                    analysis_version=0,
                    data="{}",
                )
            )
            article.seq = int(result.inserted_primary_key[0])
            self.update_article(conn, article)

    def update_article(self, conn: Connection, article: Article) -> None:
        conn.execute(
            update(schema.articles)
            .where(schema.articles.c.key == article.key)
            .values(
                published=article.published,
                outlet=article.outlet,
                duplicate_of=article.duplicate_of,
                data=_dump(article),
            )
        )

    def articles(self, keys: Iterable[str] | None = None) -> list[Article]:
        query = select(schema.articles.c.data).order_by(schema.articles.c.seq)
        if keys is not None:
            query = query.where(schema.articles.c.key.in_(list(keys)))
        with self.read() as conn:
            return [Article.from_dict(json.loads(d)) for d in conn.scalars(query)]

    def article(self, key: str) -> Article:
        found = self.articles([key])
        if not found:
            raise NotFoundError(f"no report with key {key!r}; `accord articles` lists them")
        return found[0]

    def unplaced_articles(self) -> list[Article]:
        """Stored reports without a story yet, in arrival order."""
        a = schema.articles
        # Keys first, through the index on `placed`: the rows of a store of 100,000 reports hold
        # gigabytes of text. Sorted here, as ORDER BY seq would make SQLite scan every row.
        with self.read() as conn:
            keys = [k for _, k in sorted(conn.execute(select(a.c.seq, a.c.key).where(~a.c.placed)))]
        found = {
            article.key: article
            for i in range(0, len(keys), self._CHUNK)
            for article in self.articles(keys[i : i + self._CHUNK])
        }
        return [found[k] for k in keys]

    def count_articles(self) -> int:
        with self.read() as conn:
            return int(conn.scalar(select(func.count()).select_from(schema.articles)) or 0)

    # ------------------------------------------------------------------ rejections

    def add_rejections(self, conn: Connection, rejected: Sequence[Rejection]) -> None:
        rows = [{"source": r.source, "reason": r.reason, "at": r.at or _now()} for r in rejected]
        self._insert_many(conn, schema.rejections, rows)

    def rejections(self) -> list[Rejection]:
        t = schema.rejections
        with self.read() as conn:
            rows = conn.execute(select(t.c.source, t.c.reason, t.c.at).order_by(t.c.id))
            return [Rejection(source=s, reason=r, at=a) for s, r, a in rows]

    # ------------------------------------------------------------------ near-duplicate bands

    def save_bands(self, conn: Connection, key: str, bands: Sequence[int]) -> None:
        if bands:
            conn.execute(schema.minhash_bands.insert(), [{"band": b, "key": key} for b in bands])

    def band_candidates(self, bands: Sequence[int]) -> list[str]:
        """Keys of stored articles sharing at least one band hash, most shared first."""
        t = schema.minhash_bands
        query = (
            select(t.c.key)
            .where(t.c.band.in_(list(bands)))
            .group_by(t.c.key)
            .order_by(func.count().desc(), t.c.key)
            .limit(50)
        )
        with self.read() as conn:
            return list(conn.scalars(query))

    # ------------------------------------------------------------------ analysis

    def docs_to_analyze(self, version: int) -> list[str]:
        t = schema.articles
        # Sorted here: with ORDER BY seq, SQLite scans every row instead of the version's index.
        with self.read() as conn:
            rows = conn.execute(select(t.c.seq, t.c.key).where(t.c.analysis_version < version))
            return [key for _, key in sorted(rows)]

    def save_analysis(
        self,
        conn: Connection,
        doc: str,
        version: int,
        statements: Sequence[Statement],
        claims: Sequence[Claim],
        mentions: Sequence[Mention],
        times: Sequence[TimeMention],
    ) -> None:
        """Replace everything the analysis stored for `doc`."""
        for table in (schema.statements, schema.claims, schema.mentions, schema.times):
            conn.execute(delete(table).where(table.c.doc == doc))
        for n, c in enumerate(claims):
            c.id = c.id or f"{doc}#{n}"
        # One executemany per table: a report has dozens of rows, and a statement per row is
        # most of the time this takes.
        self._insert_many(conn, schema.statements, [_statement_row(doc, s) for s in statements])
        self._insert_many(conn, schema.claims, [_claim_row(doc, c) for c in claims])
        self._insert_many(
            conn,
            schema.mentions,
            [{"doc": doc, "entity": m.entity, "data": _dump(m)} for m in mentions],
        )
        self._insert_many(conn, schema.times, [{"doc": doc, "data": _dump(t)} for t in times])
        conn.execute(
            update(schema.articles)
            .where(schema.articles.c.key == doc)
            .values(analysis_version=version)
        )

    @staticmethod
    def _insert_many(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(table.insert(), rows)

    def statements(self, docs: Iterable[str] | None = None) -> list[Statement]:
        return self._records(schema.statements, Statement, docs)

    def claims(self, docs: Iterable[str] | None = None) -> list[Claim]:
        return self._records(schema.claims, Claim, docs)

    def mentions(self, docs: Iterable[str] | None = None) -> list[Mention]:
        return self._records(schema.mentions, Mention, docs)

    def times(self, docs: Iterable[str] | None = None) -> list[TimeMention]:
        return self._records(schema.times, TimeMention, docs)

    def _records(self, table: Any, kind: Any, docs: Iterable[str] | None) -> list[Any]:
        query = select(table.c.data).order_by(table.c.doc, table.c.id)
        if docs is not None:
            query = query.where(table.c.doc.in_(list(docs)))
        with self.read() as conn:
            return [kind.from_dict(json.loads(d)) for d in conn.scalars(query)]

    def update_claims(self, conn: Connection, claims: Sequence[Claim]) -> None:
        for c in claims:
            conn.execute(
                update(schema.claims)
                .where(schema.claims.c.id == c.id)
                .values(group_id=c.group, source=c.source, data=_dump(c))
            )

    def statements_citing(self, entity_ids: Iterable[str]) -> list[tuple[int, Statement]]:
        """(row id, statement) of every statement whose source is one of `entity_ids`."""
        t = schema.statements
        wanted = list(dict.fromkeys(entity_ids))
        found: list[tuple[int, Statement]] = []
        with self.read() as conn:
            for i in range(0, len(wanted), self._CHUNK):
                query = select(t.c.id, t.c.data).where(t.c.entity.in_(wanted[i : i + self._CHUNK]))
                found += [
                    (int(n), Statement.from_dict(json.loads(d))) for n, d in conn.execute(query)
                ]
        return sorted(found, key=lambda row: row[0])

    def rewrite_statements(self, conn: Connection, rows: Sequence[tuple[int, Statement]]) -> None:
        """Store each statement again under its row id (after its source was resolved anew)."""
        t = schema.statements
        if rows:
            conn.execute(
                update(t)
                .where(t.c.id == bindparam("row"))
                .values(entity=bindparam("new_entity"), data=bindparam("new_data")),
                [{"row": n, "new_entity": s.entity, "new_data": _dump(s)} for n, s in rows],
            )

    # ------------------------------------------------------------------ entities

    def replace_entities(self, conn: Connection, found: Sequence[Entity]) -> None:
        conn.execute(delete(schema.entities))
        for e in found:
            conn.execute(
                schema.entities.insert().values(id=e.id, name=e.name, type=e.type, data=_dump(e))
            )

    # ------------------------------------------------------------------ entity index
    # Rows for accord.analyze.canonical's incremental resolution. Writers work inside the caller's
    # transaction.

    def entity_candidates(
        self, keys: Iterable[str], not_person: Iterable[str] = ()
    ) -> list[tuple[str, str, str, str]]:
        """(key, entity, label, type) rows of the entity index under any of `keys`, and the rows
        of a type other than "person" under any of `not_person`."""
        t = schema.entity_keys
        found: list[tuple[str, str, str, str]] = []
        with self.read() as conn:
            for wanted, where in ((keys, None), (not_person, t.c.type != "person")):
                chosen = list(dict.fromkeys(wanted))
                for i in range(0, len(chosen), self._CHUNK):
                    query = select(t.c.key, t.c.entity, t.c.label, t.c.type).where(
                        t.c.key.in_(chosen[i : i + self._CHUNK])
                    )
                    if where is not None:
                        query = query.where(where)
                    found += [(k, e, la, ty) for k, e, la, ty in conn.execute(query)]
        return sorted(found)

    def entity_key_samples(
        self, keys: Iterable[str], limit: int
    ) -> list[tuple[str, str, str, str]]:
        """Up to `limit` (key, entity, label, type) rows of the entity index under each of `keys`."""
        t = schema.entity_keys
        found: list[tuple[str, str, str, str]] = []
        with self.read() as conn:
            for key in sorted(set(keys)):
                query = select(t.c.key, t.c.entity, t.c.label, t.c.type).where(t.c.key == key)
                found += [(k, e, la, ty) for k, e, la, ty in conn.execute(query.limit(limit))]
        return found

    def entity_totals(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The summed counters of each stored entity in `ids` that has them."""
        t = schema.entity_totals
        wanted = list(dict.fromkeys(ids))
        found: dict[str, dict[str, Any]] = {}
        with self.read() as conn:
            for i in range(0, len(wanted), self._CHUNK):
                rows = conn.execute(
                    select(t.c.entity, t.c.data).where(t.c.entity.in_(wanted[i : i + self._CHUNK]))
                )
                found.update({e: json.loads(d) for e, d in rows})
        return found

    def entity_slugs(self, slugs: Iterable[str]) -> dict[str, int]:
        t = schema.entity_slugs
        wanted = list(dict.fromkeys(slugs))
        found: dict[str, int] = {}
        with self.read() as conn:
            for i in range(0, len(wanted), self._CHUNK):
                rows = conn.execute(
                    select(t.c.slug, t.c.used).where(t.c.slug.in_(wanted[i : i + self._CHUNK]))
                )
                found.update({slug: int(used) for slug, used in rows})
        return found

    def save_entity_slugs(self, conn: Connection, used: dict[str, int]) -> None:
        t = schema.entity_slugs
        for i in range(0, len(used), self._CHUNK):
            chunk = list(used)[i : i + self._CHUNK]
            conn.execute(delete(t).where(t.c.slug.in_(chunk)))
        self._insert_many(conn, t, [{"slug": k, "used": n} for k, n in used.items()])

    def upsert_entities(
        self, conn: Connection, found: Sequence[Entity], totals: dict[str, dict[str, Any]]
    ) -> None:
        """Insert or replace entities with their summed counters."""
        ids = [e.id for e in found]
        for i in range(0, len(ids), self._CHUNK):
            chunk = ids[i : i + self._CHUNK]
            conn.execute(delete(schema.entities).where(schema.entities.c.id.in_(chunk)))
            conn.execute(
                delete(schema.entity_totals).where(schema.entity_totals.c.entity.in_(chunk))
            )
        rows = [{"id": e.id, "name": e.name, "type": e.type, "data": _dump(e)} for e in found]
        self._insert_many(conn, schema.entities, rows)
        self._insert_many(
            conn,
            schema.entity_totals,
            [{"entity": e, "data": json.dumps(d, sort_keys=True)} for e, d in totals.items()],
        )

    def merge_entities(self, conn: Connection, into: dict[str, str]) -> None:
        """Drop each entity in `into` after pointing its index rows at the one it merged into."""
        k = schema.entity_keys
        old = list(into)
        for i in range(0, len(old), self._CHUNK):
            chunk = old[i : i + self._CHUNK]
            moved = [row._asdict() for row in conn.execute(select(k).where(k.c.entity.in_(chunk)))]
            conn.execute(delete(k).where(k.c.entity.in_(chunk)))
            self.index_entity_names(conn, [{**row, "entity": into[row["entity"]]} for row in moved])
            conn.execute(delete(schema.entities).where(schema.entities.c.id.in_(chunk)))
            conn.execute(
                delete(schema.entity_totals).where(schema.entity_totals.c.entity.in_(chunk))
            )

    def index_entity_names(self, conn: Connection, rows: Sequence[dict[str, str]]) -> None:
        """Add (key, entity, label, type) rows to the entity index; rows it holds are skipped
        by the database, without reading the blocks (thousands of rows in a large store)."""
        k = schema.entity_keys
        wanted = list({(r["key"], r["entity"], r["label"], r["type"]): r for r in rows}.values())
        if wanted:
            conn.execute(_insert_new_only(conn, k), wanted)

    def entities(self) -> list[Entity]:
        with self.read() as conn:
            query = select(schema.entities.c.data).order_by(schema.entities.c.name)
            return [Entity.from_dict(json.loads(d)) for d in conn.scalars(query)]

    def entity(self, entity_id: str) -> Entity | None:
        with self.read() as conn:
            data = conn.scalar(
                select(schema.entities.c.data).where(schema.entities.c.id == entity_id)
            )
        return Entity.from_dict(json.loads(data)) if data is not None else None

    # ------------------------------------------------------------------ stories

    def save_story(self, conn: Connection, story: Story) -> None:
        conn.execute(delete(schema.stories).where(schema.stories.c.id == story.id))
        conn.execute(
            schema.stories.insert().values(
                id=story.id,
                title=story.title,
                last_published=story.last_published,
                reconciled=story.reconciled or None,
                data=_dump(story),
            )
        )

    def delete_story(self, conn: Connection, story_id: str) -> None:
        for table in (schema.stories, schema.groups, schema.timeline, schema.briefings):
            column = table.c.id if table is schema.stories else table.c.story
            conn.execute(delete(table).where(column == story_id))

    def stories(self, ids: Sequence[str] | None = None) -> list[Story]:
        """Every story, or those of `ids` that exist, by id."""
        t = schema.stories
        query = select(t.c.data).order_by(t.c.id)
        with self.read() as conn:
            if ids is None:
                return [Story.from_dict(json.loads(d)) for d in conn.scalars(query)]
            return [
                Story.from_dict(json.loads(d))
                for i in range(0, len(ids), self._CHUNK)
                for d in conn.scalars(query.where(t.c.id.in_(ids[i : i + self._CHUNK])))
            ]

    def stale_stories(self) -> list[str]:
        """Ids of the stories whose ledger is stale (no `reconciled` stamp)."""
        t = schema.stories
        with self.read() as conn:
            return list(
                conn.scalars(select(t.c.id).where(t.c.reconciled.is_(None)).order_by(t.c.id))
            )

    def story(self, story_id: str) -> Story:
        with self.read() as conn:
            data = conn.scalar(select(schema.stories.c.data).where(schema.stories.c.id == story_id))
        if data is None:
            raise NotFoundError(f"no story {story_id!r}; `accord stories` lists them")
        return Story.from_dict(json.loads(data))

    def set_memberships(self, conn: Connection, members: Sequence[Membership]) -> None:
        for m in members:
            conn.execute(delete(schema.memberships).where(schema.memberships.c.doc == m.doc))
            conn.execute(schema.memberships.insert().values(**m.to_dict()))
        docs = [m.doc for m in members]
        a = schema.articles
        for i in range(0, len(docs), self._CHUNK):
            conn.execute(
                update(a).where(a.c.key.in_(docs[i : i + self._CHUNK])).values(placed=True)
            )

    def membership(self, doc: str) -> Membership | None:
        """The story and event of one report, if it has them."""
        found = self._memberships(schema.memberships.c.doc == doc)
        return found[0] if found else None

    def memberships(self, story: str | None = None) -> list[Membership]:
        return self._memberships(None if story is None else schema.memberships.c.story == story)

    def memberships_of(self, docs: Sequence[str]) -> list[Membership]:
        """The memberships of the reports `docs` that have one."""
        doc = schema.memberships.c.doc
        return [
            m
            for i in range(0, len(docs), self._CHUNK)
            for m in self._memberships(doc.in_(docs[i : i + self._CHUNK]))
        ]

    def _memberships(self, where: ColumnElement[bool] | None) -> list[Membership]:
        t = schema.memberships
        query = select(t.c.doc, t.c.story, t.c.event, t.c.pinned).order_by(t.c.story, t.c.doc)
        if where is not None:
            query = query.where(where)
        with self.read() as conn:
            return [
                Membership(doc=d, story=s, event=e, pinned=bool(p))
                for d, s, e, p in conn.execute(query)
            ]

    # ------------------------------------------------------------------ ledger

    def save_ledger(
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
        for g in found_groups:
            conn.execute(
                schema.groups.insert().values(
                    id=g.id, story=story, verdict=g.verdict, data=_dump(g)
                )
            )
        for e in entries:
            conn.execute(schema.timeline.insert().values(story=story, date=e.date, data=_dump(e)))
        for n, b in enumerate(briefing):
            conn.execute(schema.briefings.insert().values(story=story, position=n, data=_dump(b)))

    def groups(self, story: str | None = None) -> list[Group]:
        return self._story_records(schema.groups, Group, story, schema.groups.c.id)

    def timeline(self, story: str | None = None) -> list[TimelineEntry]:
        return self._story_records(schema.timeline, TimelineEntry, story, schema.timeline.c.id)

    def briefing(self, story: str | None = None) -> list[BriefingSentence]:
        return self._story_records(
            schema.briefings, BriefingSentence, story, schema.briefings.c.position
        )

    def _story_records(self, table: Any, kind: Any, story: str | None, order: Any) -> list[Any]:
        query = select(table.c.data).order_by(table.c.story, order)
        if story is not None:
            query = query.where(table.c.story == story)
        with self.read() as conn:
            return [kind.from_dict(json.loads(d)) for d in conn.scalars(query)]

    # ------------------------------------------------------------------ corrections

    def log_correction(self, conn: Connection, who: str, action: str, data: dict[str, Any]) -> None:
        conn.execute(
            schema.corrections.insert().values(
                at=_now(), who=who, action=action, data=json.dumps(data, sort_keys=True)
            )
        )

    def corrections(self) -> list[dict[str, Any]]:
        t = schema.corrections
        with self.read() as conn:
            rows = conn.execute(select(t.c.at, t.c.who, t.c.action, t.c.data).order_by(t.c.id))
            return [{"at": a, "who": w, "action": act, **json.loads(d)} for a, w, act, d in rows]

    # ------------------------------------------------------------------ stories index
    # Rows for accord.stories: report features, document frequencies, the inverted index of terms
    # to stories, and per-story counters. Every method works inside the caller's transaction.

    _DOCS_TERM = ""  # the story_terms row that counts indexed reports (feature names never are "")
    _CHUNK = 500  # bound parameters per IN (...) query, well under SQLite's limit

    def story_df(self, conn: Connection, terms: Iterable[str]) -> dict[str, int]:
        """Document frequency of each term that has one; the "" term is the number of reports."""
        wanted = list(dict.fromkeys(terms))
        found: dict[str, int] = {}
        for i in range(0, len(wanted), self._CHUNK):
            rows = conn.execute(_Q.df, {"terms": wanted[i : i + self._CHUNK]})
            found.update({term: int(df) for term, df in rows})
        return found

    def bump_story_df(self, conn: Connection, terms: Iterable[str], step: int) -> dict[str, int]:
        """Add `step` (+1 or -1) to the frequency of each term and to the report count; return
        the new frequencies (the "" term's is the new report count)."""
        wanted = [*dict.fromkeys(terms), self._DOCS_TERM]
        known = self.story_df(conn, wanted)
        if known:
            conn.execute(_Q.bump_df, [{"t": term, "step": step} for term in known])
        fresh = [{"term": term, "df": step} for term in wanted if term not in known]
        if fresh:
            conn.execute(_Q.insert_df, fresh)
        return {term: known.get(term, 0) + step for term in wanted}

    def save_story_doc(self, conn: Connection, values: dict[str, Any]) -> None:
        """Insert or replace one report's row (columns of `schema.story_docs`)."""
        conn.execute(_Q.delete_doc, {"doc": values["doc"]})
        conn.execute(_Q.insert_doc, values)

    def story_doc(self, conn: Connection, doc: str) -> Any:
        """The row of one indexed report, or None."""
        return conn.execute(_Q.doc, {"doc": doc}).first()

    def story_doc_rows(self, conn: Connection, story: str, limit: int | None = None) -> list[Any]:
        """Rows of a story's reports, latest arrival first."""
        t = schema.story_docs
        query = select(t).where(t.c.story == story).order_by(t.c.seq.desc()).limit(limit)
        return list(conn.execute(query))

    def delete_story_doc(self, conn: Connection, doc: str) -> None:
        conn.execute(_Q.delete_doc, {"doc": doc})

    def next_story_seq(self, conn: Connection) -> int:
        return int(conn.scalar(_Q.max_seq) or 0) + 1

    def post_story_terms(
        self, conn: Connection, story: str, terms: Sequence[str], seq: int
    ) -> None:
        """Point each term at `story` in the inverted index, marking the story as recently posted."""
        wanted = list(dict.fromkeys(terms))
        have: set[str] = set()
        for i in range(0, len(wanted), self._CHUNK):
            chunk = wanted[i : i + self._CHUNK]
            have.update(conn.scalars(_Q.posted, {"story": story, "terms": chunk}))
        if have:
            conn.execute(_Q.repost, [{"t": term, "s": story, "new_seq": seq} for term in have])
        fresh = [{"term": term, "story": story, "seq": seq} for term in wanted if term not in have]
        if fresh:
            conn.execute(_Q.post, fresh)

    def story_postings(
        self, conn: Connection, terms: Sequence[str], limit: int
    ) -> dict[str, list[str]]:
        """For each of `terms`, the stories most recently posted under it, at most `limit` each:
        one statement, each term's part read through the (term, seq) index."""
        posted: dict[str, list[tuple[int, str]]] = {term: [] for term in terms}
        wanted = list(posted)
        step = self._CHUNK // 10  # terms per statement: SQLite caps a compound's parts
        for i in range(0, len(wanted), step):
            chunk = wanted[i : i + step]
            params: dict[str, Any] = {f"t{n}": term for n, term in enumerate(chunk)}
            rows = conn.execute(_postings_statement(len(chunk)), {**params, "limit": limit})
            for term, story, seq in rows:
                posted[term].append((-int(seq), story))
        return {term: [story for _, story in sorted(rows)] for term, rows in posted.items()}

    def story_posted_terms(self, conn: Connection, story: str) -> list[tuple[str, int]]:
        t = schema.story_postings
        return [
            (term, int(seq))
            for term, seq in conn.execute(select(t.c.term, t.c.seq).where(t.c.story == story))
        ]

    def new_story_num(self, conn: Connection) -> int:
        """A number never used by a story, even one a merge has removed."""
        return int(conn.scalar(_Q.max_num) or 0) + 1

    def story_index_rows(self, conn: Connection, stories: Sequence[str]) -> list[Any]:
        found: list[Any] = []
        for i in range(0, len(stories), self._CHUNK):
            found.extend(conn.execute(_Q.index_rows, {"stories": stories[i : i + self._CHUNK]}))
        return found

    def save_story_index_row(self, conn: Connection, values: dict[str, Any]) -> None:
        """Insert or replace a story's row (columns of `schema.story_index`)."""
        conn.execute(_Q.delete_index_row, {"story": values["story"]})
        conn.execute(_Q.insert_index_row, values)

    def story_event_rows(self, conn: Connection, story: str) -> list[Any]:
        return list(conn.execute(_Q.event_rows, {"story": story}))

    def save_story_event_row(self, conn: Connection, story: str, event: str, centroid: str) -> None:
        conn.execute(_Q.delete_event_row, {"story": story, "event": event})
        conn.execute(_Q.insert_event_row, {"story": story, "event": event, "centroid": centroid})

    def delete_story_event_row(self, conn: Connection, story: str, event: str) -> None:
        conn.execute(_Q.delete_event_row, {"story": story, "event": event})

    def clear_story_index(self, conn: Connection, story: str) -> None:
        """Drop a story's events and postings; its row stays so that its id is never reused."""
        conn.execute(delete(schema.story_events).where(schema.story_events.c.story == story))
        conn.execute(delete(schema.story_postings).where(schema.story_postings.c.story == story))

    def story_record_data(self, conn: Connection, story: str) -> str | None:
        """The stored Story record's JSON, read inside the caller's transaction."""
        return conn.scalar(select(schema.stories.c.data).where(schema.stories.c.id == story))
