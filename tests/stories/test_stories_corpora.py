"""The seeds and ECB+ from ../shared (skipped when the shared folder is absent, failed under CI)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import score, shared_path

from accord.model import Article
from accord.settings import DEFAULTS, load_settings
from accord.store import Store
from accord.stories import assign, report_features
from accord.workflow import ingest

# The seeds' publication times as the brief gives them; 001 and 003 are undated.
PUBLISHED = {
    "000": "2024-11-16T22:05:24+05:00",
    "002": "2024-11-16T14:01:00-05:00",
    "004": "2024-12-13",
}
BACKGROUND = 200  # ECB+ reports stored first: IDF over five reports of one story means little


def _ecb(limit: int | None = None) -> list[Article]:
    with shared_path("corpora", "ecbplus", "articles.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines][:limit]
    return [Article(key=r["id"], text=r["text"], title=r.get("title")) for r in rows]


def test_the_seeds_are_one_story_and_004_another_event() -> None:
    seeds = [
        Article(key=p.stem, text=p.read_text(encoding="utf-8"), published=PUBLISHED.get(p.stem[:3]))
        for p in sorted(shared_path("corpora", "seeds").glob("*.txt"))
    ]
    store = Store.memory()
    with store.transaction() as conn:
        assign(store, conn, [report_features(a) for a in _ecb(BACKGROUND)], DEFAULTS)
        placed = assign(store, conn, [report_features(a) for a in seeds], DEFAULTS)
    assert len({m.story for m in placed}) == 1
    events = [m.event for m in placed]
    assert len(set(events[:4])) == 1 and events[4] != events[0]


def test_ecbplus_bcubed_floor(tmp_path: Path) -> None:
    """The whole corpus in file order (about 15 s); the random orders are benchmarks/eval_clusters."""
    store = Store.memory()
    rows = []
    with store.transaction() as conn:
        for article in _ecb():
            for m in assign(store, conn, [report_features(article)], DEFAULTS):
                rows.append(json.dumps({"doc": m.doc, "story": m.story, "event": m.event}))
    pred = tmp_path / "clusters.jsonl"
    pred.write_text("\n".join(rows) + "\n", encoding="utf-8")
    gold = shared_path("gold", "ecbplus.clusters.jsonl")
    level = ["--level", "event", "--pred-level", "story"]
    figures = score(tmp_path, "clusters", "--gold", str(gold), "--pred", str(pred), *level)
    assert figures["bcubed_f1"] >= 0.85


def test_the_seeds_alone_in_a_new_store_are_one_story() -> None:
    """Five reports of one story into an empty store, through the whole pipeline (about 10 s).

    The background IDF prior stands in for the store's frequencies, which five reports of one
    story cannot give: alone, they would rate the story's own words as common.
    """
    seeds = shared_path("corpora", "seeds")
    store = Store.memory()
    ingest(store, [str(seeds)], load_settings())
    placed = {m.doc[:3]: m for m in store.stories.memberships()}
    assert sorted(placed) == ["000", "001", "002", "003", "004"]
    assert len({m.story for m in placed.values()}) == 1
    assert len({placed[k].event for k in ("000", "001", "002", "003")}) == 1
    assert placed["004"].event != placed["000"].event
