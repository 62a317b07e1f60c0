"""Time expressions normalised against the publication date (a Saturday, 2030-03-16)."""

from __future__ import annotations

import pytest

from accord.analyze.nlp import load_nlp
from accord.analyze.timex import find_times, normalize_when

NLP = load_nlp()
SATURDAY = "2030-03-16"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Saturday", "2030-03-16"), ("on Friday", "2030-03-15"), ("early Tuesday", "2030-03-12"),
        ("last Saturday", "2030-03-09"), ("in February", "2030-02"), ("in September", "2029-09"),
        ("July 28", "2029-07-28"), ("March 2", "2030-03-02"), ("12 March", "2030-03-12"),
        ("in 2013", "2013"), ("last year", "2029"), ("this year", "2030"),
        ("last week", "2030-03-04/2030-03-10"), ("earlier this week", "2030-03-11/2030-03-16"),
        ("last month", "2030-02"), ("yesterday", "2030-03-15"), ("two days ago", "2030-03-14"),
        ("from Tuesday to Thursday", "2030-03-12/2030-03-14"),
        ("between March 1 and March 3", "2030-03-01/2030-03-03"),
        ("May 5, 2021", "2021-05-05"), ("Sat, 16 Nov 2024", "2024-11-16"),
        ("September 2024", "2024-09"), ("2024-11-16", "2024-11-16"),
    ],
)  # fmt: skip
def test_normalize_past(text: str, expected: str) -> None:
    assert normalize_when(text, SATURDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("in January", "2031-01"), ("on Monday", "2030-03-18"), ("April 2", "2030-04-02"),
     ("next week", "2030-03-18/2030-03-24")],
)  # fmt: skip
def test_normalize_future(text: str, expected: str) -> None:
    assert normalize_when(text, SATURDAY, future=True) == expected


def test_undated_reports_leave_relative_times_unresolved() -> None:
    assert normalize_when("on Saturday", None) is None
    assert normalize_when("in September", None) is None
    assert normalize_when("in 2013", None) == "2013"
    assert normalize_when("the weather", SATURDAY) is None


def test_find_times_uses_tense() -> None:
    doc = NLP("The mayor took office in 2019 and is set to begin a new term in January. "
              "She spoke on Friday about the vote in May.")  # fmt: skip
    found = {t.text: (t.when, t.relative) for t in find_times(doc, "k", SATURDAY)}
    assert found == {
        "in 2019": ("2019", False),
        "in January": ("2031-01", True),
        "Friday": ("2030-03-15", True),
        "in May": ("2029-05", True),
    }


def test_durations_and_plain_numbers_are_not_times() -> None:
    doc = NLP("He began a six-year term and 2,013 people signed within 72 hours.")
    assert find_times(doc, "k", SATURDAY) == []
