"""Time every list page and API list of the web app over a store, in process.

    .venv/bin/python benchmarks/list_pages.py --db big.db
    PYTHONPATH=../other/src .venv/bin/python benchmarks/list_pages.py --db big.db   # another tree

Each URL is requested --runs times after one untimed request (the median is printed), and so is
the page after its first: the `next` cursor of an API list where the code gives one, else
offset=LIMIT (so that older code, which pages by offset, is timed on the same pages). The claims
are also listed for the largest story and since the first dated report's day, found untimed.
Prints one line per URL and a final JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from accord.collector import tune_collector
from accord.store import Store, schema
from accord.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

LIMIT = 50
PAGES = [
    "/",
    "/?sort=reports",
    "/?sort=title",
    "/?q=zqxjv",  # a word no story has: the filter reads every row
    "/entities",
    "/entities?q=zqxjv",
    "/rejects",
    "/search?q={word}",
]
APIS = [
    "/api/stories",
    "/api/stories?sort=reports",
    "/api/stories?sort=title",
    "/api/stories?q=zqxjv",
    "/api/entities",
    "/api/entities?type=person",
    "/api/entities?q=zqxjv",
    "/api/reports",
    "/api/claims",
    "/api/claims?story={story}",
    "/api/claims?since={day}",
    "/api/claims?source=zqxjv",  # a source no claim names: the filter reads every row
    "/api/statements",
    "/api/statements?source=zqxjv",
    "/api/search?q={word}",
    "/api/rejects",
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="an accord store")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--word", default="said", help="the word searched for")
    return parser.parse_args(argv)


def timed(client: TestClient, url: str, runs: int) -> tuple[float, Any]:
    """Median milliseconds of `runs` requests of `url`, and the last answer."""
    answer = client.get(url)
    took = []
    for _ in range(runs):
        began = time.perf_counter()
        answer = client.get(url)
        took.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(took), 1), answer


def second_page(url: str, answer: Any) -> str | None:
    """The URL of the page after the first, as the code serving it pages."""
    if answer.status_code != 200 or not url.startswith("/api/"):
        return None
    body = answer.json()
    joiner = "&" if "?" in url else "?"
    if "next" in body:
        return f"{url}{joiner}cursor={body['next']}" if body["next"] else None
    return f"{url}{joiner}offset={LIMIT}" if body.get("total", 0) > LIMIT else None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tune_collector()  # as accord's CLI runs, the web server and `accord watch` too
    results: dict[str, float] = {}
    with Store(args.db) as store:
        m, a = schema.memberships, schema.articles
        with store.read() as conn:  # untimed: the largest story, a day in the middle
            story = conn.scalar(
                select(m.c.story).group_by(m.c.story).order_by(func.count().desc()).limit(1)
            )
            day = conn.scalar(
                select(a.c.published).where(a.c.published.is_not(None)).order_by(a.c.seq).limit(1)
            )
        fill = {"word": args.word, "story": story or "", "day": (day or "2000-01-01")[:10]}
        client = TestClient(create_app(store, None))
        for url in [u.format(**fill) for u in PAGES + APIS]:
            ms, answer = timed(client, url, args.runs)
            results[url] = ms
            print(f"{ms:>9.1f} ms  {answer.status_code}  {url}", flush=True)
            after = second_page(url, answer)
            if after is not None:
                ms, answer = timed(client, after, args.runs)
                results[f"{url} (page 2)"] = ms
                print(f"{ms:>9.1f} ms  {answer.status_code}  {url} (page 2)", flush=True)
    print(json.dumps({"benchmark": "list_pages", "db": str(args.db), "median_ms": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
