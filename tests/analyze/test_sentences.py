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
        # a time zone or an aside after "a.m." goes on with its sentence
        ("The quake struck at 07:37 a.m. UTC (3:37 a.m. EDT), killing one.",
         ["The quake struck at 07:37 a.m. UTC (3:37 a.m. EDT), killing one."]),
        ("The blast came at 7 a.m. Police said two died.",
         ["The blast came at 7 a.m.", "Police said two died."]),
    ],
)  # fmt: skip
def test_sentences(text: str, sentences: list[str]) -> None:
    assert [s.text.strip() for s in NLP(text).sents] == sentences
