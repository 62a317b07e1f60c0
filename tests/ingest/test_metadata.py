"""Metadata from the report's own text: publication time, outlet, place, author."""

from __future__ import annotations

import json

import pytest

from accord.date_words import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES
from accord.ingest.clean import clean_text
from accord.ingest.dateline import parse_dateline
from accord.ingest.metadata import (
    Metadata,
    _date_parser,
    _plain_date,
    parse_published,
    read_metadata,
)
from tests.conftest import shared_path


def metadata(raw: str) -> Metadata:
    return read_metadata(raw, clean_text(raw))


def seed_metadata(key: str) -> Metadata:
    return metadata(shared_path("corpora", "seeds", f"{key}.txt").read_text(encoding="utf-8"))


def test_seed_publication_times_match_the_gold() -> None:
    lines = shared_path("gold", "seeds.published.jsonl").read_text(encoding="utf-8").splitlines()
    gold = {row["doc"]: row["published"] for row in map(json.loads, lines)}
    assert len(gold) == 5
    assert {key: seed_metadata(key).published for key in gold} == gold


def test_seed_outlets_and_places() -> None:
    reuters = seed_metadata("000_00fae7b4422018bb")
    assert (reuters.outlet, reuters.place) == ("Reuters", "CARACAS")
    assert seed_metadata("002_be3ad9bdb175ebfd").outlet == "The Associated Press"
    assert seed_metadata("004_9441474bc40515fc").place == "Caracas"
    assert seed_metadata("001_2cd3f91a5eaf953d") == Metadata(None, None, None, None)


def stamped(stamp: str) -> str:
    return f"Flood Waters Rise in Eastvale\n\n{stamp}\n\nThe river rose by two metres overnight."


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("Published On: Sat, 16 Nov 2024 22:05:24 PKT", "2024-11-16T22:05:24+05:00"),
        ("Saturday, 16 November 2024 02:01 PM EST", "2024-11-16T14:01:00-05:00"),
        ("Posted: 03/04/2023 10:15 am PST", "2023-03-04T10:15:00-08:00"),
        ("July 4, 2023 9:30 AM ET", "2023-07-04T09:30:00-04:00"),  # ET follows summer time
        ("January 4, 2023 9:30 AM ET", "2023-01-04T09:30:00-05:00"),
        ("Updated: 09 Sep 2013 11:25 GMT+02:00", "2013-09-09T11:25:00+02:00"),
        ("Fri, 11 Nov 2011 at 09:56 IST", "2011-11-11T09:56:00+05:30"),
        ("5 May 2010 19:00 GMT", "2010-05-05T19:00:00+00:00"),
        ("2 March 2022 14:00 CET", "2022-03-02T14:00:00+01:00"),
        ("2 March 2022 14:00", "2022-03-02T14:00:00"),  # a time without a zone stays local
        ("date 2024-11-16", "2024-11-16"),
        ("Dec 13, 2024", "2024-12-13"),
        ("Mar. 8 5:46 PM EST", None),  # no year: never guessed
        ("Novemer 27, 2025", "2025-11-27"),  # a month misspelt by a letter
        ("27 de abril del 2005", "2005-04-27"),
        ("Martes, 26 de noviembre de 2024 a las 14:30", "2024-11-26T14:30:00"),
        ("Publicado el 3 ene. 2025", "2025-01-03"),
        ("26 de noviembre", None),
        ("2 A.M. FEB. 4, 2009", "2009-02-04"),  # an hour dateparser refuses: the day alone
    ],
)
def test_date_lines_and_time_zones(stamp: str, published: str | None) -> None:
    assert metadata(stamped(stamp)).published == published


def test_the_precise_stamp_beats_a_bare_date_and_published_beats_updated() -> None:
    raw = stamped("date 2024-11-16 WATCH TV LIVE\n\nSaturday, 16 November 2024 02:01 PM EST")
    assert metadata(raw).published == "2024-11-16T14:01:00-05:00"
    raw = stamped("PUBLISHED: 02:31 GMT, 12 March 2013 | UPDATED: 22:19 GMT, 12 March 2013")
    assert metadata(raw).published == "2013-03-12T02:31:00+00:00"
    raw = stamped("First Posted: 08/04/11 06:44 PM ET Updated: 10/04/11 06:12 AM ET")
    assert metadata(raw).published == "2011-08-04T18:44:00-04:00"


def test_a_date_inside_the_story_is_not_the_publication_date() -> None:
    raw = (
        "Eastvale Votes on Dam\n\nOn March 3, 2021, the council first discussed the dam.\n\n"
        "Voting closed on\n\nJuly 28, 2024\n\nand the result is due next week, officials said."
    )
    cleaned = clean_text(raw)
    assert read_metadata(raw, cleaned).published is None
    assert "July 28, 2024" in cleaned.text


def test_byline_copyright_and_reported_by() -> None:
    raw = (
        "By Mara Quill, Example Wire\n\nThe Eastvale Courier reported that the dam would close.\n\n"
        "Copyright 2023 Example Wire. All rights reserved."
    )
    found = metadata(raw)
    assert (found.author, found.outlet, found.place) == ("Mara Quill", "Example Wire", None)


def test_dateline_outlet_and_place() -> None:
    found = metadata("EASTVALE, Ruritania (Example Wire) — The dam held on Friday, engineers said.")
    assert (found.outlet, found.place) == ("Example Wire", "EASTVALE")


def test_a_date_line_under_a_headline_that_reads_as_a_sentence_still_dates_the_report() -> None:
    raw = "Eastvale dice que no comprará aviones.\n\n20 de diciembre del 2007\n\nEl ministro habló."
    assert metadata(raw).published == "2007-12-20"


