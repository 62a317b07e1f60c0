"""Time expressions normalised against the publication date (a Saturday, 2030-03-16)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.analyze.nlp import load_nlp
from accord.analyze.timex import (
    ALL_KINDS,
    ANCHORS,
    COMPILED,
    FREQUENCIES,
    REFERENCES,
    find_times,
    normalize_when,
    timex3,
)
from accord.date_words import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES

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
        ("Saturday December 13 2008", "2008-12-13"), ("March 3 2000", "2000-03-03"),
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
    assert normalize_when("on Saturday December 13 2008", None) == "2008-12-13"
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


def _undated(text: str) -> dict[str, str | None]:
    return {t.text: t.when for t in find_times(NLP(text), "k", SATURDAY, ALL_KINDS)}


def test_durations_are_times_that_place_nothing() -> None:
    found = _undated(
        "Over the past nine days the firm, which ran for two and a half years under a 12-year "
        "lease, stopped for 90 minutes on six straight days after several months of talks."
    )
    assert found == {
        "the past nine days": "P9D", "two and a half years": "P2.5Y", "12-year": "P12Y",
        "90 minutes": "PT90M", "six straight days": "P6D", "several months": "PXM",
    }  # fmt: skip
    assert normalize_when("two and a half years", SATURDAY) is None  # no date to place a claim


def test_ages_and_fractions_are_no_durations() -> None:
    assert _undated("A 12-year-old boy and a man, 40 years old, took a quarter of the vote.") == {}


def test_frequencies_and_vague_references() -> None:
    found = _undated("The annual report says he is currently abroad; he was recently seen.")
    assert found == {"annual": "P1Y", "currently": "PRESENT_REF", "recently": "PAST_REF"}
    # only where they are words of their own: "Daily" names a paper, "currents" are water
    assert _undated("The Daily said strong currents carried the boat.") == {}


def test_undated_times_stay_out_of_the_calendar_set() -> None:
    doc = NLP("He served four years and was recently freed on Friday.")
    assert [t.text for t in find_times(doc, "k", SATURDAY)] == ["Friday"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the fourth quarter of 2025", "2025-10/2025-12"),
        ("the first quarter of last year", "2029-01/2029-03"),
        ("the third quarter of this year", "2030-07/2030-09"),
        ("the final quarter of 2025", "2025-10/2025-12"),
        ("first-quarter earnings", "2030-01/2030-03"),  # begun by the base: this year's
        ("third-quarter profit", "2029-07/2029-09"),  # not yet begun: last year's
        ("April last year", "2029-04"), ("October of next year", "2031-10"),
    ],
)  # fmt: skip
def test_quarters_and_months_of_a_named_year(text: str, expected: str) -> None:
    assert normalize_when(text, SATURDAY) == expected


def test_a_quarter_of_something_or_of_a_game_is_no_time() -> None:
    assert normalize_when("a quarter of the votes", SATURDAY) is None
    assert normalize_when("they scored in the fourth quarter", SATURDAY) is None
    assert normalize_when("two fourth-quarter sacks", SATURDAY) is None


def test_lead_words_at_a_sentence_start() -> None:
    doc = NLP("Last week the council met. In May it voted. Last Friday it adjourned.")
    found = [(t.text, t.when) for t in find_times(doc, "k", SATURDAY)]
    assert found == [
        ("Last week", "2030-03-04/2030-03-10"), ("In May", "2029-05"),
        ("Last Friday", "2030-03-15"),
    ]  # fmt: skip


def test_bare_years_and_months_where_the_parser_reads_a_date() -> None:
    doc = NLP("The 2008 crisis cost 2000 people their jobs. April was wet and you may go.")
    found = {t.text: t.when for t in find_times(doc, "k", SATURDAY, ALL_KINDS)}
    assert found == {"2008": "2008", "April": "2029-04"}
    # they mostly name what they modify, not the clause's time: no figure's time
    assert find_times(doc, "k", SATURDAY) == []
    doc = NLP("Fees of $2010 and 1999.5 points.")
    assert find_times(doc, "k", SATURDAY, ALL_KINDS) == []


def test_a_coming_day_in_no_tense_of_the_past() -> None:
    doc = NLP(
        "A hearing is scheduled for March 20. Police arrested him on March 21. "
        "The vote may be held on Monday, but he may have died on Sunday. The firm marks June 20."
    )
    found = [(t.text, t.when) for t in find_times(doc, "k", SATURDAY)]
    assert found == [
        ("March 20", "2030-03-20"),  # four days ahead: the coming one
        ("March 21", "2029-03-21"),  # an arrest told in the past: last year's
        ("Monday", "2030-03-18"),  # "may be held": ahead
        ("Sunday", "2030-03-10"),  # "may have died": behind
        ("June 20", "2029-06-20"),  # months ahead and no future: the past one
    ]


def test_capitalised_deictic_words() -> None:
    doc = NLP("Yesterday, the council met. Today it votes.")
    assert [t.when for t in find_times(doc, "k", SATURDAY)] == ["2030-03-15", "2030-03-16"]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2030-03-11/2030-03-17", "2030-W11"), ("2030-03-16/2030-03-17", "2030-W11-WE"),
        ("2030-01/2030-03", "2030-Q1"), ("2030-10/2030-12", "2030-Q4"),
        # not a week, a weekend or a quarter: as it is
        ("2030-03-12/2030-03-18", "2030-03-12/2030-03-18"), ("2030-02/2030-04", "2030-02/2030-04"),
        ("2030-03-16", "2030-03-16"), ("P2Y", "P2Y"), (None, None),
    ],
)  # fmt: skip
def test_timex3_values(when: str | None, expected: str | None) -> None:
    assert timex3(when) == expected


# Words the time patterns are made of, and some that sit beside them.
_TIME_WORDS = [
    *MONTH_NAMES, *MONTH_ABBREVIATIONS, "Sept.", "Dec.", *WEEKDAY_NAMES, "Sat,", "Thurs.",
    *FREQUENCIES, *REFERENCES, "3", "12", "31", "32", "2nd", "2008", "1999", "2030-03-16", "1,000",
    "the", "The", "first", "Fourth", "final", "quarter", "quarters", "third-quarter", "profit",
    "of", "last", "this", "next", "past", "previous", "earlier", "later", "year", "years", "week",
    "weekend", "month", "months", "day", "days", "hours", "decade", "ago", "today", "Tonight",
    "yesterday", "Tomorrow", "in", "early", "mid-", "since", "until", "a", "an", "four", "half",
    "and", "to", "from", "-", ",", "'s", "old", "straight", "several", "people", "said",
]  # fmt: skip


def test_every_kind_of_time_has_an_anchor() -> None:
    """`scan` searches a kind only where its anchor is found: a kind without one would never be."""
    assert set(ANCHORS) == ALL_KINDS


@given(st.lists(st.sampled_from(_TIME_WORDS), max_size=14), st.sampled_from([" ", "", "\n"]))
def test_every_time_expression_holds_its_kinds_anchor(words: list[str], gap: str) -> None:
    """`scan` looks for a kind only in a text with its anchor: each match must hold one."""
    text = gap.join(words)
    for kind, regex in COMPILED:
        for match in regex.finditer(text):
            assert ANCHORS[kind].search(match.group(0)), (kind, match.group(0))
