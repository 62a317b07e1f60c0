"""What differs between SQLite and PostgreSQL, held the same: each test runs on both backends."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import replace

import pytest
from sqlalchemy import Connection, select, text
from sqlalchemy.exc import DBAPIError

from accord.errors import StoreError
from accord.model import Article, BriefingSentence, Claim, Group, TimelineEntry, TimeMention
from accord.store import Store, schema
from accord.store._rows import CHUNK, fetch_on_driver, replace_rows, write_on_driver
from accord.store.articles import CANDIDATES, ranked_candidates
from accord.store.migrations import MIGRATIONS
from accord.web import search


def test_a_new_store_takes_every_migration_once(store_url: str) -> None:
    with Store(store_url) as store:
        assert store.migrated == [name for name, _ in MIGRATIONS]
    with Store(store_url) as store:
        assert store.migrated == []


def test_band_hashes_keep_all_63_bits(store: Store) -> None:
    """MinHash band hashes are 63-bit: PostgreSQL's INTEGER holds 32."""
    big, small = 2**63 - 1, 5
    with store.transaction() as conn:
        store.articles.save_bands(conn, {"a": [big, small], "b": [big]})
    holders = store.articles.band_holders([big, small, 2**62])
    assert ranked_candidates([big, small], holders) == ["a", "b"]
    assert ranked_candidates([2**62], holders) == []


def test_candidates_rank_by_bands_shared_then_key() -> None:
    holders = {1: ["b", "c"], 2: ["c"], 3: [f"k{n:02d}" for n in range(60)]}
    assert ranked_candidates([1, 2], holders) == ["c", "b"]
    assert ranked_candidates([1, 1], holders) == ["b", "c"]  # a band counts once
    assert ranked_candidates([3], holders) == [f"k{n:02d}" for n in range(CANDIDATES)]


