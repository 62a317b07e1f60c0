"""Number parsing: digits, words, scales, vague amounts, ranges, percentages and money."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.analyze.nlp import load_nlp
from accord.analyze.numbers import find_quantities, parse_number, vague_bounds

NLP = load_nlp()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,800", 1800), ("2.5 million", 2_500_000), ("143m", 143_000_000), ("1.2bn", 1.2e9),
        ("10k", 10_000), ("Fifty", 50), ("twenty-five", 25), ("two dozen", 24), ("a hundred", 100),
        ("a dozen", 12), ("three hundred and five", 305), ("7", 7),
    ],
)  # fmt: skip
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "first", "1990s", "people", "2nd", "many"])
def test_parse_number_refuses(text: str) -> None:
    assert parse_number(text) is None


@given(st.integers(min_value=0, max_value=10**12))
def test_formatted_integers_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["million", "billion"]))
def test_scaled_decimals_round_trip(tenths: int, scale: str) -> None:
    factor = {"million": 1e6, "billion": 1e9}[scale]
    assert parse_number(f"{tenths / 10} {scale}") == pytest.approx(tenths / 10 * factor)


def test_vague_bounds() -> None:
    assert vague_bounds("dozens") == (24, 99)
    assert vague_bounds("hundreds") == (200, 999)
    assert vague_bounds("tens of thousands") == (20_000, 99_999)
    assert vague_bounds("hundreds of thousands") == (200_000, 999_999)
    assert vague_bounds("several") is None


def quantities(text: str) -> list[tuple[str, float, str, str | None]]:
    doc = NLP(text)
    return [(doc[q.start : q.end].text, q.value, q.kind, q.unit) for q in find_quantities(doc)]


def test_finds_money_and_percentages() -> None:
    found = quantities("The firm lost £143m, or $2.5 million, and 12% of its staff left.")
    assert found == [
        ("£143m", 143e6, "number", "GBP"),
        ("$2.5 million", 2.5e6, "number", "USD"),
        ("12%", 12, "number", "percent"),
    ]


def test_finds_ranges_and_vague_amounts() -> None:
    found = quantities("Between 300 and 400 sheep and dozens of goats crossed; 20-30 stayed.")
    assert found[0] == ("Between 300 and 400", 350, "range", None)
    assert found[1][0] == "dozens" and found[1][2] == "vague"
    assert found[2] == ("20-30", 25, "range", None)


def test_money_with_a_hyphened_scale_and_pounds_of_weight() -> None:
    assert quantities("The haul was worth $4.5-million in all.") == [
        ("$4.5-million", 4.5e6, "number", "USD")
    ]
    assert quantities("The parcel weighs 3.2 pounds.")[0][3] is None
    assert quantities("The ticket cost 40 pounds.")[0][3] == "GBP"


def test_ranging_from_to_is_a_range() -> None:
    [found] = quantities("Their terms ranged from two to 10 years.")
    assert found[1:3] == (6, "range")


def test_from_to_is_a_change_not_a_range() -> None:
    assert [f[1] for f in quantities("The toll rose from 30 to 40 overnight.")] == [30, 40]


def test_a_percentage_to_a_level_is_a_change_then_the_level() -> None:
    found = quantities("Shares fell 4.5% to $12.40 and the index lost 2.1% to 3,120.55.")
    assert [(f[1], f[2], f[3]) for f in found] == [
        (4.5, "number", "percent"), (12.40, "number", "USD"), (2.1, "number", "percent"),
        (3120.55, "number", None),
    ]  # fmt: skip
    # a range of percentages stays one
    [found] = quantities("Margins were 20% to 25% last year.")
    assert found[1:] == (22.5, "range", "percent")


def test_word_numbers_in_text() -> None:
    assert quantities("Twenty-five boats and a hundred nets were lost.")[:2] == [
        ("Twenty-five", 25, "number", None),
        ("a hundred", 100, "number", None),
    ]


@pytest.mark.parametrize(
    "text",
    ["Call 800-800-3855 now.", "The 2004-05 season ended.", "Children aged 12-15 came.",
     "The 9-1-1 call came at dawn.",
     "No one was hurt.", "No-one was hurt.", "They blamed one another.",
     "It was the one that fired.", "Updated 0947 GMT.", "He wore No. 4."],
)  # fmt: skip
def test_scores_codes_pronouns_and_clock_times_are_not_figures(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("They won on a 9-2 run.", [9, 2]),
        ("The team fell to 36-3.", [36, 3]),
        ("Harlow beat Stanmore, 71-64, on Sunday.", [71, 64]),
        ("The Owls (14-22) lost again.", [14, 22]),
        ("He holds a 120-131 record as a coach.", [120, 131]),
        ("Vasquez is 38-4-1 as a boxer.", [38, 4, 1]),
    ],
)  # fmt: skip
def test_scores_and_records_are_pairs_of_figures(text: str, values: list[float]) -> None:
    found = quantities(text)
    assert [f[1] for f in found] == values
    assert {f[3] for f in found} == {"score"}


@pytest.mark.parametrize(
    ("text", "value"), [("About 20-30 stayed.", 25), ("They saw 40-60 boats.", 50)]
)
def test_a_rising_pair_counting_things_is_still_a_range(text: str, value: float) -> None:
    [found] = quantities(text)
    assert found[1:3] == (value, "range")


def test_model_numbers_with_capital_suffixes_are_not_figures() -> None:
    assert quantities("It pairs the Zentek 7400M and 8600M XT chips.") == []
    assert quantities("It cost $90M in all.") == [("$90M", 90e6, "number", "USD")]


def test_between_to_is_a_range() -> None:
    [found] = quantities("It cost between $60 million to $70 million.")
    assert found[1:3] == (65e6, "range")


def test_year_spans_and_abbreviated_years_are_not_figures() -> None:
    assert quantities("He signed through the 2009-2010 season of Keynote '09.") == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Her neighbour called 911 at once.", []),
        ("He made a call to 112 from the car.", []),
        ("A 999 operator took the call.", []),
        ("The toll rose to 112 on Monday.", [112]),
        ("Officials said 911 people were moved.", [911]),
    ],
)
def test_an_emergency_number_is_dialled_not_counted(text: str, values: list[float]) -> None:
    assert [q.value for q in find_quantities(NLP(text))] == values
