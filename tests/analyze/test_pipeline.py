"""The analysis stage: worker processes give what one process gives; stored reports are kept."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest
from spacy.tokens import Doc

from accord.analyze import pipeline, reading
from accord.analyze.docs import text_of
from accord.analyze.nlp import PIECE_CHARS, load_nlp, parse, parse_many
from accord.model import Article, Claim, Rejection
from accord.store import Store
from tests.conftest import shared_path


def _seed_store() -> Store:
    folder = shared_path("corpora", "seeds")
    store = Store.memory()
    articles = [
        Article(key=p.stem, text=p.read_text("utf-8")) for p in sorted(folder.glob("*.txt"))
    ]
    with store.transaction() as conn:
        store.articles.insert(conn, articles)
    return store


def _stored(store: Store) -> list[tuple[str, ...]]:
    return sorted(
        [("s", s.doc, str(s.content_start), s.source or "") for s in store.analysis.statements()]
        + [("c", c.doc, c.id, str(c.value), c.source or "") for c in store.analysis.claims()]
    )


@pytest.mark.parametrize("server", [False, True], ids=["forked", "fork server"])
def test_workers_store_what_one_process_stores(
    monkeypatch: pytest.MonkeyPatch, server: bool
) -> None:
    serial, parallel = _seed_store(), _seed_store()
    assert pipeline.analyze_pending(serial, processes=1)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    monkeypatch.setattr(pipeline, "CHUNK", 2)  # several chunks in flight across two workers
    monkeypatch.setattr(pipeline, "server_started", lambda: server)
    assert pipeline.analyze_pending(parallel, processes=2)
    assert _stored(parallel) == _stored(serial)
    # Entity ids may differ: an entity keeps the id of the name it was first stored under.
    assert [e.name for e in parallel.entities.all()] == [e.name for e in serial.entities.all()]


def test_analysed_reports_are_not_analysed_again() -> None:
    store = _seed_store()
    assert pipeline.analyze_pending(store, processes=1)
    assert pipeline.analyze_pending(store, processes=1) == []


def test_a_fault_of_the_rules_in_one_report_is_recorded_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = _seed_store()
    keys = sorted(a.key for a in store.articles.all())
    faulty = keys[1]
    read = reading.find_claims

    def failing_on_one(doc: Doc, key: str, *args: Any, **kwargs: Any) -> list[Claim]:
        if key == faulty:
            raise ValueError("a fault met in this report")
        return read(doc, key, *args, **kwargs)

    monkeypatch.setattr(reading, "find_claims", failing_on_one)
    failed: list[Rejection] = []
    assert sorted(pipeline.analyze_pending(store, processes=1, failed=failed)) == keys
    assert [(r.source, "ValueError: a fault met in this report" in r.reason) for r in failed] == [
        (faulty, True)
    ]
    assert [r.source for r in store.articles.rejections()] == [faulty]
    claimed = {c.doc for c in store.analysis.claims()}
    assert faulty not in claimed
    assert claimed == set(keys) - {faulty}  # every other seed report has its figures
    assert pipeline.analyze_pending(store, processes=1) == []  # kept, not tried at every run


def test_a_report_read_frees_its_doc_without_waiting_for_the_collector() -> None:
    """The rules' caches on a Doc hold its spans, which hold the Doc: dropped once the rules
    are done, the Doc goes with its last reference, not at the collector's next pass."""
    text = (
        "Gunman Kills Three At Riverside Mall\n\n"
        "Three people were killed on Monday at the Riverside mall, police said. Two more were "
        "hurt, according to the county sheriff."
    )
    article = Article(key="r1", text=text, published="2031-03-04", title=text.splitlines()[0])
    doc = load_nlp()(text)
    analysis = reading._guarded(article, doc, reading._read_english)
    assert analysis.claims and analysis.failure is None
    freed = weakref.ref(doc)
    gc.disable()
    try:
        del doc
        assert freed() is None
    finally:
        gc.enable()


def test_a_parsed_report_s_text_is_the_text_its_doc_joins_however_long() -> None:
    line = "The river rose a metre overnight in Eldmoor, and crews worked until dawn.\n"
    short, long = line * 3, line * (PIECE_CHARS // len(line) + 20)
    for doc, text in zip(parse_many([short, long], load_nlp()), [short, long], strict=True):
        assert text_of(doc) == doc.text == text
    assert len(parse(long).text) == len(long)
