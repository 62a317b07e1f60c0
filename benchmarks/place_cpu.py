"""CPU of placing reports in stories, as `accord ingest`'s main process places them, without the
model: the features of an ingested store's reports placed again in a new store file, in chunks of
32, with an MD5 of the stories so that two trees' runs can be told to place alike.

    .venv/bin/accord --db ecb.db ingest ../shared/corpora/ecbplus/articles.jsonl
    .venv/bin/python benchmarks/place_cpu.py ecb.db --runs 3
    PYTHONPATH=<tree>/src .venv/bin/python benchmarks/place_cpu.py ecb.db    # another tree's

The features are read once (`workflow.stored_features`, as the ingest reads them); each run places
them into a store of its own in a temporary folder, one transaction a chunk, as the ingest does.
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from pathlib import Path

from rules_cpu import cpu_figures

from accord.collector import tune_collector
from accord.settings import load_settings
from accord.store import Store
from accord.stories import ReportFeatures, assign
from accord.workflow import stored_features

CHUNK = 32  # reports placed per transaction, as `accord.analyze.pipeline.CHUNK`


def read_features(db: Path) -> list[ReportFeatures]:
    with Store(db) as store:
        articles = sorted(store.articles.all(), key=lambda a: a.seq)
        return stored_features(store, articles)


def place(features: list[ReportFeatures], folder: Path, run: int) -> tuple[float, str]:
    """CPU seconds of placing `features` in a new store, and an MD5 of their stories."""
    settings = load_settings()
    stories: dict[str, str] = {}
    with Store(folder / f"place{run}.db") as store:
        began = time.process_time()
        for start in range(0, len(features), CHUNK):
            with store.transaction() as conn:
                for m in assign(store, conn, features[start : start + CHUNK], settings):
                    stories[m.doc] = m.story
        seconds = time.process_time() - began
    return seconds, hashlib.md5(repr(sorted(stories.items())).encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="an ingested store")
    parser.add_argument("--limit", type=int, help="only the first N reports")
    parser.add_argument("--runs", type=int, default=3, help="timed placings of every report")
    args = parser.parse_args(argv)
    tune_collector()  # as the `accord` command runs
    features = read_features(args.db)[: args.limit]
    seconds, hashes = [], set()
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            took, stories = place(features, Path(folder), run)
            seconds.append(took)
            hashes.add(stories)
    figures = cpu_figures("place_cpu", len(features), seconds)
    figures["stories_md5"] = sorted(hashes)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