@pytest.mark.parametrize(
    ("paragraph", "published"),
    [
        ("BOGOTÁ, 3 de mayo de 2024 (AFP) — Llovió.", "2024-05-03"),
        ("CARACAS, Nov 26, 2024 (Reuters) - It rained.", "2024-11-26"),
        ("MADRID, 26 Nov. (EUROPA PRESS) - Llovió.", None),  # no year: never guessed
    ],
)
def test_a_dateline_with_a_whole_date_dates_the_report(paragraph: str, published: str) -> None:
    assert metadata(f"Titular\n\n{paragraph}").published == published


@pytest.mark.parametrize(
    ("paragraph", "place", "outlet"),
    [
        ("MADRID, 26 Nov. (EUROPA PRESS) - El Gobierno dijo.", "MADRID", "EUROPA PRESS"),
        ("MADRID, 26 (EUROPA PRESS) - El Gobierno dijo.", "MADRID", "EUROPA PRESS"),
        ("Caracas, 26 nov (EFE).- Foro Penal informó.", "Caracas", "EFE"),
        ("BOGOTÁ, 3 de mayo de 2024 (AFP) — Llovió.", "BOGOTÁ", "AFP"),
        ("Ciudad de México, 2 de junio (EFE).- Llovió.", "Ciudad de México", "EFE"),
        ("CARACAS (Reuters) - At least 60 people were freed.", "CARACAS", "Reuters"),
        ("Caracas [Venezuela], December 13 : The government freed 103.", "Caracas", None),
        ("WASHINGTON — The Senate voted.", "WASHINGTON", None),
        ("LONDON, Nov 16 (Reuters) - Britain said.", "LONDON", "Reuters"),
        ("NEWPORT NEWS, Va. - In a tradition he has kept.", "NEWPORT NEWS", None),
        ("Rio de Janeiro (AFP) - Rain fell.", "Rio de Janeiro", "AFP"),
    ],
)
def test_datelines(paragraph: str, place: str, outlet: str | None) -> None:
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.outlet) == (place, outlet)
    assert paragraph[dateline.end :][0].isupper()


@pytest.mark.parametrize(
    "paragraph",
    [
        "President Biden: We will act.",
        "Update: the toll rose.",
        "UPDATE: The toll rose.",
        "CLARIFICATION: The first sentence was changed.",
        "The senator (R-Texas) - who spoke first - left.",
        "Maduro said - and he meant it - that the vote stood.",
        "París, 12 - el resto del texto.",  # a day alone, without an agency
    ],
)
def test_ordinary_sentences_are_not_datelines(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-09-12", "2016-09-12"),
        ("2016-09-12T10:00:00Z", "2016-09-12T10:00:00+00:00"),
        ("2016-09-12T10:00:00.123+02:00", "2016-09-12T10:00:00+02:00"),
        ("2016-09-12 10:00:00", "2016-09-12T10:00:00"),
        ("Mon, 12 Sep 2016 10:00:00 +0200", "2016-09-12T10:00:00+02:00"),
        ("Mon, 12 Sep 2016 10:00:00 EDT", "2016-09-12T10:00:00-04:00"),
        (1473674400, "2016-09-12T10:00:00+00:00"),
        ("1473674400000", "2016-09-12T10:00:00+00:00"),
        ("September 12, 2016", "2016-09-12"),
        ("September 12", None),
        ("soon", None),
        ("", None),
    ],
)
def test_parse_published(value: str | int, expected: str | None) -> None:
    assert parse_published(value) == expected


# Times of a clock and of none, as date lines write them after the date.
_TIMES = ["4:59 PM", "12:30 AM", "12:00 PM", "1:10PM", "9:05 pm", "11:45 am", "07:31 AM",
          "0:30 PM", "13:30 PM", "0:30", "23:59", "24:00", "9:60", "9:05  Pm"]  # fmt: skip


def _plain_date_forms() -> list[str]:
    """Every month word in four casings and both orders, with and without a weekday word,
    on days a month has and days it has not, with and without a time."""
    weekdays = ["", *(f"{w} " for w in (*WEEKDAY_NAMES, *WEEKDAY_ABBREVIATIONS)), "Fri. "]
    forms = []
    for n, month in enumerate(MONTHS):
        for word in (month, month.capitalize(), month.upper(), f"{month.capitalize()}."):
            for k, (day, year) in enumerate(
                (("1", 2004), ("09", 1999), ("31", 2024), ("30", 2013), ("0", 2010))
            ):
                weekday = weekdays[(n + k) % len(weekdays)]
                time = _TIMES[(n + k + len(forms)) % len(_TIMES)]
                for date in (f"{weekday}{word} {day} {year}", f"{weekday}{day} {word} {year}"):
                    forms += [date, f"{date} {time}"]
    return forms


def test_plain_dates_are_read_as_dateparser_reads_them() -> None:
    forms = _plain_date_forms()
    fast = {form: _plain_date(form) for form in forms}
    assert sum(day is not None for day in fast.values()) > len(forms) // 2
    assert sum(day is not None and day.hour > 12 for day in fast.values()) > 10
    for form, day in fast.items():
        if day is not None:
            assert day == _date_parser().get_date_data(form).date_obj, form


@pytest.mark.parametrize("text", ["July ٢٨ 2004", "ſept 10 2010"])
def test_dates_in_other_digits_or_letters_are_left_to_dateparser(text: str) -> None:
    assert _plain_date(text) is None
