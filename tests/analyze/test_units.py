"""Figures that measure rather than count: durations, magnitudes, lengths and weights."""

from __future__ import annotations

import pytest

from accord.analyze.claims import find_claims
from accord.analyze.nlp import load_nlp

NLP = load_nlp()


def figures(text: str) -> list[tuple[float, str | None]]:
    claims = find_claims(NLP(text), "k", [], "2030-03-16", None)
    return [(c.value, c.unit) for c in claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The club offered the striker a nine-year deal.", [(9, "years")]),
        ("She served 212 days of her sentence.", [(212, "days")]),
        ("He got a 15-year sentence for the fraud.", [(15, "years")]),
        ("The referee stopped the bout 51 seconds into the fifth round.", [(51, "seconds")]),
        ("The Hawks extended a nine-game winning streak.", [(9, "games")]),
        ("A 5.2-magnitude quake shook the valley.", [(5.2, "magnitude")]),
        ("The second quake, magnitude 6.3, struck at dawn.", [(6.3, "magnitude")]),
        ("The tremor measured 5.9 on the Richter scale.", [(5.9, "magnitude")]),
        ("The tablet is 0.31-inches thick.", [(0.31, "inches")]),
        ("The epicentre was 14 miles south of the town.", [(14, "miles")]),
    ],
)  # fmt: skip
def test_measured_figures_carry_their_unit(text: str, expected: list[tuple[float, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Growth has slowed during the past three decades.",  # a time, not a figure
        "Nobody knows what it will look like 20 years from now.",
        "The senator began her second six-year term in May.",  # an office's fixed length
        "The 34-year-old coach was fired.",  # an age
        "A 22 year-old nurse was fired.",
        "The 14-inch model and the 13-inch Vellum Pro were shown.",  # sizes naming products
        "A 240-pound guard joined the team.",
    ],
)
def test_times_ages_terms_and_descriptions_are_not_measured_figures(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hackers used a zero-day vulnerability in the browser, the company said.",
        'The "zero day" flaw allows hackers to take over computers.',
        "Thieves took advantage of a zero day flaw in the software.",
    ],
)
def test_nothing_measured_in_words_that_describe_a_thing_is_no_figure(text: str) -> None:
    assert figures(text) == []


def test_nothing_measured_that_stands_alone_is_a_figure() -> None:
    assert figures("The strike lasted zero days, the union said.") == [(0, "days")]


def test_a_hyphenated_measure_is_described_from_its_noun() -> None:
    claims = find_claims(NLP("The clinic gave them a 90-day treatment."), "k", [], None, None)
    assert [(c.value, c.unit, c.what) for c in claims] == [(90, "days", "day")]
