"""Time to build and render the report of the largest story, and to serve its web page.

    .venv/bin/python benchmarks/report_render.py --db ecb.db
    .venv/bin/python benchmarks/report_render.py            # ingests ECB+ into a temporary store

Times, each the median of --runs: the story's ledger from the store (`workflow.story_ledger`), its
Markdown, HTML and JSON renderings, and GET /stories/<id>, /api/stories/<id> and /stories/<id>/why
through the web app in process. Prints one line per measurement and a final JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from accord.collector import tune_collector
from accord.report import render_html, render_json, render_markdown
from accord.settings import load_settings
from accord.store import Store
from accord.workflow import ingest, story_ledger

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ECB = SHARED / "corpora/ecbplus/articles.jsonl"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an accord store (default: ingest ECB+ anew)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement")
    return parser.parse_args(argv)


def median_ms(runs: int, work: Callable[[], object]) -> float:
    took = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        took.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(took), 1)


def largest_story(store: Store) -> tuple[str, int]:
    sizes = Counter(m.story for m in store.stories.memberships())
    if not sizes:
        sys.exit(f"{store.url}: no stories; ingest reports first")
    return sizes.most_common(1)[0]


def measure(store: Store, runs: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from accord.web.app import create_app

    settings = load_settings({"db": store.url})
    story, size = largest_story(store)
    ledger = story_ledger(store, story, settings)
    client = TestClient(create_app(store, None, settings))
    timings = {
        "ledger_ms": median_ms(runs, lambda: story_ledger(store, story, settings)),
        "markdown_ms": median_ms(runs, lambda: render_markdown(ledger)),
        "html_ms": median_ms(runs, lambda: render_html(ledger)),
        "json_ms": median_ms(runs, lambda: render_json(ledger)),
        "page_ms": median_ms(runs, lambda: client.get(f"/stories/{story}").raise_for_status()),
        "api_ms": median_ms(runs, lambda: client.get(f"/api/stories/{story}").raise_for_status()),
        "why_ms": median_ms(runs, lambda: client.get(f"/stories/{story}/why").raise_for_status()),
    }
    return {"story": story, "reports": size, "claims": len(ledger.claims), **timings}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tune_collector()  # as accord's CLI runs, the web server and `accord watch` too
    with tempfile.TemporaryDirectory(prefix="accord-render-") as tmp:
        db = args.db or Path(tmp) / "ecb.db"
        if args.db is None:
            with Store(db) as store:
                ingest(store, [str(ECB)], load_settings({"db": str(db)}))
        with Store(db) as store:
            row = measure(store, args.runs)
    print(
        f"largest story {row['story']} ({row['reports']} reports, {row['claims']} claims), "
        f"median of {args.runs}: ledger {row['ledger_ms']} ms, Markdown {row['markdown_ms']} ms, "
        f"HTML {row['html_ms']} ms, JSON {row['json_ms']} ms; story page {row['page_ms']} ms, "
        f"API {row['api_ms']} ms, why page {row['why_ms']} ms"
    )
    print(json.dumps({"benchmark": "report_render", **row}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
