"""accord's number detection against quantulum3, in the same process: detection F1 (score.py's
`detect_f1`: the value alone, per report), units (of the gold figures that carry a unit, a money
currency, a percent, a time, a length, a weight or a magnitude, the share found with a unit of
that family) and articles per second.

    make setup-bench   # the benchmark-only packages, quantulum3 among them
    .venv/bin/python benchmarks/claims_vs_quantulum.py                  # the seeds
    .venv/bin/python benchmarks/claims_vs_quantulum.py --set ecbplus-sample

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


# Unit words of either tool and of the gold files, by family; other units (people, cases) count.
UNIT_FAMILIES = {
    "percent": "percent", "percentage": "percent", "magnitude": "magnitude",
    **dict.fromkeys(["second", "minute", "hour", "day", "week", "month", "year", "decade"], "time"),
    **dict.fromkeys(["mile", "inch", "foot", "metre", "kilometre", "centimetre", "nautical mile",
                     "meter", "kilometer", "centimeter", "yard"], "length"),
    **dict.fromkeys(["pound", "pound-mass", "kilogram", "ton", "tonne", "gram"], "weight"),
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP",
}  # fmt: skip
CURRENCIES = {"USD", "EUR", "GBP", "JPY", "INR", "CNY"}


def unit_family(unit: str | None) -> str | None:
    """ "years" and "year" -> time, "USD" and "dollar" -> USD; None for a count."""
    if not unit:
        return None
    if unit in CURRENCIES:
        return unit
    word = unit.lower()
    return UNIT_FAMILIES.get(word) or UNIT_FAMILIES.get(word.removesuffix("s"))


def accord_rows(article: dict[str, str | None]) -> list[Row]:
    doc = load_nlp()(article["text"] or "")
    claims = find_claims(doc, str(article["id"]), [], article["published"], article["title"])
    return [{"doc": c.doc, "value": c.value, "qualifier": c.qualifier, "measure": c.measure,
             "family": unit_family(c.unit)} for c in claims]  # fmt: skip


def quantulum_rows(article: dict[str, str | None]) -> list[Row]:
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False  # its bundled classifier crashes beside scikit-learn >= 1.x
    found = parser.parse(article["text"] or "")
    # quantulum3 has no measures; "other" lets score.py's detection count the value alone.
    return [{"doc": article["id"], "value": q.value, "qualifier": "exact", "measure": "other",
             "family": unit_family(q.unit.name)} for q in found]  # fmt: skip


def units_found(rows: list[Row], gold: Path) -> tuple[int, int]:
    """(gold figures with a unit family found with that family and value, gold figures with a
    unit family), over the figures a reader may not skip."""
    have = {(r["doc"], round(float(str(r["value"])), 6), r["family"]) for r in rows}
    wanted = found = 0
    for line in gold.read_text("utf-8").splitlines():
        g = json.loads(line)
        family = unit_family(g.get("unit"))
        if g.get("optional") or family is None or g.get("value") is None:
            continue
        wanted += 1
        found += (g["doc"], round(float(g["value"]), 6), family) in have
    return found, wanted


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


def read_sample() -> list[dict[str, str | None]]:
    """The ECB+ reports of the sample's gold file (no dates or titles: the corpus has none)."""
    gold = (SHARED / "gold/ecbplus-sample.claims.jsonl").read_text("utf-8").splitlines()
    docs = {json.loads(line)["doc"] for line in gold}
    corpus = (SHARED / "corpora/ecbplus/articles.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in corpus]
    return [{"id": r["id"], "text": r["text"], "published": None, "title": None}
            for r in rows if r["id"] in docs]  # fmt: skip


SETS = {
    "seeds": (read_seeds, "gold/seeds.claims.jsonl"),
    "ecbplus-sample": (read_sample, "gold/ecbplus-sample.claims.jsonl"),
}


def detect_scores(rows: list[Row], gold: Path) -> dict[str, float]:
    """score.py's figures for these rows (its last output line)."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    out = subprocess.run(
        [sys.executable, str(SHARED / "eval/score.py"), "claims",
         "--gold", str(gold), "--pred", f.name],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    Path(f.name).unlink()
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the reports")
    parser.add_argument("--set", choices=sorted(SETS), default="seeds", help="the reports and gold")
    args = parser.parse_args(argv)
    read, gold_name = SETS[args.set]
    articles, gold = read(), SHARED / gold_name
    for name, extract in (("accord", accord_rows), ("quantulum3", quantulum_rows)):
        rows, speed = run(extract, articles, args.rounds)
        s = detect_scores(rows, gold)
        found, wanted = units_found(rows, gold)
        print(json.dumps({"tool": name, "set": args.set, "detect_p": round(s["detect_p"], 3),
                          "detect_r": round(s["detect_r"], 3), "detect_f1": round(s["detect_f1"], 3),
                          "pred": s["pred"], "units": f"{found}/{wanted}",
                          "articles_per_s": round(speed, 1)}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
