"""Extract numeric claims from the seeds (and optionally ECB+ and PolNeAR) and write claims JSONL
in the export format that score.py reads.

    .venv/bin/python benchmarks/eval_claims.py --out claims.jsonl
    python3 ../shared/eval/score.py claims --gold ../shared/gold/seeds.claims.jsonl \
        --pred claims.jsonl -v

Until the ingest stage stores publication dates, the seeds' dates come from the gold file
seeds.published.jsonl; a seed's title is its first headline line (found by `headline` below).
`--corpora` adds ECB+ and PolNeAR (written to separate files beside --out) for reading by hand;
`--sample N` prints N random claims of those corpora for that reading.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from accord.analyze.claims import find_claims
from accord.analyze.nlp import parse_many
from accord.analyze.timex import scan
from accord.model import Claim, Statement

try:
    from accord.analyze.attribution import find_statements
    from accord.analyze.canonical import resolve_entities
except ImportError:  # the statements stage may not exist yet in a checkout
    find_statements = None  # type: ignore[assignment]

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = {
    "ecbplus": SHARED / "corpora/ecbplus/articles.jsonl",
    "polnear": SHARED / "corpora/polnear-dev/articles.jsonl",
}
EXPORT_KEYS = ("doc", "value", "value_low", "value_high", "qualifier", "measure", "unit", "what",
               "source", "source_span", "when", "where", "sentence", "in_title")  # fmt: skip


def headline(text: str) -> str | None:
    """The first line that reads as a headline: several words, no date, no final full stop, and
    before the first paragraph (a line ending in a full stop)."""
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        if line.endswith((".", '"', "”")):
            return None
        if len(line.split()) >= 5 and not scan(line) and not line.isupper():
            return line
    return None


def read_seeds() -> list[dict[str, str | None]]:
    dates = {}
    for line in (SHARED / "gold/seeds.published.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        dates[row["doc"]] = row["published"]
    return [
        {"id": p.stem, "text": p.read_text("utf-8"), "published": dates.get(p.stem),
         "title": headline(p.read_text("utf-8"))}
        for p in sorted((SHARED / "corpora/seeds").glob("*.txt"))
    ]  # fmt: skip


def read_corpus(path: Path, limit: int | None) -> list[dict[str, str | None]]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return rows[:limit]


def statements_of(docs: list, keys: list[str], across: bool) -> dict[str, list[Statement]]:
    """Statements per report (when that stage exists), sources resolved across the reports when
    `across` (one story, as the seeds), else within each report (a corpus of many stories, where
    resolving across all of them is slow and pointless)."""
    if find_statements is None:
        return {k: [] for k in keys}
    found = [find_statements(doc, key) for doc, key in zip(docs, keys, strict=True)]
    batches = [found] if across else [[f] for f in found]
    by_doc: dict[str, list[Statement]] = {k: [] for k in keys}
    for batch in batches:
        mentions = [m for _, seen in batch for m in seen]
        _, _, statements = resolve_entities(mentions, [s for stated, _ in batch for s in stated])
        for s in statements:
            by_doc[s.doc].append(s)
    return by_doc


def extract(
    articles: list[dict[str, str | None]], across: bool = True
) -> tuple[list[Claim], float]:
    """Claims of every article, and the seconds spent."""
    started = time.perf_counter()
    docs = parse_many([a["text"] or "" for a in articles])
    keys = [str(a["id"]) for a in articles]
    statements = statements_of(docs, keys, across)
    claims = []
    for article, doc, key in zip(articles, docs, keys, strict=True):
        title = article.get("title")
        claims += find_claims(doc, key, statements[key], article.get("published"), title)
    return claims, time.perf_counter() - started


def write(claims: list[Claim], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for c in claims:
            row = c.to_dict()
            f.write(json.dumps({k: row[k] for k in EXPORT_KEYS}, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("claims.jsonl"), help="seeds claims JSONL")
    parser.add_argument("--corpora", action="store_true", help="also run over ECB+ and PolNeAR")
    parser.add_argument("--limit", type=int, help="at most N articles per corpus")
    parser.add_argument("--sample", type=int, default=0, help="print N random corpus claims")
    parser.add_argument("--seed", type=int, default=7, help="random seed for --sample")
    args = parser.parse_args(argv)
    claims, seconds = extract(read_seeds())
    write(claims, args.out)
    print(f"seeds: {len(claims)} claims in {seconds:.1f}s -> {args.out}", file=sys.stderr)
    if not args.corpora:
        return 0
    pool: list[Claim] = []
    for name, path in CORPORA.items():
        found, seconds = extract(read_corpus(path, args.limit), across=False)
        out = args.out.with_name(f"{args.out.stem}.{name}.jsonl")
        write(found, out)
        print(f"{name}: {len(found)} claims in {seconds:.1f}s -> {out}", file=sys.stderr)
        pool += found
    for c in random.Random(args.seed).sample(pool, min(args.sample, len(pool))):
        print(json.dumps({k: c.to_dict()[k] for k in ("doc", "value", "qualifier", "measure",
                          "unit", "source", "when", "sentence")}, ensure_ascii=False))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
