"""Qualifier words and the intervals they allow."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.analyze.qualifiers import BEFORE, interval, qualifier_after, qualifier_before
from accord.model import Qualifier
from accord.settings import Settings


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("police said at least", ("at_least", 2)), ("no more than", ("at_most", 3)),
        ("more than", ("more_than", 2)), ("nearly", ("nearly", 1)), ("an estimated", ("about", 2)),
        ("officials counted some", ("about", 1)), ("as many as", ("up_to", 3)),
        ("fewer than", ("fewer_than", 2)), ("the", None),
    ],
)  # fmt: skip
def test_qualifier_before(words: str, expected: tuple[str, int] | None) -> None:
    assert qualifier_before(words.split()) == expected


def test_qualifier_after() -> None:
    assert qualifier_after(["or", "more", "people"]) == ("at_least", 2)
    assert qualifier_after(["people"]) is None


def test_every_qualifier_word_maps_to_the_vocabulary() -> None:
    assert set(BEFORE.values()) <= set(Qualifier)


def test_default_widths_come_from_settings() -> None:
    assert interval(200, "about") == pytest.approx((190, 210))
    assert interval(200, "about", settings=Settings(about_width=0.1)) == pytest.approx((180, 220))
    low, high = interval(200, "nearly")
    assert low == pytest.approx(180) and high < 200


def test_open_and_closed_ends() -> None:
    assert interval(60, "at_least") == (60, math.inf)
    low, _ = interval(60, "more_than")
    assert low > 60
    assert interval(60, "up_to") == (0, 60)
    assert interval(350, "range", 300, 400) == (300, 400)


values = st.floats(min_value=1, max_value=1e9, allow_nan=False)


@given(values, st.sampled_from(["exact", "about", "at_least", "up_to", "at_most"]))
def test_closed_intervals_contain_the_value(value: float, qualifier: str) -> None:
    low, high = interval(value, qualifier)
    assert low <= value <= high


@given(values, st.sampled_from(["more_than", "fewer_than", "nearly"]))
def test_strict_intervals_exclude_the_value(value: float, qualifier: str) -> None:
    low, high = interval(value, qualifier)
    assert low <= high and not low <= value <= high
