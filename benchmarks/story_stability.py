"""Do the stories depend on the order the reports arrive in? Place the reports of an ingested store
again, in file order and in shuffled orders, and compare the clusterings with the gold and with
each other (BCubed F1).

    accord --db ecb.db ingest ../shared/corpora/ecbplus/articles.jsonl
    python benchmarks/story_stability.py ecb.db --gold ../shared/gold/ecbplus.clusters.jsonl \
        --orders 5 [--first gva.db] [--batch 32]

The features are read once from the store's analysis (`workflow.stored_features`, as `accord
ingest` reads them) and each order is placed one report per transaction into a fresh in-memory
store: the placement `accord ingest` makes when the reports come one at a time. With --batch 32,
the reports are placed as one `accord ingest` of the whole order places them: in chunks of 32,
the reports around the stories a chunk touched grouped again once it is placed. With --first, the
reports of another ingested store are placed before each order (the company they keep).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from accord.settings import Settings, load_settings
from accord.store import Store
from accord.stories import ReportFeatures, assign
from accord.workflow import stored_features


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="an ingested store (its analysis is read)")
    parser.add_argument("--gold", type=Path, help="gold clusters (JSONL: doc, story, event)")
    parser.add_argument("--level", choices=("story", "event"), default="event")
    parser.add_argument("--orders", type=int, default=5, help="shuffled orders besides file order")
    parser.add_argument("--first", type=Path, help="a store whose reports are placed first")
    parser.add_argument(
        "--batch",
        type=int,
        help="place N reports at a time, as `accord ingest` places the chunks its analysis "
        "workers return (32); default one at a time, as separate ingests of one report each",
    )
    return parser.parse_args(argv)


def read_features(db: Path) -> list[ReportFeatures]:
    """The features of every report of the store, in arrival order."""
    with Store(db) as store:
        articles = sorted(store.articles.all(), key=lambda a: a.seq)
        return stored_features(store, articles)


def place(
    features: Sequence[ReportFeatures],
    settings: Settings,
    first: Sequence[ReportFeatures] = (),
    batch: int | None = None,
) -> dict[str, str]:
    """Each report's story, placed in a new store after the reports of `first`: one at a time,
    or `batch` at a time."""
    store = Store.memory()
    stories: dict[str, str] = {}
    reports = [*first, *features]
    for start in range(0, len(reports), batch or 1):
        with store.transaction() as conn:
            for m in assign(store, conn, reports[start : start + (batch or 1)], settings):
                stories[m.doc] = m.story
    keys = {f.key for f in features}
    return {doc: story for doc, story in stories.items() if doc in keys}


def bcubed(gold: Mapping[str, str], pred: Mapping[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of `pred` against `gold` over the documents of both."""
    docs = [d for d in gold if d in pred]
    gold_of = _clusters(gold, docs)
    pred_of = _clusters(pred, docs)
    p = sum(len(gold_of[d] & pred_of[d]) / len(pred_of[d]) for d in docs) / len(docs)
    r = sum(len(gold_of[d] & pred_of[d]) / len(gold_of[d]) for d in docs) / len(docs)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _clusters(labels: Mapping[str, str], docs: Sequence[str]) -> dict[str, frozenset[str]]:
    members: dict[str, set[str]] = {}
    for d in docs:
        members.setdefault(labels[d], set()).add(d)
    return {d: frozenset(members[labels[d]]) for d in docs}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = load_settings(hermetic=True)
    features = read_features(args.db)
    first = read_features(args.first) if args.first else []
    orders = {"file": features}
    for seed in range(1, args.orders + 1):
        shuffled = list(features)
        random.Random(seed).shuffle(shuffled)
        orders[f"random {seed}"] = shuffled
    runs = {name: place(order, settings, first, args.batch) for name, order in orders.items()}
    gold: dict[str, str] = {}
    if args.gold:
        with args.gold.open(encoding="utf-8") as lines:
            gold = {r["doc"]: r[args.level] for r in map(json.loads, lines) if r}
    for name, run in runs.items():
        line = f"{name:>9}: {len(set(run.values()))} stories"
        if gold:
            p, r, f1 = bcubed(gold, run)
            line += f", BCubed P {p:.3f} R {r:.3f} F1 {f1:.3f}"
        print(line)
    agreement = [bcubed(runs[a], runs[b])[2] for a, b in itertools.combinations(runs, 2)]
    if agreement:
        print(f"agreement (BCubed F1 of one order against another): min {min(agreement):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
