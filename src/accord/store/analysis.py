"""What the analysis found in each report: statements, claims, entity mentions and time mentions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Table, bindparam, delete, or_, select, update

from accord.lru import Lru
from accord.model import Claim, Mention, Record, Statement, TimeMention
from accord.store import schema
from accord.store._rows import Aggregate, chunks, dump, insert_many, load, write_on_driver

R = TypeVar("R", bound=Record)
# What the analysis found in one report: (doc, statements, claims, mentions, times).
Found = tuple[str, Sequence[Statement], Sequence[Claim], Sequence[Mention], Sequence[TimeMention]]
# Claims and times read, kept by their stored text: a large story's ledger reads its thousands
# again on every add to it, and parsing them was most of that read. Only kinds whose fields are
# all scalars are kept, so that the copy a read returns shares nothing a caller could change.
CLAIMS_KEPT, TIMES_KEPT = 8192, 16384
_KEPT: dict[type[Record], Lru[str, Record]] = {
    Claim: Lru(CLAIMS_KEPT),
    TimeMention: Lru(TIMES_KEPT),
}


def _statement_row(doc: str, statement: Statement) -> dict[str, Any]:
    return {"doc": doc, "entity": statement.entity, "data": dump(statement)}


def _claim_row(doc: str, claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "doc": doc,
        "measure": claim.measure,
        "value": claim.value,
        "source": claim.source,
        "group_id": claim.group,
        "data": dump(claim),
    }


_CLAIMS = schema.claims
# A claim's row rewritten where it differs (`Analysis.update_claims`), built once.
_UPDATE_CLAIM = (
    update(_CLAIMS)
    .where(
        _CLAIMS.c.id == bindparam("claim"),
        or_(
            _CLAIMS.c.group_id.is_distinct_from(bindparam("new_group")),
            _CLAIMS.c.source.is_distinct_from(bindparam("new_source")),
            _CLAIMS.c.data != bindparam("new_data"),
        ),
    )
    .values(
        group_id=bindparam("new_group"),
        source=bindparam("new_source"),
        data=bindparam("new_data"),
    )
)


class Analysis(Aggregate):
    def pending(self, version: int) -> list[str]:
        """Keys of the reports analysed by a version older than `version`, in arrival order."""
        t = schema.articles
        # Sorted here: with ORDER BY seq, SQLite scans every row instead of the version's index.
        with self._read() as conn:
            rows = conn.execute(select(t.c.seq, t.c.key).where(t.c.analysis_version < version))
            return [key for _, key in sorted(rows)]

    def lease(
        self,
        conn: Connection,
        keys: Sequence[str],
        version: int,
        owner: str,
        expires: float,
        gone: Callable[[str, float], bool],
    ) -> list[str]:
        """Of `keys`, those still to be analysed by `version` that no other live owner holds,
        now leased to `owner` until `expires` (in the caller's write transaction, so two
        processes cannot take one report). `gone(owner, expires)` says whether another
        owner's lease has ended: expired, or its process gone."""
        t, a = schema.analysis_leases, schema.articles
        still = set(
            conn.scalars(select(a.c.key).where(a.c.key.in_(keys), a.c.analysis_version < version))
        )
        held = {
            doc: (holder, until)
            for doc, holder, until in conn.execute(
                select(t.c.doc, t.c.owner, t.c.expires).where(t.c.doc.in_(keys))
            )
        }
        ended = {
            doc for doc, (holder, until) in held.items() if holder != owner and gone(holder, until)
        }
        if ended:
            conn.execute(delete(t).where(t.c.doc.in_(ended)))
        free = [k for k in keys if k in still and (k not in held or k in ended)]
        insert_many(conn, t, [{"doc": k, "owner": owner, "expires": expires} for k in free])
        taken = set(free) | {k for k, (holder, _) in held.items() if holder == owner}
        return [k for k in keys if k in still and k in taken]

    def release(self, conn: Connection, keys: Sequence[str]) -> None:
        """End the leases of `keys` (their analyses are saved, or will not be)."""
        t = schema.analysis_leases
        for chunk in chunks(list(keys)):
            conn.execute(delete(t).where(t.c.doc.in_(chunk)))

    def save(
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
        self.save_many(conn, version, [(doc, statements, claims, mentions, times)])

    def save_many(self, conn: Connection, version: int, found: Sequence[Found]) -> None:
        """Replace everything the analysis stored for each report of `found` (its doc,
        statements, claims, mentions and times; each doc once). The rows are written in the
        order of `found`, so their ids are those of saving the reports one by one."""
        docs = [doc for doc, *_ in found]
        for table in (schema.statements, schema.claims, schema.mentions, schema.times):
            for chunk in chunks(docs):
                conn.execute(delete(table).where(table.c.doc.in_(chunk)))
        for doc, _, claims, _, _ in found:
            for n, c in enumerate(claims):
                c.id = c.id or f"{doc}#{n}"
        # One executemany per table for the whole batch: a report has dozens of rows, and a
        # statement per row (or per report and table) is most of the time this takes.
        insert_many(
            conn, schema.statements, [_statement_row(d, s) for d, ss, *_ in found for s in ss]
        )
        insert_many(conn, schema.claims, [_claim_row(d, c) for d, _, cs, _, _ in found for c in cs])
        insert_many(
            conn,
            schema.mentions,
            [
                {"doc": d, "entity": m.entity, "data": dump(m)}
                for d, _, _, ms, _ in found
                for m in ms
            ],
        )
        insert_many(
            conn, schema.times, [{"doc": d, "data": dump(t)} for d, *_, ts in found for t in ts]
        )
        for chunk in chunks(docs):
            conn.execute(
                update(schema.articles)
                .where(schema.articles.c.key.in_(chunk))
                .values(analysis_version=version)
            )

    def statements(self, docs: Iterable[str] | None = None) -> list[Statement]:
        return self._records(schema.statements, Statement, docs)

    def claims(self, docs: Iterable[str] | None = None, *, shared: bool = False) -> list[Claim]:
        """The claims of `docs` (of every report when None), each a copy of the one the store
        keeps; with `shared`, the kept ones themselves, for a reader that changes none (a
        ledger copies what it changes): copying a large story's thousands of claims and times
        was a third of reading them."""
        return self._records(schema.claims, Claim, docs, shared)

    def mentions(self, docs: Iterable[str] | None = None) -> list[Mention]:
        return self._records(schema.mentions, Mention, docs)

    def times(
        self, docs: Iterable[str] | None = None, *, shared: bool = False
    ) -> list[TimeMention]:
        """The time words of `docs`, copies or, with `shared`, the kept ones (see `claims`)."""
        return self._records(schema.times, TimeMention, docs, shared)

    def _records(
        self, table: Table, kind: type[R], docs: Iterable[str] | None, shared: bool = False
    ) -> list[R]:
        query = select(table.c.data).order_by(table.c.doc, table.c.id)
        if docs is not None:
            query = query.where(table.c.doc.in_(list(docs)))
        with self._read() as conn:
            rows = conn.scalars(query).all()
        kept = _KEPT.get(kind)
        if kept is None:
            return [load(kind, d) for d in rows]
        made = cast(list[R], kept.made_each(rows, partial(load, kind)))
        return made if shared else [r.copy() for r in made]

    def update_claims(self, conn: Connection, claims: Sequence[Claim]) -> None:
        """Write the claims a ledger read again. Only rows that differ are written: a large
        story's ledger, built again on every add to it, changes a few of its thousands of
        claims, and each row written dirties its pages and fires the filter index's trigger."""
        if claims:
            rows = [
                {"claim": c.id, "new_group": c.group, "new_source": c.source, "new_data": dump(c)}
                for c in claims
            ]
            write_on_driver(conn, _UPDATE_CLAIM, rows)

    def statements_citing(self, entity_ids: Iterable[str]) -> list[tuple[int, Statement]]:
        """(row id, statement) of every statement whose source is one of `entity_ids`."""
        t = schema.statements
        wanted = list(dict.fromkeys(entity_ids))
        found: list[tuple[int, Statement]] = []
        with self._read() as conn:
            for chunk in chunks(wanted):
                query = select(t.c.id, t.c.data).where(t.c.entity.in_(chunk))
                found += [(int(n), load(Statement, d)) for n, d in conn.execute(query)]
        return sorted(found, key=lambda row: row[0])

    def rewrite_statements(self, conn: Connection, rows: Sequence[tuple[int, Statement]]) -> None:
        """Store each statement again under its row id (after its source was resolved anew)."""
        t = schema.statements
        if rows:
            conn.execute(
                update(t)
                .where(t.c.id == bindparam("row"))
                .values(entity=bindparam("new_entity"), data=bindparam("new_data")),
                [{"row": n, "new_entity": s.entity, "new_data": dump(s)} for n, s in rows],
            )
