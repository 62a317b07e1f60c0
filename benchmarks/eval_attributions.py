"""Run accord's attribution analysis over a JSONL corpus and write statements JSONL for score.py.

    .venv/bin/python benchmarks/eval_attributions.py --out statements.jsonl
    python3 ../shared/eval/score.py attributions \
        --gold ../shared/gold/polnear-dev.attributions.jsonl --pred statements.jsonl

`--baseline` writes the sentence-per-statement baseline instead: every sentence holding a cue verb
is a statement whose content is the whole sentence and whose source is the cue's subject.
`--seeds DIR` analyses plain-text reports (one per file) and resolves entities across them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from accord.analyze._attribution_cues import lexicon
from accord.analyze.attribution import find_statements
from accord.analyze.canonical import resolve_entities
from accord.analyze.nlp import parse_many
from accord.model import Mention, Statement

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def read_corpus(path: Path, limit: int | None) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [(r["id"], r["text"]) for r in rows][:limit]


def read_seeds(folder: Path) -> list[tuple[str, str]]:
    return [(p.stem, p.read_text("utf-8")) for p in sorted(folder.glob("*.txt"))]


def analyse(texts: list[tuple[str, str]]) -> tuple[list[Statement], list[Mention]]:
    statements: list[Statement] = []
    mentions: list[Mention] = []
    for (key, _), doc in zip(texts, parse_many([t for _, t in texts]), strict=True):
        found, seen = find_statements(doc, key)
        statements += found
        mentions += seen
    _, mentions, statements = resolve_entities(mentions, statements)
    return statements, mentions


def baseline(texts: list[tuple[str, str]]) -> Iterator[dict[str, object]]:
    cues = lexicon().speech_verbs
    for (key, _), doc in zip(texts, parse_many([t for _, t in texts]), strict=True):
        for sent in doc.sents:
            cue = next((t for t in sent if t.pos_ == "VERB" and t.lemma_ in cues), None)
            if cue is None:
                continue
            subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
            words = doc[subject.left_edge.i : subject.right_edge.i + 1].text if subject else None
            yield {"doc": key, "source": words, "source_span": words, "cue": cue.text,
                   "content": sent.text.strip()}  # fmt: skip


def export(statement: Statement) -> dict[str, object]:
    """A statements-export row: the record's fields (doc, source, source_span, cue, content and
    their offsets)."""
    return statement.to_dict()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--corpus", type=Path, default=SHARED / "corpora/polnear-dev/articles.jsonl"
    )
    parser.add_argument("--seeds", type=Path, help="a folder of .txt reports instead of --corpus")
    parser.add_argument("--out", type=Path, default=Path("statements.jsonl"))
    parser.add_argument("--limit", type=int, help="analyse only the first N articles")
    parser.add_argument("--baseline", action="store_true", help="write the sentence baseline")
    args = parser.parse_args(argv)
    texts = read_seeds(args.seeds) if args.seeds else read_corpus(args.corpus, args.limit)
    rows = list(baseline(texts)) if args.baseline else [export(s) for s in analyse(texts)[0]]
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(texts)} articles, {len(rows)} statements -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
