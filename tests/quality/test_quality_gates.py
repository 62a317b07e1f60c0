"""The quality gate: the shared scorer over accord's own exports, against floors that only go up.

Each gate runs the real pipeline (`workflow.ingest` into a fresh store), exports as `accord export`
does, and scores with ../shared/eval/score.py (`tests.conftest.score`). Without ../shared the gates
skip, or fail under CI (`tests.conftest.shared_path`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from accord import exports, workflow
from accord.settings import load_settings
from accord.store import Store
from tests.conftest import score, shared_path

FLOORS = json.loads((Path(__file__).with_name("floors.json")).read_text(encoding="utf-8"))


def _export(store: Store, name: str, folder: Path) -> Path:
    path = folder / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        exports.write_rows(exports.EXPORTS[name](store), fh, "jsonl")
    return path


def _assert_floors(figures: dict[str, float], gate: str) -> None:
    below = {k: (figures[k], floor) for k, floor in FLOORS[gate].items() if figures[k] < floor}
    assert not below, f"{gate} fell below its floors (figure, floor): {below}"


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    seeds = shared_path("corpora", "seeds")
    folder = tmp_path_factory.mktemp("seeds")
    with Store(folder / "seeds.db") as store:
        workflow.ingest(store, [str(seeds)], load_settings())
        yield store, folder


def test_seed_claims_and_groups(seeds_store: tuple[Store, Path]) -> None:
    store, folder = seeds_store
    figures = score(
        folder,
        "claims",
        "--gold",
        str(shared_path("gold", "seeds.claims.jsonl")),
        "--pred",
        str(_export(store, "claims", folder)),
        "--groups",
        str(_export(store, "groups", folder)),
        "--gold-groups",
        str(shared_path("gold", "seeds.groups.jsonl")),
    )
    _assert_floors(figures, "seeds_claims")
    _assert_floors(figures, "seeds_groups")


def test_seed_timeline(seeds_store: tuple[Store, Path]) -> None:
    store, folder = seeds_store
    figures = score(
        folder,
        "timeline",
        "--gold",
        str(shared_path("gold", "seeds.timeline.jsonl")),
        "--pred",
        str(_export(store, "timeline", folder)),
    )
    _assert_floors(figures, "seeds_timeline")


# ECB+ through the whole pipeline on a fixed subset of topics (1, 5, 9, ..., 45: every fourth, a
# quarter of the corpus), so that the gate's ingest takes well under a minute. The whole corpus is
# measured by hand: `accord --db e.db ingest ecbplus/articles.jsonl`, `accord --db e.db export
# clusters -o k.jsonl`, then `score.py clusters ... --level event --pred-level story`.
ECB_TOPICS = frozenset(range(1, 46, 4))


def _ecb_topic(key: str) -> int:
    return int(key.split("_", 1)[0])


def test_ecbplus_clusters_through_the_pipeline(tmp_path: Path) -> None:
    """Stories against ECB+ events: an ECB+ topic holds two events of one kind (FORMATS.md)."""
    lines = shared_path("corpora", "ecbplus", "articles.jsonl").read_text(encoding="utf-8")
    articles = [x for x in lines.splitlines() if _ecb_topic(json.loads(x)["id"]) in ECB_TOPICS]
    gold_lines = shared_path("gold", "ecbplus.clusters.jsonl").read_text(encoding="utf-8")
    gold = [x for x in gold_lines.splitlines() if _ecb_topic(json.loads(x)["doc"]) in ECB_TOPICS]
    (tmp_path / "articles.jsonl").write_text("\n".join(articles) + "\n", encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text("\n".join(gold) + "\n", encoding="utf-8")
    with Store(tmp_path / "ecbplus.db") as store:
        workflow.ingest(store, [str(tmp_path / "articles.jsonl")], load_settings())
        clusters = _export(store, "clusters", tmp_path)
    figures = score(
        tmp_path,
        "clusters",
        "--gold",
        str(tmp_path / "gold.jsonl"),
        "--pred",
        str(clusters),
        "--level",
        "event",
        "--pred-level",
        "story",
    )
    assert figures["docs"] == len(articles) and figures["missing"] == 0
    _assert_floors(figures, "ecbplus_clusters")


def test_polnear_attributions(tmp_path: Path) -> None:
    articles = shared_path("corpora", "polnear-dev", "articles.jsonl")
    with Store(tmp_path / "polnear.db") as store:
        workflow.ingest(store, [str(articles)], load_settings())
        figures = score(
            tmp_path,
            "attributions",
            "--gold",
            str(shared_path("gold", "polnear-dev.attributions.jsonl")),
            "--pred",
            str(_export(store, "statements", tmp_path)),
        )
    _assert_floors(figures, "polnear_attributions")
