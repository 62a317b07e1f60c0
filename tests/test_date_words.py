"""The one home of date words: the names, their numbers and the patterns built from them."""

from __future__ import annotations

import re

from accord.date_words import MONTH, MONTH_WORD, MONTHS, WEEKDAY_WORD, WEEKDAYS


def test_every_month_word_has_its_number() -> None:
    assert MONTHS["january"] == 1 and MONTHS["sept"] == MONTHS["sep"] == 9
    assert MONTHS["may"] == 5 and WEEKDAYS["monday"] == 0 and WEEKDAYS["sunday"] == 6


def test_running_text_months_keep_a_stop_only_after_an_abbreviation() -> None:
    assert re.fullmatch(MONTH, "Sept.") and re.fullmatch(MONTH, "December")
    assert not re.fullmatch(MONTH, "May.") and not re.fullmatch(MONTH, "may")
    found = re.match(MONTH + r"\b", "January 5")  # callers end a month at a word boundary
    assert found and found.group() == "January"


def test_date_line_words_take_any_case() -> None:
    for word in ("JAN", "sept", "Thurs", "tues", "SUNDAY"):
        assert re.fullmatch(f"(?:{MONTH_WORD}|{WEEKDAY_WORD})", word, re.I)
    assert not re.fullmatch(f"(?:{MONTH_WORD}|{WEEKDAY_WORD})", "march on", re.I)
