"""Cluster ECB+ online through accord.stories.assign and write the clusters export for the scorer.

    python benchmarks/eval_clusters.py --out clusters.jsonl [--order SEED]
    python3 ../shared/eval/score.py clusters --gold ../shared/gold/ecbplus.clusters.jsonl \
        --pred clusters.jsonl --level event --pred-level story

ECB+ articles arrive one at a time into an in-memory store, in file order or shuffled with --order.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from accord.model import Article
from accord.settings import Settings, load_settings
from accord.store import Store
from accord.stories import assign, report_features

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles",
        type=Path,
        default=SHARED / "corpora/ecbplus/articles.jsonl",
        help="ECB+ articles (JSONL with id and text)",
    )
    parser.add_argument(
        "--gold",
        type=Path,
        default=SHARED / "gold/ecbplus.clusters.jsonl",
        help="gold clusters; scored with ../shared/eval/score.py when it exists",
    )
    parser.add_argument("--out", type=Path, default=Path("clusters.jsonl"), help="clusters export")
    parser.add_argument(
        "--order", type=int, default=None, help="shuffle with this seed (default: file order)"
    )
    parser.add_argument("--story-threshold", type=float, default=None)
    parser.add_argument("--event-threshold", type=float, default=None)
    return parser.parse_args(argv)


def read_articles(path: Path, seed: int | None) -> list[Article]:
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    articles = [
        Article(
            key=r["id"],
            text=r["text"],
            title=r.get("title"),
            outlet=r.get("outlet"),
            published=r.get("published"),
        )
        for r in rows
    ]
    if seed is not None:
        random.Random(seed).shuffle(articles)
    return articles


def cluster(articles: list[Article], settings: Settings) -> list[dict[str, str]]:
    store = Store.memory()
    out = []
    for article in articles:
        with store.transaction() as conn:
            for m in assign(store, conn, [report_features(article)], settings):
                out.append({"doc": m.doc, "story": m.story, "event": m.event})
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = load_settings(
        {
            "story_threshold": args.story_threshold,
            "event_threshold": args.event_threshold,
        }
    )
    articles = read_articles(args.articles, args.order)
    start = time.perf_counter()
    rows = cluster(articles, settings)
    took = time.perf_counter() - start
    args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} reports in {len({r['story'] for r in rows})} stories, {took:.1f} s")
    scorer = SHARED / "eval/score.py"
    if scorer.exists() and args.gold.exists():
        command = [
            sys.executable,
            str(scorer),
            "clusters",
            "--gold",
            str(args.gold),
            "--pred",
            str(args.out),
            "--level",
            "event",
            "--pred-level",
            "story",
        ]
        print(subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
