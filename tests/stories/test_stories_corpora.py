"""The seeds and ECB+ from ../shared (skipped when the shared folder is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import shared_path

from accord.model import Article
from accord.settings import DEFAULTS, load_settings
from accord.store import Store
from accord.stories import assign, report_features
from accord.workflow import ingest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ECB = SHARED / "corpora/ecbplus/articles.jsonl"
SEEDS = SHARED / "corpora/seeds"
# The seeds' publication times as the brief gives them; 001 and 003 are undated.
PUBLISHED = {
    "000": "2024-11-16T22:05:24+05:00",
    "002": "2024-11-16T14:01:00-05:00",
    "004": "2024-12-13",
}
BACKGROUND = 200  # ECB+ reports stored first: IDF over five reports of one story means little


def _ecb(limit: int | None = None) -> list[Article]:
    if not ECB.exists():
        pytest.skip(f"{ECB} not found: the shared corpora sit beside the repository checkout")
    with ECB.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines][:limit]
    return [Article(key=r["id"], text=r["text"], title=r.get("title")) for r in rows]


def test_the_seeds_are_one_story_and_004_another_event() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not found: the shared corpora sit beside the repository checkout")
    seeds = [
        Article(key=p.stem, text=p.read_text(encoding="utf-8"), published=PUBLISHED.get(p.stem[:3]))
        for p in sorted(SEEDS.glob("*.txt"))
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
    gold = SHARED / "gold/ecbplus.clusters.jsonl"
    command = [sys.executable, str(SHARED / "eval/score.py"), "clusters", "--gold", str(gold)]
    command += ["--pred", str(pred), "--level", "event", "--pred-level", "story"]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    assert json.loads(result.stdout.strip().splitlines()[-1])["bcubed_f1"] >= 0.85


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
