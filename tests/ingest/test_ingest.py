"""Ingestion end to end through the library: keys, re-ingest, links, refusals."""

from __future__ import annotations

import json
from pathlib import Path

from accord.ingest.dedup import shingles
from accord.ingest.pipeline import Ingester, raw_documents, stored_shingles
from accord.settings import load_settings
from accord.store import Store
from tests.conftest import shared_path

STORY = (
    "Levee breach floods river town\n\n"
    "KELDMOOR (Northgate Wire) - Rescue teams worked through the night after the levee gave way, "
    "and the regional emergency office said twelve people had died.\n\n"
    "Officials opened three shelters in schools on the hill and asked residents to boil water.\n"
)


def _ingest(store: Store, *inputs: str) -> object:
    settings = load_settings()
    return Ingester(store, settings).run(raw_documents(list(inputs), settings))


def test_reingest_adds_nothing_and_copies_are_linked(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY)
    first = _ingest(store, str(tmp_path))
    assert first.ingested == ["a", "b"] and first.linked == 1  # type: ignore[attr-defined]
    b = store.articles.get("b")
    assert (b.duplicate_of, b.relation) == ("a", "duplicate")
    again = _ingest(store, str(tmp_path))
    assert again.ingested == [] and again.present == 2  # type: ignore[attr-defined]
    assert store.articles.count() == 2


def test_bad_files_are_refused_one_by_one(store: Store, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "broken.jsonl").write_text(
        '{"id": "x1", "text": "A short note on the floods."}\n{oops\n'
    )
    (tmp_path / "wrong.json").write_text(
        json.dumps({"id": "w", "text": {"nested": True}}, indent=1)
    )
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    summary = _ingest(store, str(tmp_path))
    stored = {a.key for a in store.articles.all()}
    assert stored == {"good", "x1"}
    refused = {Path(r.source.split(":")[0]).name for r in store.articles.rejections()}
    assert refused == {"binary.txt", "empty.txt", "broken.jsonl", "wrong.json", "nav.html"}
    assert len(summary.rejected) == 5  # type: ignore[attr-defined]


def test_seeds_link_only_the_rewrite_pair(store: Store) -> None:
    seeds = shared_path("corpora", "seeds")
    _ingest(store, str(seeds))
    links = {
        (a.key[:3], a.duplicate_of[:3], a.relation) for a in store.articles.all() if a.duplicate_of
    }
    assert links == {("003", "001", "rewrite")}
    titles = {a.key[:3]: a.title for a in store.articles.all()}
    assert titles["001"] == "Venezuela frees more than 100 arrested after disputed election result"


def test_a_revised_report_is_compared_by_its_new_text(store: Store, tmp_path: Path) -> None:
    """The stored reports' shingles are kept by version: a report revised since (the same key,
    new content) is compared with a new report by its new text."""
    (tmp_path / "a.txt").write_text(STORY)
    _ingest(store, str(tmp_path / "a.txt"))
    old = store.articles.get("a")
    assert stored_shingles(store, ["a"], 3) == [("a", shingles(old.text, 3))]
    new = old.copy()
    new.text, new.content_hash = "Dam holds as rain eases on the river.", "the second version"
    with store.transaction() as conn:
        store.snapshots.revise(conn, old, new, None)
    assert stored_shingles(store, ["a", "gone"], 3) == [("a", shingles(new.text, 3))]
