"""Properties of the number, qualifier and date parsers over generated input: they never raise on
any text, written numbers read back as the number, intervals hold their figure, and resolved
dates are ISO dates within the calendar."""

from __future__ import annotations

import datetime as dt
import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analyze.nlp import load_nlp
from accord.analyze.numbers import (
    SCALES,
    VAGUE,
    find_quantities,
    parse_number,
    vague_bounds,
)
from accord.analyze.qualifiers import AFTER, BEFORE, interval, qualifier_after, qualifier_before
from accord.analyze.timex import find_times, normalize_when, scan

NLP = load_nlp()
# spaCy makes each example slow to run; a few dozen per property keep the suite quick.
SPACY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST = settings(max_examples=100, deadline=None)

ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def in_words(n: int) -> str:
    """`n` (0 to 999,999,999) written out as a report would: "three hundred and five thousand"."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return f"{ONES[n // 100]} hundred" + (f" and {in_words(rest)}" if rest else "")
    for size, name in ((10**6, "million"), (10**3, "thousand")):
        if n >= size:
            rest = n % size
            return f"{in_words(n // size)} {name}" + (f" {in_words(rest)}" if rest else "")
    raise AssertionError(n)


# Text that looks like news figures and dates more often than arbitrary text would.
NEWS_WORDS = [
    *BEFORE, *AFTER, *SCALES, "dozen", "dozens", "hundreds", "tens of thousands", "between",
    "and", "to", "-", "from", "%", "per cent", "$", "£", "€", "people", "homes", "said",
    "January", "Sept.", "May", "Monday", "last", "next", "this", "week", "weekend", "month",
    "year", "ago", "days", "in", "since", "on", "today", "tomorrow", "yesterday", "earlier",
    "2024-02-30", "31", "0", "32nd", "1999", "2013", "'09", "No.", "0947", "GMT", ".", ",",
    "one", "no one", "twenty-five", "a hundred", "99999999", "1,800", "2.5", "143m", "1.2bn",
]  # fmt: skip
news_text = st.lists(
    st.one_of(st.sampled_from(NEWS_WORDS), st.integers(0, 10**12).map(str), st.text(max_size=8)),
    max_size=25,
).map(" ".join)
any_text = st.one_of(st.text(max_size=200), news_text)


# ---------------------------------------------------------------- numbers


@FAST
@given(any_text)
def test_parse_number_and_vague_bounds_never_raise(text: str) -> None:
    value = parse_number(text)
    assert value is None or (isinstance(value, float) and math.isfinite(value))
    bounds = vague_bounds(text)
    assert bounds is None or bounds[0] <= bounds[1]


@FAST
@given(st.sampled_from(sorted(VAGUE)), st.sampled_from(sorted(VAGUE)))
def test_every_vague_amount_of_another_has_ordered_bounds(first: str, second: str) -> None:
    # "dozens of dozens" once raised KeyError, and with it the analysis of its whole batch.
    bounds = vague_bounds(f"{first} of {second}")
    assert (bounds is None) == (second == "tens")  # "tens of tens" is no amount
    assert bounds is None or 0 < bounds[0] <= bounds[1]
    doc = NLP(f"Witnesses said {first} of {second} of people fled.")
    for q in find_quantities(doc):
        assert q.low is None or q.high is None or q.low <= q.value <= q.high


@FAST
@given(st.integers(0, 999_999_999))
def test_numbers_written_in_words_read_back(n: int) -> None:
    assert parse_number(in_words(n)) == n
    assert parse_number(in_words(n).capitalize()) == n


@FAST
@given(st.integers(309, 2000), st.sampled_from(["", "bn", " million"]))
def test_numbers_past_the_largest_float_are_no_figures(digits: int, scale: str) -> None:
    assert parse_number("9" * digits + scale) is None


@FAST
@given(st.integers(1, 999), st.integers(0, 9), st.sampled_from(["k", "m", "bn", "tn"]))
def test_glued_scales_read_back(whole: int, tenth: int, suffix: str) -> None:
    expected = (whole + tenth / 10) * SCALES[suffix]
    value = parse_number(f"{whole}.{tenth}{suffix}")
    assert value is not None and math.isclose(value, expected)


@SPACY
@given(any_text)
def test_quantities_lie_in_the_text_and_ranges_hold_their_value(text: str) -> None:
    doc = NLP(text)
    for q in find_quantities(doc):
        assert 0 <= q.start < q.end <= len(doc)
        if q.kind in ("range", "vague"):
            assert q.low is not None and q.high is not None
            assert q.low <= q.value <= q.high


@SPACY
@given(st.integers(0, 10**9), st.sampled_from(["people", "homes were flooded", "per cent"]))
def test_a_formatted_figure_in_a_sentence_is_found_with_its_value(n: int, after: str) -> None:
    doc = NLP(f"Officials said {n:,} {after} on Monday.")
    assert n in [q.value for q in find_quantities(doc)]


# ---------------------------------------------------------------- qualifiers

words = st.lists(st.text(max_size=12), max_size=8)
QUALIFIERS = sorted({*BEFORE.values(), *AFTER.values(), "exact"})


@FAST
@given(words)
def test_qualifier_lookups_never_raise_and_stay_in_the_words(found: list[str]) -> None:
    for answer in (qualifier_before(found), qualifier_after(found)):
        assert answer is None or (answer[0] in QUALIFIERS and 1 <= answer[1] <= len(found))


@FAST
@given(st.sampled_from(sorted(BEFORE)), st.lists(st.sampled_from(["zebra", "said", "17"])))
def test_every_qualifier_before_a_number_is_read_after_any_words(
    phrase: str, lead: list[str]
) -> None:
    # The lead words are no part of any phrase, so the phrase itself is the longest match.
    assert qualifier_before([*lead, *phrase.split()]) == (BEFORE[phrase], len(phrase.split()))


@FAST
@given(st.sampled_from(sorted(AFTER)), st.lists(st.sampled_from(["people", "died", "."])))
def test_every_qualifier_after_a_number_is_read_before_any_words(
    phrase: str, tail: list[str]
) -> None:
    assert qualifier_after([*phrase.split(), *tail]) == (AFTER[phrase], len(phrase.split()))


values = st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False)


@FAST
@given(values, st.sampled_from(QUALIFIERS))
def test_intervals_are_ordered_and_hold_or_border_their_value(value: float, qualifier: str) -> None:
    low, high = interval(value, qualifier)
    assert low <= high or (value == 0 and qualifier == "fewer_than")  # "fewer than 0": empty
    if qualifier in {"more_than", "fewer_than", "nearly"}:  # open at the value itself
        assert not low <= value <= high
        assert min(abs(low - value), abs(high - value)) <= math.ulp(value) * 2 or value == 0
    else:
        assert low <= value <= high


@FAST
@given(st.floats(min_value=5e-324, max_value=1e-300), st.sampled_from(QUALIFIERS))
def test_intervals_of_the_tiniest_figures_are_ordered(value: float, qualifier: str) -> None:
    low, high = interval(value, qualifier)  # "nearly 5e-324" once gave (5e-324, 0.0)
    assert low <= high


@FAST
@given(values, values, values)
def test_range_intervals_are_their_bounds(a: float, b: float, c: float) -> None:
    low, value, high = sorted((a, b, c))
    for kind in ("range", "vague"):
        assert interval(value, kind, low, high) == (low, high)


# ---------------------------------------------------------------- dates

ISO = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
published = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def assert_iso_when(when: str | None) -> None:
    """None, or ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) or a START/END range of them, in years
    1000 to 9999, with a full-date range never ending before it starts."""
    if when is None:
        return
    parts = when.split("/")
    assert len(parts) in (1, 2), when
    for part in parts:
        assert ISO.match(part) and 1000 <= int(part[:4]) <= 9999, when
    if len(parts) == 2 and len(parts[0]) == len(parts[1]) == 10:
        assert parts[0] <= parts[1], when


@FAST
@given(any_text, st.one_of(st.none(), published), st.booleans())
def test_normalised_dates_are_iso_within_the_calendar(
    text: str, base: dt.date | None, future: bool
) -> None:
    assert_iso_when(normalize_when(text, base.isoformat() if base else None, future))
    for found in scan(text):
        assert 0 <= found.start < found.end <= len(text)


@FAST
@given(st.integers(0, 10**9), st.sampled_from(["day", "week", "month", "year"]), published)
def test_any_count_ago_resolves_within_the_calendar_or_not_at_all(
    count: int, unit: str, base: dt.date
) -> None:
    when = normalize_when(f"{count} {unit}s ago", base.isoformat())
    assert_iso_when(when)
    if when is not None:
        assert when <= base.isoformat()  # "ago" never lands after the publication date


@FAST
@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_written_dates_read_back(day: dt.date) -> None:
    written = f"{day.day} {day.strftime('%B')} {day.year}"
    assert normalize_when(written, None) == day.isoformat()
    assert normalize_when(day.isoformat(), "2024-05-01") == day.isoformat()


@SPACY
@given(any_text, st.one_of(st.none(), published))
def test_times_of_a_parsed_text_lie_in_it(text: str, base: dt.date | None) -> None:
    doc = NLP(text)
    for mention in find_times(doc, "k", base.isoformat() if base else None):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.sentence_start <= mention.start and mention.end <= mention.sentence_end
        assert_iso_when(mention.when)
