"""Sentence boundaries the analysis sets before the parser: lines, datelines, capital openings."""

from __future__ import annotations

import pytest

from accord.analyze.nlp import load_nlp

NLP = load_nlp()


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a line break ends a sentence
        ("Two killed in crash\nPolice said two men died.", ["Two killed in crash", "Police said two men died."]),
        # a dateline is a sentence of its own
        ("WASHINGTON (AP) - Two men were killed.", ["WASHINGTON (AP) -", "Two men were killed."]),
        # a paragraph's first word in capitals opens its sentence
        ("Climbers killed\n\nONE Australian and one English climber have died.",
         ["Climbers killed", "ONE Australian and one English climber have died."]),
        ("THOUSANDS of residents fled the town.", ["THOUSANDS of residents fled the town."]),
    ],
)  # fmt: skip
def test_sentences(text: str, sentences: list[str]) -> None:
    assert [s.text.strip() for s in NLP(text).sents] == sentences