def test_postings_of_more_terms_than_one_statement_reads(store: Store) -> None:
    terms = [f"t{n:03d}" for n in range(CHUNK // 10 + 3)]
    with store.transaction() as conn:
        store.story_index.post_terms(conn, "s1", terms, 1)
        store.story_index.post_terms(conn, "s2", terms[:2], 2)
        store.story_index.post_terms(conn, "s1", terms[:1], 3)
        found = store.story_index.postings(conn, terms, 5)
    assert found["t000"] == ["s1", "s2"]  # s1 reposted it last
    assert found["t001"] == ["s2", "s1"]
    assert all(found[t] == ["s1"] for t in terms[2:])


def test_search_uses_the_backends_full_text_index(store: Store) -> None:
    reports = [
        Article(key="a", title="Port fire", text="The brigade reached the port at dawn."),
        Article(key="b", title="Budget", text="The council passed the budget."),
        Article(key="c", title="Harbour", text="A brigade of volunteers cleared the port."),
    ]
    with store.transaction() as conn:
        store.articles.insert(conn, reports)
    results = search.search(store, "Brigade PORT")
    expected = "fts5" if store.engine.dialect.name == "sqlite" else "postgresql"
    assert results.engine == expected and results.next is None
    assert sorted(h.article.key for h in results.hits) == ["a", "c"]
    assert all("<mark>" in h.snippet for h in results.hits)
    # The user's words are never query syntax in either engine.
    assert search.search(store, "brigade AND NOT port | !x & 'y'").hits == []
    assert len(search.search(store, "fire").hits) == 1
    first = search.search(store, "brigade", limit=1)
    rest = search.search(store, "brigade", limit=1, cursor=first.next)
    assert {h.article.key for h in first.hits + rest.hits} == {"a", "c"} and rest.next is None


def test_writers_take_turns(store_url: str) -> None:
    """A second writer's transaction begins only once the first has ended: SQLite's write lock,
    and the store's advisory lock on PostgreSQL."""
    order: list[str] = []
    with Store(store_url) as first, Store(store_url) as second:
        began = threading.Event()

        def write_second() -> None:
            began.set()
            with second.transaction():
                order.append("second began")

        with first.transaction():
            thread = threading.Thread(target=write_second)
            thread.start()
            began.wait()
            time.sleep(0.3)
            order.append("first ends")
        thread.join(timeout=30)
    assert order == ["first ends", "second began"]


def test_a_report_is_leased_to_one_analysing_process_at_a_time(store: Store) -> None:
    with store.transaction() as conn:
        store.articles.insert(conn, [Article(key=k, text=f"Report {k}.") for k in "abc"])
    now = time.time()

    def lease(keys: str, owner: str, ended: frozenset[str] = frozenset()) -> list[str]:
        with store.transaction() as conn:
            return store.analysis.lease(
                conn, list(keys), 1, owner, now + 60, lambda o, _: o in ended
            )

    assert lease("ab", "host:1") == ["a", "b"]
    assert lease("abc", "host:2") == ["c"]  # a and b are host:1's
    assert lease("abc", "host:3", ended=frozenset({"host:1"})) == ["a", "b"]  # host:1 is gone
    with store.transaction() as conn:
        store.analysis.release(conn, ["a"])
    assert lease("a", "host:4") == ["a"]


def test_groups_come_back_in_their_ledgers_order(store: Store) -> None:
    """Group ids number the ledger's order; as text "s1:g10" sorts before "s1:g2"."""
    groups = [
        Group(f"s1:g{n}", "s1", "killed", "single", float(n), (float(n),), ("a",), ("a#0",))
        for n in (1, 2, 10)
    ]
    with store.transaction() as conn:
        store.ledger.save(conn, "s1", groups, [], [])
    assert [g.id for g in store.ledger.groups("s1")] == ["s1:g1", "s1:g2", "s1:g10"]
    assert [g.id for g in store.ledger.groups()] == ["s1:g1", "s1:g2", "s1:g10"]


def test_a_ledger_saved_again_reads_back_as_the_new_one_beside_other_stories(
    store: Store,
) -> None:
    """Only the rows that changed are written again (`Ledger.save`): what is read back is the new
    ledger whole, in its order, and the other story's ledger is left as it was."""

    def group(story: str, n: int, value: float) -> Group:
        return Group(f"{story}:g{n}", story, "killed", "single", value, (value,), ("a",), ("a#0",))

    def entry(story: str, day: str, said: str) -> TimelineEntry:
        return TimelineEntry(date=day, text=said, docs=("a",), story=story)

    other = ([group("s2", 1, 5.0)], [entry("s2", "2024-01-09", "Other.")])
    with store.transaction() as conn:
        store.ledger.save(
            conn,
            "s1",
            [group("s1", n, n) for n in (1, 2, 3)],
            [entry("s1", f"2024-01-0{d}", f"Day {d}.") for d in (1, 2, 3)],
            [BriefingSentence("Before.", ("a",), "s1")],
        )
        store.ledger.save(conn, "s2", *other, [])
    first_entry = _timeline_ids(store, "s1")[0]
    groups = [group("s1", 1, 1.0), group("s1", 2, 7.0)]  # g2 changed, g3 gone
    timeline = [entry("s1", d, f"{d}.") for d in ("2024-01-01", "2024-01-02", "2024-01-05")]
    timeline[0] = entry("s1", "2024-01-01", "Day 1.")  # the same first entry, then new ones
    with store.transaction() as conn:
        store.ledger.save(conn, "s1", groups, timeline, [BriefingSentence("After.", ("a",), "s1")])
    assert store.ledger.groups("s1") == groups
    assert store.ledger.timeline("s1") == timeline
    assert _timeline_ids(store, "s1")[0] == first_entry  # not written again
    assert [b.text for b in store.ledger.briefing("s1")] == ["After."]
    assert (store.ledger.groups("s2"), store.ledger.timeline("s2")) == other
    with store.transaction() as conn:  # the same ledger again: the same rows
        store.ledger.save(conn, "s1", groups, timeline, [])
    assert (store.ledger.groups("s1"), store.ledger.timeline("s1")) == (groups, timeline)


def _timeline_ids(store: Store, story: str) -> list[int]:
    t = schema.timeline
    with store.read() as conn:
        return list(conn.scalars(select(t.c.id).where(t.c.story == story).order_by(t.c.id)))


def test_a_batch_of_reports_takes_the_next_seqs_in_its_order(store: Store) -> None:
    first = [Article(key=k, text=f"Report {k}.", content_hash=k) for k in ("c", "a")]
    then = [Article(key=k, text=f"Report {k}.", content_hash=k) for k in ("d", "b", "e")]
    with store.transaction() as conn:
        store.articles.insert(conn, first)
        store.articles.insert(conn, then)
    assert [a.seq for a in [*first, *then]] == [1, 2, 3, 4, 5]
    stored = store.articles.all()
    assert [(a.key, a.seq) for a in stored] == [("c", 1), ("a", 2), ("d", 3), ("b", 4), ("e", 5)]


def test_snapshots_are_kept_compressed_and_those_from_before_read_as_they_were(
    store: Store,
) -> None:
    t = schema.ledger_snapshots
    old = {"groups": [{"value": 12}], "reports": {"a": {"title": "Fire in Eldmoor"}}}
    new = {"groups": [{"value": 14, "what": "people killed " * 500}], "reports": {}}
    with store.transaction() as conn:
        # as a release before migration 0011 wrote it
        conn.execute(t.insert().values(story="s1", built="2031-03-02T10:00", data=json.dumps(old)))
        store.snapshots.save(conn, "s1", "2031-03-03T10:00", new)
    assert [s.data for s in store.snapshots.history("s1")] == [new, old]
    assert store.snapshots.at("s1", "2031-03-02T12:00").data == old  # type: ignore[union-attr]
    with store.transaction() as conn:
        data, packed = conn.execute(select(t.c.data, t.c.packed).order_by(t.c.id.desc())).first()
    assert data == "" and len(packed) < len(json.dumps(new)) / 10


def _keys_written(
    store: Store, table: str, write: Callable[[Connection], None]
) -> list[str] | None:
    """Run `write` in a transaction; the keys of the rows of `table` it wrote, as SQLite's
    triggers see them (None on PostgreSQL, where they are not looked at)."""
    with store.transaction() as conn:
        if conn.dialect.name != "sqlite":
            write(conn)
            return None
        conn.exec_driver_sql("CREATE TEMP TABLE written (key TEXT)")
        key = "key" if table == "articles" else "id"
        conn.exec_driver_sql(
            f"CREATE TEMP TRIGGER note_written AFTER UPDATE ON main.{table} "
            f"BEGIN INSERT INTO written VALUES (new.{key}); END"
        )
        write(conn)
        keys = list(conn.exec_driver_sql("SELECT key FROM written ORDER BY key").scalars())
        conn.exec_driver_sql("DROP TRIGGER temp.note_written")
        conn.exec_driver_sql("DROP TABLE temp.written")
        return keys


def test_a_ledger_writes_only_the_claims_it_changed(store: Store) -> None:
    said = [
        Claim(doc="a", value=v, start=0, end=2, sentence="12 dead", sentence_start=0,
              sentence_end=7, id=f"a#{n}", group="s1:g1")
        for n, v in enumerate((12.0, 40.0, 300.0))
    ]  # fmt: skip
    with store.transaction() as conn:
        store.analysis.save(conn, "a", 1, [], said, [], [])
    moved = [said[0], replace(said[1], group="s1:g2"), replace(said[2], source="Police")]
    written = _keys_written(store, "claims", lambda c: store.analysis.update_claims(c, moved))
    assert written in (["a#1", "a#2"], None)
    assert [(c.group, c.source) for c in store.analysis.claims(["a"])] == [
        ("s1:g1", None),
        ("s1:g2", None),
        ("s1:g1", "Police"),
    ]


def test_claims_and_times_read_again_are_new_copies_of_what_is_stored(store: Store) -> None:
    said = Claim(doc="a", value=12.0, start=0, end=2, sentence="12 dead", sentence_start=0,
                 sentence_end=7, id="a#0")  # fmt: skip
    when = TimeMention(doc="a", text="Friday", start=11, end=17, sentence_start=0,
                       sentence_end=18, when="2031-03-07")  # fmt: skip
    with store.transaction() as conn:
        store.analysis.save(conn, "a", 1, [], [said], [], [when])
    first, again = store.analysis.claims(["a"]), store.analysis.claims(["a"])
    assert first == again == [said] and first[0] is not again[0]
    first[0].group, first[0].value = "s1:g1", 40.0  # as a ledger sets it on what it read
    assert store.analysis.claims(["a"]) == [said]
    times = store.analysis.times(["a"])
    times[0].when = None
    assert store.analysis.times(["a"]) == [when]


def test_reports_written_again_as_they_were_are_not_rewritten(store: Store) -> None:
    reports = [Article(key=k, text=f"Report {k} of the Eldmoor flood.") for k in "ab"]
    with store.transaction() as conn:
        store.articles.insert(conn, reports)
    dated = [reports[0], replace(reports[1], published="2031-03-02", published_inferred=True)]
    written = _keys_written(store, "articles", lambda c: store.articles.update_many(c, dated))
    assert written in (["b"], None)
    assert [a.published for a in store.articles.all()] == [None, "2031-03-02"]


def test_statements_on_the_driver_read_back_what_they_wrote(store: Store) -> None:
    """The driver's cursor takes SQLite's parameters by position and psycopg's by name; a name
    used twice is given twice, and a boolean is stored as SQLAlchemy stores it."""
    upsert = text(
        "INSERT INTO story_terms (term, df) VALUES (:term, :df) "
        "ON CONFLICT (term) DO UPDATE SET df = story_terms.df + :df"
    )
    read = text("SELECT term, df FROM story_terms WHERE df >= :least AND term <> :least_name")
    with store.transaction() as conn:
        write_on_driver(conn, upsert, [{"term": "a", "df": 2}, {"term": "b", "df": 1}])
        write_on_driver(conn, upsert, [{"term": "a", "df": 3}])
        replace_rows(conn, schema.story_docs, _story_doc("d1", pinned=True))
        assert sorted(fetch_on_driver(conn, read, {"least": 2, "least_name": ""})) == [("a", 5)]
    with store.read() as conn:
        row = store.story_index.doc(conn, "d1")
    assert row is not None and row.pinned is True


def _story_doc(doc: str, pinned: bool) -> dict[str, object]:
    return {
        "doc": doc, "story": "s1", "event": "s1e1", "seq": 1, "published": None,
        "refers_to": None, "pinned": pinned, "data": "{}",
    }  # fmt: skip


def test_a_statement_on_the_driver_fails_as_sqlalchemy_fails(store: Store) -> None:
    """The store's callers handle SQLAlchemy's errors: the driver's own come out as those, and a
    write the database refused as an OperationalError (SQLite's missing table) is a StoreError
    to the transaction's caller, as before."""
    with pytest.raises((StoreError, DBAPIError)), store.transaction() as conn:
        write_on_driver(conn, text("INSERT INTO no_such_table (a) VALUES (:a)"), [{"a": 1}])
    with store.read() as conn, pytest.raises(DBAPIError):
        fetch_on_driver(conn, text("SELECT a FROM no_such_table WHERE a = :a"), {"a": 1})
