"""A report read back from the stories index is its row as stored, whether its features were
parsed anew or kept from an earlier read of the same text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from accord.store import Store
from accord.stories.index import IndexedReport


def _stored(store: Store, report: IndexedReport) -> IndexedReport:
    with store.transaction() as conn:
        store.story_index.save_doc(conn, report.to_values())
        row = store.story_index.doc(conn, report.doc)
    assert row is not None
    return IndexedReport.from_row(row)


def test_a_report_reads_back_as_stored_each_time() -> None:
    store = Store.memory()
    report = IndexedReport(
        "d1", "s1", "e1", 1, {"w:flood": 2.0}, {"w:flood": 0.8, "e:varnholm": 0.6},
        published=date(2031, 4, 2), title="Flood at Varnholm", language="en",
        neutral={"x:varnholm": 1.0}, head=("varnholm",),
    )  # fmt: skip
    first, again = _stored(store, report), _stored(store, report)
    assert first == again == report
    again.story = "s2"  # a move changes the report read, not the next one
    assert _stored(store, report).story == "s1"
    moved = _stored(store, replace(report, story="s3", vector={}))
    assert (moved.story, moved.vector, moved.counts) == ("s3", {}, {"w:flood": 2.0})
