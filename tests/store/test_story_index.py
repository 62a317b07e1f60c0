"""The stories index gives within a transaction what a new transaction reads from the store: the
rows it keeps of what the transaction read and wrote (`accord.store.story_rows`) are the store's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from accord.store import Store

LIMIT = 3


def _index_rows(store: Store, conn: Connection) -> tuple[Any, ...]:
    """Everything the index gives of the stories s1-s3 and the terms t0-t4."""
    index = store.story_index
    stories = ["s3", "s1", "s2", "s9"]
    return (
        [(r.story, r.num, r.title, r.next_event, r.centroid) for r in index.rows(conn, stories)],
        {s: [(r.event, r.centroid) for r in index.event_rows(conn, s)] for s in stories},
        index.postings(conn, [f"t{n}" for n in range(5)], LIMIT),
        index.next_seq(conn),
    )


def _story(story: str, num: int, centroid: str) -> dict[str, Any]:
    return {"story": story, "num": num, "title": None, "next_event": 2, "centroid": centroid}


def _doc(doc: str, seq: int) -> dict[str, Any]:
    return {
        "doc": doc,
        "story": "s1",
        "event": "e1",
        "seq": seq,
        "published": None,
        "refers_to": None,
        "pinned": False,
        "data": "{}",
    }


def test_what_a_transaction_wrote_reads_back_as_the_store_holds_it(store: Store) -> None:
    index = store.story_index
    with store.transaction() as conn:
        _index_rows(store, conn)  # read first, so that the writes below update what was read
        index.save_row(conn, _story("s2", 2, "{}"))
        index.save_row(conn, _story("s1", 1, "{}"))
        index.save_row(conn, _story("s1", 1, '{"size": 1}'))
        index.save_event_row(conn, "s1", "e2", "b")
        index.save_event_row(conn, "s1", "e10", "a")
        index.save_event_row(conn, "s2", "e1", "c")
        index.delete_event_row(conn, "s2", "e1")
        index.save_doc(conn, _doc("d1", 4))
        index.post_terms(conn, "s1", ["t0", "t1", "t2"], 1)
        index.post_terms(conn, "s2", ["t0", "t1"], 2)
        index.post_terms(conn, "s3", ["t0"], 3)
        index.post_terms(conn, "s1", ["t0", "t0"], 4)  # s1 moves first, s2 and s3 stay
        index.post_terms(conn, "s9", ["t0"], 5)  # the cut: s2 drops out of t0's latest three
        index.post_terms(conn, "s2", ["t2"], 1)  # as a merge posts: at an older seq
        within = _index_rows(store, conn)
    with store.read() as conn:
        assert _index_rows(store, conn) == within
    assert within[0][0] == ("s1", 1, None, 2, '{"size": 1}')
    assert within[1]["s1"] == [("e10", "a"), ("e2", "b")]
    assert within[1]["s2"] == []
    assert within[2]["t0"] == ["s9", "s1", "s3"]
    assert within[2]["t2"] == ["s1", "s2"]  # a tie at seq 1, by story
    assert within[3] == 5


def test_a_cleared_story_and_a_deleted_report_read_back_as_the_store_holds_them(
    store: Store,
) -> None:
    index = store.story_index
    with store.transaction() as conn:
        index.save_row(conn, _story("s1", 1, "{}"))
        index.save_event_row(conn, "s1", "e1", "a")
        index.post_terms(conn, "s1", ["t0", "t1"], 1)
        index.save_doc(conn, _doc("d1", 1))
        index.save_doc(conn, _doc("d2", 2))
        _index_rows(store, conn)
        index.clear(conn, "s1")
        index.delete_doc(conn, "d2")
        within = _index_rows(store, conn)
    with store.read() as conn:
        assert _index_rows(store, conn) == within
    assert within[1]["s1"] == []
    assert within[2]["t0"] == []
    assert within[3] == 2


def test_frequencies_bumped_are_the_frequencies_stored(store: Store) -> None:
    index = store.story_index
    with store.transaction() as conn:
        assert index.bump_df(conn, ["a", "b", "a"], 1) == {"a": 1, "b": 1, "": 1}
        assert index.bump_df(conn, ["b", "c"], 1) == {"b": 2, "c": 1, "": 2}
        assert index.bump_df(conn, ["a"], -1) == {"a": 0, "": 1}
    with store.read() as conn:
        assert index.df(conn, ["a", "b", "c", "", "d"]) == {"a": 0, "b": 2, "c": 1, "": 1}


def test_the_rows_and_pins_of_many_stories_are_each_storys_own(store: Store) -> None:
    """`stories_rows` and `pinned_stories` read many stories at once as `doc_rows` and
    `has_pinned` read them one by one."""
    index = store.story_index
    docs = [
        {**_doc("d1", 1), "story": "s1"},
        {**_doc("d2", 2), "story": "s2", "pinned": True},
        {**_doc("d3", 3), "story": "s1"},
    ]
    with store.transaction() as conn:
        for doc in docs:
            index.save_doc(conn, doc)
    with store.read() as conn:
        stories = ["s2", "s1", "s9"]
        rows = index.stories_rows(conn, stories)
        assert list(rows) == stories
        for story in stories:
            assert [r.doc for r in rows[story]] == [r.doc for r in index.doc_rows(conn, story)]
        assert [r.doc for r in rows["s1"]] == ["d3", "d1"]  # the latest arrival first
        pinned = {story for story in stories if index.has_pinned(conn, story)}
        assert index.pinned_stories(conn, stories) == pinned == {"s2"}
