"""accord's number detection against quantulum3 on the seeds: detection F1 (score.py's
`detect_f1`: the value alone, per report) and articles per second, in the same process.

    make setup-bench   # the benchmark-only packages, quantulum3 among them
    .venv/bin/python benchmarks/claims_vs_quantulum.py

accord's time includes the spaCy parse (the pipeline parses once for every analysis); quantulum3
reads raw text. Both get the seeds with the same publication dates and titles as eval_claims.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from eval_claims import SHARED, read_seeds

from accord.analyze.claims import find_claims
from accord.analyze.nlp import load_nlp

Row = dict[str, object]


def accord_rows(article: dict[str, str | None]) -> list[Row]:
    doc = load_nlp()(article["text"] or "")
    claims = find_claims(doc, str(article["id"]), [], article["published"], article["title"])
    return [{"doc": c.doc, "value": c.value, "qualifier": c.qualifier, "measure": c.measure}
            for c in claims]  # fmt: skip


def quantulum_rows(article: dict[str, str | None]) -> list[Row]:
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False  # its bundled classifier crashes beside scikit-learn >= 1.x
    found = parser.parse(article["text"] or "")
    # quantulum3 has no measures; "other" lets score.py's detection count the value alone.
    return [{"doc": article["id"], "value": q.value, "qualifier": "exact", "measure": "other"}
            for q in found]  # fmt: skip


def run(
    extract: Callable[[dict[str, str | None]], list[Row]], articles: list, rounds: int
) -> tuple[list[Row], float]:
    """Rows of one pass, and articles per second over `rounds` passes (after a warm-up)."""
    rows = [r for a in articles for r in extract(a)]
    started = time.perf_counter()
    for _ in range(rounds):
        for a in articles:
            extract(a)
    return rows, rounds * len(articles) / (time.perf_counter() - started)


def detect_scores(rows: list[Row]) -> dict[str, float]:
    """score.py's figures for these rows (its last output line)."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    out = subprocess.run(
        [sys.executable, str(SHARED / "eval/score.py"), "claims",
         "--gold", str(SHARED / "gold/seeds.claims.jsonl"), "--pred", f.name],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    Path(f.name).unlink()
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the seeds")
    args = parser.parse_args(argv)
    articles = read_seeds()
    for name, extract in (("accord", accord_rows), ("quantulum3", quantulum_rows)):
        rows, speed = run(extract, articles, args.rounds)
        s = detect_scores(rows)
        print(json.dumps({"tool": name, "detect_p": round(s["detect_p"], 3),
                          "detect_r": round(s["detect_r"], 3), "detect_f1": round(s["detect_f1"], 3),
                          "pred": s["pred"], "articles_per_s": round(speed, 1)}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
