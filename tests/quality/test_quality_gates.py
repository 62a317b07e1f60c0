"""The quality gate: the shared scorer over accord's own exports, against floors that only go up.

Each gate runs the real pipeline (`workflow.ingest` into a fresh store), exports as `accord export`
does, and scores with ../shared/eval/score.py (its last output line is a JSON object of figures).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from accord import exports, workflow
from accord.settings import load_settings
from accord.store import Store
from tests.conftest import shared_path

FLOORS = json.loads((Path(__file__).with_name("floors.json")).read_text(encoding="utf-8"))


def _export(store: Store, name: str, folder: Path) -> Path:
    path = folder / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        exports.write_rows(exports.EXPORTS[name](store), fh, "jsonl")
    return path


def _score(*args: str) -> dict[str, float]:
    scorer = shared_path("eval", "score.py")
    done = subprocess.run(
        [sys.executable, str(scorer), *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


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
    figures = _score(
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
    figures = _score(
        "timeline",
        "--gold",
        str(shared_path("gold", "seeds.timeline.jsonl")),
        "--pred",
        str(_export(store, "timeline", folder)),
    )
    _assert_floors(figures, "seeds_timeline")


def test_polnear_attributions(tmp_path: Path) -> None:
    articles = shared_path("corpora", "polnear-dev", "articles.jsonl")
    with Store(tmp_path / "polnear.db") as store:
        workflow.ingest(store, [str(articles)], load_settings())
        figures = _score(
            "attributions",
            "--gold",
            str(shared_path("gold", "polnear-dev.attributions.jsonl")),
            "--pred",
            str(_export(store, "statements", tmp_path)),
        )
    _assert_floors(figures, "polnear_attributions")
