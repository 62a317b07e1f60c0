"""CPU of accord's rules (statements, time words, figures) on parsed ECB+ reports, as the analysis
workers run them after the model's call, with an MD5 of every analysis so that two trees' runs can
be told to read the same.

    .venv/bin/python benchmarks/rules_cpu.py --limit 300 --runs 3
    PYTHONPATH=<tree>/src .venv/bin/python benchmarks/rules_cpu.py     # another tree's rules

The reports are parsed once; each run reads fresh copies of their Docs (the rules keep what they
compute on a Doc), so every run costs what a worker's first reading does. The last line printed
is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from accord.analyze.docs import text_of
from accord.analyze.nlp import load_nlp, parse_many
from accord.analyze.reading import _read_english  # what a worker runs on each parsed report
from accord.model import Article

ECB = Path(__file__).resolve().parents[1].parent / "shared" / "corpora/ecbplus/articles.jsonl"


def read_articles(limit: int | None) -> list[Article]:
    if not ECB.exists():
        sys.exit(f"rules_cpu.py: {ECB} is missing; it comes with the shared corpora")
    rows = [json.loads(line) for line in ECB.open(encoding="utf-8") if line.strip()][:limit]
    return [
        Article(key=r["id"], text=r["text"], title=r.get("title"), published=r.get("published"))
        for r in rows
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N reports")
    parser.add_argument("--runs", type=int, default=3, help="timed readings of every report")
    args = parser.parse_args(argv)
    nlp = load_nlp()
    articles = read_articles(args.limit)
    parsed = [doc.to_bytes() for doc in parse_many([a.text for a in articles], nlp)]
    seconds = []
    for _ in range(args.runs):
        docs = [Doc(nlp.vocab).from_bytes(b) for b in parsed]
        for doc in docs:
            text_of(doc)  # as the workers' parse leaves it (`nlp.parse` keeps the text)
        began = time.process_time()
        analyses = [_read_english(a, d) for a, d in zip(articles, docs, strict=True)]
        seconds.append(time.process_time() - began)
    figures = cpu_figures("rules_cpu", len(articles), seconds)
    figures["analyses_md5"] = hashlib.md5(repr(analyses).encode()).hexdigest()
    print(json.dumps(figures))
    return 0


def cpu_figures(benchmark: str, reports: int, seconds: list[float]) -> dict[str, Any]:
    """What a CPU benchmark of the reports prints: each run's CPU seconds, their median, the
    median per report and the machine's load."""
    median = statistics.median(seconds)
    return {
        "benchmark": benchmark,
        "reports": reports,
        "runs_cpu_s": [round(s, 3) for s in seconds],
        "median_cpu_s": round(median, 3),
        "ms_per_report": round(median / reports * 1000, 2),
        "load": os.getloadavg()[0],
    }


if __name__ == "__main__":
    raise SystemExit(main())
