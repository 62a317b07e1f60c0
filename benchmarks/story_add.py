"""Time adding one report to a large story of one event, with the real `accord ingest` job.

    .venv/bin/python benchmarks/story_add.py --size 500 --adds 7
    .venv/bin/python benchmarks/story_add.py --db story.db --adds 7   # a store this script built

The store holds ECB+ and SIZE reports written anew from the reports of one event of ECB+ (the
most reports of one story sent within DAYS of each other), each the lead of one of them and
paragraphs of two others, with every number below 1,000 raised by 1 to 5 (`variant`): new reports
of the same event whose figures move, as a developing story's do.
They are ingested in one run, and the stories they went to merged into one, as an analyst would
(`gather`). Then each of ADDS more such reports is ingested
alone (`workflow.ingest` of one file, as `accord ingest` or `accord watch` of a new report runs
it): the story it joined, its size, the add's wall time, its stages and its time in spaCy's own
calls ("model") and besides them are printed, then the medians of the adds after the first
(which loads the model). Last, the ledger of the largest story
alone (`workflow.reconcile_stale`: read, build, save), median of --runs. Prints one line per
measurement and a final JSON line.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from incremental_add import ModelClock

from accord.collector import tune_collector
from accord.model import Article
from accord.settings import Settings, load_settings
from accord.store import Store
from accord.stories import corrections
from accord.workflow import ingest, reconcile_stale

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ECB = SHARED / "corpora/ecbplus/articles.jsonl"
# Numbers of up to three digits: counts and ages, not years.
_SMALL_NUMBER = re.compile(r"\b\d{1,3}\b")
# Reports of one story sent within this many days of each other tell of one event.
DAYS = 3


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a store this script built (default: build one)")
    parser.add_argument("--size", type=int, default=500, help="reports written for the story")
    parser.add_argument("--adds", type=int, default=7, help="reports added one at a time")
    parser.add_argument("--runs", type=int, default=3, help="timed ledger builds")
    return parser.parse_args(argv)


def largest_story(store: Store) -> tuple[str, int]:
    sizes = Counter(m.story for m in store.stories.memberships())
    if not sizes:
        sys.exit(f"{store.url}: no stories")
    return sizes.most_common(1)[0]


def templates(store: Store) -> list[str]:
    """The texts of the most reports of one story sent within DAYS of each other, in arrival
    order: one event's coverage. A story may hold two events of a kind (ECB+'s two patch days of
    one browser, years apart), whose reports would part in two stories (`stories.separate`)."""
    best: list[Article] = []
    for story in {m.story for m in store.stories.memberships()}:
        docs = sorted(m.doc for m in store.stories.memberships(story))
        dated = sorted((a for a in store.articles.all(docs) if a.published), key=_sent)
        for first in dated:
            near = [a for a in dated if 0 <= (_sent(a) - _sent(first)).days <= DAYS]
            best = max(best, near, key=len)
    if not best:
        sys.exit(f"{store.url}: no dated reports")
    return [a.text for a in sorted(best, key=lambda a: a.seq)]


def _sent(article: Article) -> date:
    return date.fromisoformat((article.published or "")[:10])


def variant(texts: list[str], n: int) -> str:
    """The n-th report written from `texts`: the lead of one, then the paragraphs of two others
    taken in turn, with its numbers raised. Copies of a few reports would each name one cast
    of people, and the story would part along them (`accord.stories.separate`)."""
    k = len(texts)
    parts = [_paragraphs(texts[(n * step + n // k) % k]) for step in (1, 7, 13)]
    pairs = zip(parts[1][1:], parts[2][1:], strict=False)  # the longer one's last are left out
    paragraphs = parts[0][:1] + [p for pair in pairs for p in pair]
    raised = (n // k) % 5 + 1
    return _SMALL_NUMBER.sub(lambda m: str(int(m.group()) + raised), "\n\n".join(paragraphs))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.splitlines() if p.strip()]


def build(db: Path, size: int, folder: Path, settings: Settings) -> None:
    """ECB+ and `size` reports written from one of its events (`templates`) in a new store."""
    with Store(db) as store:
        ingest(store, [str(ECB)], settings)
        texts = templates(store)
        paths = []
        for n in range(size):
            path = folder / f"story-{n}.txt"
            path.write_text(variant(texts, n), encoding="utf-8")
            paths.append(str(path))
        began = time.perf_counter()
        ingest(store, paths, settings)
        gathered = gather(store, {Path(p).stem for p in paths}, settings)
        print(f"built: {size} reports in {time.perf_counter() - began:.0f} s, {gathered}")


def gather(store: Store, keys: set[str], settings: Settings) -> str:
    """Merge the stories the written reports went to into the largest, as an analyst would: the
    reports of a few, repeated in many, name the few's casts, and the story parted along them
    (`accord.stories.separate`), which never parts a story an analyst corrected."""
    sizes = Counter(m.story for m in store.stories.memberships() if m.doc in keys)
    (into, _), *rest = sizes.most_common()
    for story, _ in rest:
        corrections.merge(store, into, story, "story_add.py")
    reconcile_stale(store, settings)
    return f"{len(rest) + 1} stories merged into {into}"


def add_one(store: Store, path: Path, settings: Settings) -> dict[str, Any]:
    began = time.perf_counter()
    with ModelClock() as model:
        result = ingest(store, [str(path)], settings)
    took = (time.perf_counter() - began) * 1000
    placed = store.stories.memberships_of(result.analysed)
    story = placed[0].story if placed else None
    size = len(store.stories.memberships(story)) if story else 0
    stages = {k: round(v * 1000, 1) for k, v in result.seconds.items()}
    spacy_ms = model.seconds * 1000
    return {
        "ms": round(took, 1),
        "story": story,
        "reports": size,
        **stages,
        "model": round(spacy_ms, 1),
        "besides model": round(took - spacy_ms, 1),
    }


def time_ledger(store: Store, story: str, settings: Settings, runs: int) -> float:
    took = []
    for _ in range(runs):
        with store.transaction() as conn:
            store.stories.save(conn, replace(store.stories.get(story), reconciled=""))
        began = time.perf_counter()
        reconcile_stale(store, settings)
        took.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(took), 1)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tune_collector()  # as accord's CLI runs, the web server and `accord watch` too
    with tempfile.TemporaryDirectory(prefix="accord-story-add-") as tmp:
        folder = Path(tmp)
        db = args.db or folder / "story.db"
        settings = load_settings({"db": str(db)}, hermetic=True)
        if args.db is None or not args.db.exists():
            build(db, args.size, folder, settings)
        with Store(db) as store:
            texts = templates(store)
            adds = []
            for n in range(args.adds):
                path = folder / f"add-{time.time_ns()}.txt"
                path.write_text(variant(texts, args.size + 7 * n + 3), encoding="utf-8")
                adds.append(add_one(store, path, settings))
                print(f"add {n}: {json.dumps(adds[-1])}", flush=True)
            story, size = largest_story(store)
            ledger_ms = time_ledger(store, story, settings, args.runs)
    later = adds[1:] or adds
    summary = {
        "story": story,
        "reports": size,
        "add_median_ms": round(statistics.median(a["ms"] for a in later), 1),
        "ledger_stage_median_ms": round(statistics.median(a.get("ledger", 0.0) for a in later), 1),
        "besides_model_median_ms": round(statistics.median(a["besides model"] for a in later), 1),
        "ledger_ms": ledger_ms,
        "adds": adds,
    }
    print(f"largest story {story}: {size} reports; ledger alone {ledger_ms} ms")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
