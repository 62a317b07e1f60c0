"""accord_tags_lemmas gives every token the tag, POS, morphology, lemma and dependency that the
model's own attribute_ruler and lemmatizer give (benchmarks/tags_lemmas.py checks the corpora)."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from accord.analyze.nlp import MODEL_NAMES, load_nlp

ATTRS = [TAG, POS, MORPH, LEMMA, DEP]
UP_TO_PARSER = ["tok2vec", "tagger", "accord_line_breaks", "parser"]
DEMO = Path(__file__).resolve().parents[2] / "demo" / "corpus"
TEXTS = [
    "Officials said 40 people were freed on Sunday; they've been held since May.",
    "\"We weren't told,\" she said. Didn't the mayor's office confirm it? It couldn't.",
    "Dr. Ilse Brandt, 37, was charged -- and the U.S.-based firm's C.E.O. resigned.",
    "Ghi   ju\n\nRIVERTON (Wire) - Flood waters rose 2.5m overnight, the gauges showed...",
    "",
]


def test_same_attributes_as_the_stock_components() -> None:
    nlp = load_nlp()
    stock = next(spacy.load(n, vocab=nlp.vocab) for n in MODEL_NAMES if spacy.util.is_package(n))
    ruler, lemmatizer = stock.get_pipe("attribute_ruler"), stock.get_pipe("lemmatizer")
    ours = nlp.get_pipe("accord_tags_lemmas")
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    assert len(texts) > len(TEXTS), "the demo corpus is missing"
    with nlp.select_pipes(enable=UP_TO_PARSER):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        expected = lemmatizer(ruler(doc.copy()))
        got = ours(doc.copy())
        assert got.to_array(ATTRS).tolist() == expected.to_array(ATTRS).tolist(), doc.text[:60]
