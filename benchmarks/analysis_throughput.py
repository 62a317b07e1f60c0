"""Analysis throughput on ECB+: accord's parse + find_statements against plain spaCy.

    .venv/bin/python benchmarks/analysis_throughput.py --limit 200

The baseline is `spacy.load(model).pipe(texts)` on the same texts in the same process; the ratio
says what accord's sentence rules and attribution analysis cost on top of the model. The last
line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy

from accord.analyze.attribution import find_statements
from accord.analyze.nlp import MODEL_NAMES, load_nlp, parse_many

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def read_texts(path: Path, limit: int | None) -> list[str]:
    lines = [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [json.loads(line)["text"] for line in lines][:limit]


def time_baseline(texts: list[str], batch_size: int) -> float:
    nlp = _plain_model()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_accord(texts: list[str], batch_size: int) -> tuple[float, float, int]:
    """Seconds for parsing and for attribution, and the number of statements found."""
    nlp = load_nlp()
    start = time.perf_counter()
    docs = parse_many(texts, nlp, batch_size=batch_size)
    parsed = time.perf_counter()
    found = sum(len(find_statements(doc, str(i))[0]) for i, doc in enumerate(docs))
    return parsed - start, time.perf_counter() - parsed, found


def _plain_model() -> spacy.language.Language:
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    sys.exit("analysis_throughput.py: no English spaCy model is installed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora/ecbplus/articles.jsonl")
    parser.add_argument("--limit", type=int, help="use only the first N articles")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    texts = read_texts(args.corpus, args.limit)
    time_accord(texts[:2], args.batch_size)  # load the model outside the timings
    baseline = time_baseline(texts, args.batch_size)
    parse_s, attribution_s, statements = time_accord(texts, args.batch_size)
    n = len(texts)
    figures = {
        "articles": n,
        "statements": statements,
        "spacy_articles_per_s": n / baseline,
        "accord_articles_per_s": n / (parse_s + attribution_s),
        "attribution_only_articles_per_s": n / attribution_s if attribution_s else None,
        "ratio_to_spacy": baseline / (parse_s + attribution_s),
    }
    for name, value in figures.items():
        print(f"{name:>32}: {value:.2f}" if isinstance(value, float) else f"{name:>32}: {value}")
    print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
