"""accord's `accord_tags_lemmas` against the model's own attribute_ruler + lemmatizer: the same
token attributes on real text, and the CPU time of each.

    .venv/bin/python benchmarks/tags_lemmas.py --limit 200

Both run on the same Docs (tokenised, tagged and parsed once, by accord's pipeline up to the
parser); every token's TAG, POS, MORPH, LEMMA and DEP must agree. Prints one line per figure and a
final JSON line; exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from accord.analyze.nlp import MODEL_NAMES, load_nlp

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = ("ecbplus/articles.jsonl", "polnear-dev/articles.jsonl")
ATTRS = [TAG, POS, MORPH, LEMMA, DEP]
UP_TO_PARSER = ["tok2vec", "tagger", "accord_line_breaks", "parser"]


def read_texts(limit: int | None) -> list[str]:
    texts = []
    for name in CORPORA:
        path = SHARED / "corpora" / name
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line]
    return texts[:limit]


def stock_components() -> tuple[Callable[[Doc], Doc], Callable[[Doc], Doc]]:
    for name in MODEL_NAMES:
        try:
            model = spacy.load(name, vocab=load_nlp().vocab)
        except OSError:
            continue
        return model.get_pipe("attribute_ruler"), model.get_pipe("lemmatizer")
    sys.exit("tags_lemmas.py: no English spaCy model is installed")


def timed(step: Callable[[Doc], Doc], docs: list[Doc]) -> float:
    """CPU milliseconds per Doc."""
    began = time.process_time()
    for doc in docs:
        step(doc)
    return (time.process_time() - began) / len(docs) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N reports")
    args = parser.parse_args(argv)
    nlp = load_nlp()
    ruler, lemmatizer = stock_components()
    texts = read_texts(args.limit)
    with nlp.select_pipes(enable=UP_TO_PARSER):
        parsed = [doc.to_bytes() for doc in nlp.pipe(texts)]

    def fresh() -> list[Doc]:
        return [Doc(nlp.vocab).from_bytes(b) for b in parsed]

    stock, ours = fresh(), fresh()
    figures = {
        "reports": len(texts),
        "load": os.getloadavg()[0],
        "stock_ms": timed(lambda d: lemmatizer(ruler(d)), stock),
        "accord_ms": timed(nlp.get_pipe("accord_tags_lemmas"), ours),
        "differing_reports": sum(
            not (a.to_array(ATTRS) == b.to_array(ATTRS)).all()
            for a, b in zip(stock, ours, strict=True)
        ),
    }
    for name, value in figures.items():
        print(f"{name:>18}: {value:.2f}" if isinstance(value, float) else f"{name:>18}: {value}")
    print(json.dumps(figures))
    return 1 if figures["differing_reports"] else 0


if __name__ == "__main__":
    sys.exit(main())
