"""DEV: build the ledger of the seed story and write the exports the scorer reads.

Input claims are the gold claims of the seeds (placed in the cleaned texts) or, with --claims, a
claims.jsonl written by the claim extractor. Reports are cleaned with accord's cleaner; the time
expressions come from accord.analyze.timex. Publication dates, the rewrite link and the story
membership come from the gold files, as the store would hold them after ingest and clustering.

    .venv/bin/python benchmarks/eval_ledger.py --out /tmp/ledger
    python3 ../shared/eval/score.py claims --gold ../shared/gold/seeds.claims.jsonl \\
        --pred /tmp/ledger/claims.jsonl --groups /tmp/ledger/groups.jsonl \\
        --gold-groups ../shared/gold/seeds.groups.jsonl
    python3 ../shared/eval/score.py timeline --gold ../shared/gold/seeds.timeline.jsonl \\
        --pred /tmp/ledger/timeline.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from accord.analyze.nlp import parse_many
from accord.analyze.numbers import find_quantities
from accord.analyze.timex import find_times
from accord.ingest.clean import clean_text
from accord.model import Article, Claim, Membership, Story, TimeMention
from accord.reconcile import Ledger, build_ledger
from accord.report import render_html, render_json, render_markdown
from accord.settings import load_settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
STORY = "seeds"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )


def load_articles(shared: Path) -> list[Article]:
    published = {
        r["doc"]: r["published"] for r in read_jsonl(shared / "gold/seeds.published.jsonl")
    }
    articles = []
    for path in sorted((shared / "corpora/seeds").glob("*.txt")):
        cleaned = clean_text(path.read_text(encoding="utf-8"))
        articles.append(
            Article(
                key=path.stem,
                text=cleaned.text,
                title=cleaned.title,
                origin=str(path),
                published=published.get(path.stem),
                outlet=None,
            )
        )
    for link in read_jsonl(shared / "gold/seeds.duplicates.jsonl"):
        first, second = link["docs"]
        for a in articles:
            if a.key == second:
                a.duplicate_of, a.relation = first, link["relation"]
    return articles


def memberships(shared: Path) -> list[Membership]:
    rows = read_jsonl(shared / "gold/seeds.clusters.jsonl")
    return [Membership(r["doc"], STORY, r["event"]) for r in rows]


def gold_claims(shared: Path, articles: list[Article], docs: dict[str, Any]) -> list[Claim]:
    """The gold claims placed on the sentence of the cleaned text that carries their number."""
    claims = []
    for row in read_jsonl(shared / "gold/seeds.claims.jsonl"):
        doc = docs[row["doc"]]
        spots = [q for q in find_quantities(doc) if abs(q.value - row["value"]) < 1e-6]
        if not spots:
            print(f"note: {row['doc']} {row['value']} not found in the cleaned text")
            continue
        best = max(spots, key=lambda q: _fit(doc[q.start : q.end].sent.text, row, q.start))
        span, sent = doc[best.start : best.end], doc[best.start : best.end].sent
        claims.append(
            Claim(
                doc=row["doc"],
                value=row["value"],
                start=span.start_char,
                end=span.end_char,
                sentence=sent.text,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
                qualifier=row["qualifier"],
                measure=row["measure"],
                unit=row["unit"],
                what=row["what"],
                source=row["source"],
                when=row["when"],
                where=row["where"],
                in_title=row["in_title"],
                id=row["id"],
            )
        )
    return claims


def _fit(sentence: str, row: dict[str, Any], start: int) -> float:
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    hint = set(re.findall(r"[a-z]+", f"{row['what']} {row['source'] or ''}".lower()))
    return len(words & hint) + (5 if row["in_title"] == (start < 25) else 0)


def extracted_claims(path: Path) -> list[Claim]:
    claims = [Claim.from_dict(r) for r in read_jsonl(path)]
    for i, c in enumerate(claims):
        c.id = c.id or f"{c.doc}#{i}"
    return claims


def build(args: argparse.Namespace) -> Ledger:
    articles = load_articles(args.shared)
    members = memberships(args.shared)
    docs = dict(zip([a.key for a in articles], parse_many([a.text for a in articles]), strict=True))
    claims = (
        extracted_claims(args.claims) if args.claims else gold_claims(args.shared, articles, docs)
    )
    times: list[TimeMention] = [
        t for a in articles for t in find_times(docs[a.key], a.key, a.published)
    ]
    story = Story(id=STORY, title=args.title)
    return build_ledger(story, articles, claims, times, members, load_settings())


def export(ledger: Ledger, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "claims.jsonl", [c.to_dict() for c in ledger.claims])
    write_jsonl(
        out / "groups.jsonl",
        [
            {
                "group": g.id,
                "story": g.story,
                "measure": g.measure,
                "verdict": g.verdict,
                "value": g.value,
                "values": list(g.values),
                "docs": list(g.docs),
                "explanation": g.explanation,
            }
            for g in ledger.groups
        ],
    )
    write_jsonl(
        out / "timeline.jsonl",
        [{"date": e.date, "text": e.text, "docs": list(e.docs)} for e in ledger.timeline],
    )
    (out / "report.html").write_text(render_html(ledger), encoding="utf-8")
    (out / "report.md").write_text(render_markdown(ledger), encoding="utf-8")
    (out / "report.json").write_text(render_json(ledger), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--out", type=Path, default=Path("/tmp/ledger"), help="folder for the exports"
    )
    parser.add_argument(
        "--claims", type=Path, help="claims.jsonl of the extractor (default: gold claims)"
    )
    parser.add_argument(
        "--shared", type=Path, default=SHARED, help="the shared folder (corpora, gold)"
    )
    parser.add_argument("--title", default="Venezuela releases people detained after the election")
    args = parser.parse_args()
    ledger = build(args)
    export(ledger, args.out)
    print("inferred dates:", {a.key: a.published for a in ledger.articles if a.published_inferred})
    for g in ledger.groups:
        print(f"{g.verdict:8} {g.measure:10} {g.value!s:>8}  {g.explanation}")
    print(f"wrote {args.out}/claims.jsonl, groups.jsonl, timeline.jsonl, report.html|md|json")


if __name__ == "__main__":
    main()
