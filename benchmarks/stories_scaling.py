"""Time to add one report to stores of growing size (accord.stories.assign).

    python benchmarks/stories_scaling.py --sizes 1000 10000 --adds 15

Stores are built from the real corpora (ECB+ and PolNeAR dev). Plain copies would be linked to their
originals as one story, so each copy is made a distinct story: its capitalised names are swapped for
others drawn from the corpus and its numbers are shifted. The timed reports are fresh variants too.
Prints one line per size and a final JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from accord.model import Article
from accord.settings import DEFAULTS
from accord.store import Store
from accord.stories import assign, report_features

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = ("ecbplus/articles.jsonl", "polnear-dev/articles.jsonl")
_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_NUMBER = re.compile(r"\b\d+\b")
BATCH = 500  # reports per transaction while building


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="store sizes")
    parser.add_argument("--adds", type=int, default=15, help="timed single-report adds per size")
    parser.add_argument("--db", default=":memory:", help="store path (default: in memory)")
    parser.add_argument("--seed", type=int, default=7, help="seed for the variants")
    return parser.parse_args(argv)


def load_texts() -> list[str]:
    texts = []
    for name in CORPORA:
        path = SHARED / "corpora" / name
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                texts += [json.loads(line)["text"] for line in lines if line.strip()]
    if not texts:
        sys.exit(f"no corpora under {SHARED / 'corpora'}")
    return texts


def variants(texts: list[str], rng: random.Random) -> Iterator[str]:
    """Originals first, then copies with other names and numbers, round after round."""
    pool = sorted({m.group() for t in texts for m in _NAME.finditer(t)})
    yield from texts
    while True:
        yield from (_variant(text, pool, rng) for text in texts)


def _variant(text: str, pool: list[str], rng: random.Random) -> str:
    names = {n: rng.choice(pool) for n in set(_NAME.findall(text))}
    shift = rng.randint(1, 97)
    text = _NAME.sub(lambda m: names[m.group()], text)
    return _NUMBER.sub(lambda m: str(int(m.group()) + shift), text)


def add(store: Store, texts: Iterator[str], count: int, start: int) -> None:
    for first in range(start, start + count, BATCH):
        n = min(BATCH, start + count - first)
        batch = [Article(key=f"r{first + i}", text=next(texts)) for i in range(n)]
        with store.transaction() as conn:
            assign(store, conn, [report_features(a) for a in batch], DEFAULTS)


def time_adds(store: Store, texts: Iterator[str], adds: int, start: int) -> list[float]:
    took = []
    for i in range(adds):
        article = Article(key=f"t{start + i}", text=next(texts))
        began = time.perf_counter()
        with store.transaction() as conn:
            assign(store, conn, [report_features(article)], DEFAULTS)
        took.append((time.perf_counter() - began) * 1000)
    return took


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    texts = variants(load_texts(), random.Random(args.seed))
    store, size, results = Store(args.db), 0, []
    for target in sorted(args.sizes):
        began = time.perf_counter()
        add(store, texts, target - size, size)
        built = time.perf_counter() - began
        took = time_adds(store, texts, args.adds, target)
        size = target + args.adds  # the timed reports stay in the store
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        row = {
            "size": target,
            "median_ms": round(statistics.median(took), 1),
            "max_ms": round(max(took), 1),
            "build_s": round(built, 1),
            "peak_rss_mb": round(rss),
        }
        print(
            f"{target:>7} reports: add one in {row['median_ms']} ms (median of {args.adds}, "
            f"max {row['max_ms']} ms); built in {row['build_s']} s; peak RSS {row['peak_rss_mb']} MB",
            flush=True,
        )
        results.append(row)
    print(json.dumps({"benchmark": "stories_scaling", "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
