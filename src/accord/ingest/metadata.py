"""Report metadata from the text itself: publication time, outlet, dateline place, author.

The lines this module reads (date lines, bylines, copyright notices) are page furniture to the
cleaner, which removes them with the recognisers of `accord.ingest.page_lines`; `read_metadata`
then reads them back from `Cleaned.removed`. Only date lines, lines that are nothing but a stamp, are read for
the publication time: a date inside the story ("on July 28") is what the story is about.
"""

from __future__ import annotations

import email.utils
import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from dateparser.date import DateDataParser  # type: ignore[import-untyped, unused-ignore]

from accord.date_words import (
    MONTH_NAMES,
    MONTHS,
    SPANISH_WEEKDAY_WORD,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    month_number,
)
from accord.ingest.clean import Cleaned
from accord.ingest.dateline import Dateline, dateline_day, parse_dateline
from accord.ingest.page_lines import (
    MERIDIEM,
    byline_author,
    copyright_holder,
    date_token_kind,
    is_date_line,
    line_tokens,
    misspelt_month,
    zone_of,
)


@dataclass(frozen=True, slots=True)
class Metadata:
    # ISO 8601: a bare date, a date-time with its UTC offset when the report names a zone, or a
    # local date-time (no offset) when it gives a time but no zone.
    published: str | None
    outlet: str | None
    place: str | None
    author: str | None


# --- reading ----------------------------------------------------------------------------------


def read_metadata(raw: str, cleaned: Cleaned) -> Metadata:
    """Metadata of one report, from the lines the cleaner removed and the opening dateline.

    `raw` is the report as read; it is used for the dateline only when cleaning left no text.
    """
    dateline = _opening_dateline(cleaned.text or raw)
    holder = next(filter(None, map(copyright_holder, cleaned.removed)), None)
    # A date line the cleaner kept (one after a headline that reads as a sentence) still dates
    # the report when it opens it; then the dateline's own date ("BOGOTÁ, 3 de mayo de 2024").
    opening = tuple(line for line in cleaned.text.split("\n")[:_OPENING_LINES] if line.strip())
    published = _published(cleaned.removed) or _published(opening)
    return Metadata(
        published=published or (dateline_day(dateline) if dateline else None),
        outlet=(dateline.outlet if dateline else None) or holder,
        place=dateline.place if dateline else None,
        author=next(filter(None, map(byline_author, cleaned.removed)), None),
    )


_OPENING_LINES = 4  # a headline, a blank line, the date line, a blank line


def _opening_dateline(text: str) -> Dateline | None:
    """The dateline of the first paragraph or the one after the headline."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    for paragraph in paragraphs[:2]:
        found = parse_dateline(paragraph)
        if found is not None:
            return found
    return None


def _published(lines: tuple[str, ...]) -> str | None:
    """The best publication time among date lines: a 'published' stamp before an 'updated' one,
    then the most precise, then the first."""
    found: list[tuple[int, int, int, str]] = []
    for order, line in enumerate(lines):
        if not is_date_line(line):
            continue
        for rank, segment in _segments(line):
            value = _parse_stamp(segment)
            if value is not None:
                found.append((rank, -_precision(value), order, value))
    return min(found)[3] if found else None


def date_line_stamp(line: str) -> str | None:
    """The ISO stamp of a date line ("March 01, 2008", "27 de abril del 2005"); None for any other
    line, or a date line without a whole date."""
    return _parse_stamp(line) if is_date_line(line) else None


_STAMP_KINDS = ("date", "time", "month", "number")
_ISO_TIME = re.compile(r"\dT\d", re.I)
_UPDATED = re.compile(r"\b(?:last\s+)?(?:updated|modified|edited)\b", re.I)


def _segments(line: str) -> list[tuple[int, str]]:
    """Split "PUBLISHED: ... | UPDATED: ..." into (rank, text): 0 published, 1 updated."""
    segments: list[tuple[int, str]] = []
    for part in line.split("|"):
        cut = [m.start() for m in _UPDATED.finditer(part)]
        pieces = [part[a:b] for a, b in zip([0, *cut], [*cut, len(part)], strict=True)]
        segments.extend((1 if _UPDATED.match(p.strip()) else 0, p) for p in pieces if p.strip())
    return segments


def _precision(value: str) -> int:
    return 0 if len(value) == 10 else (2 if value[19:] else 1)


def _parse_stamp(text: str) -> str | None:
    """ISO 8601 from a date line's text; None unless it names a day, a month and a year."""
    tokens = [misspelt_month(t) or t for t in line_tokens(text)]
    stamp = next(filter(None, (_from_iso(t) for t in tokens if _ISO_TIME.search(t))), None)
    if stamp is not None:  # "2024-11-16T22:05:24+05:00" carries its own offset
        return stamp
    kinds = [date_token_kind(t) for t in tokens]
    timed = [
        t for t, k in zip(tokens, kinds, strict=True) if k in _STAMP_KINDS or MERIDIEM.match(t)
    ]
    parsed = _dateparse(timed)
    if parsed is not None and "time" in kinds:
        zone = next((z for t in reversed(tokens) if (z := zone_of(t)) is not None), None)
        return _with_zone(parsed, zone)
    # No time, or an odd one that dateparser refuses ("2 A.M. FEB. 4, 2009"): the day alone,
    # without the hour a number before "A.M." gives.
    hours = {n for n, t in enumerate(tokens[1:]) if MERIDIEM.match(t) and kinds[n] == "number"}
    dated = [
        t
        for n, (t, k) in enumerate(zip(tokens, kinds, strict=True))
        if k in ("date", "month", "number") and n not in hours
    ]
    day = _dateparse(dated)
    return day.date().isoformat() if day is not None else None


def _with_zone(moment: datetime, zone: tzinfo | None) -> str:
    """A time with its offset; a time without a zone stays local (ISO 8601 without offset)."""
    return moment.replace(tzinfo=zone).isoformat(timespec="seconds")


_SPANISH_FILLER = re.compile(rf"^(?:de|del|el|a|las|{SPANISH_WEEKDAY_WORD})$", re.I)


def _in_english(token: str) -> str:
    """A Spanish month word as its English name; every other token as it is."""
    if token.rstrip(".").lower() in MONTHS:
        return token
    month = month_number(token)
    return MONTH_NAMES[month - 1] if month else token


# Numeric dates are read month first (dateparser's English default): "03/04/2023" is 4 March.
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"]}


def _dateparse(tokens: list[str]) -> datetime | None:
    """dateparser restricted to English and complete dates: it never fills in a missing year.
    Spanish month words are put in English ("27 de abril del 2005" is read as "27 abril 2005");
    Spanish weekdays and the words between the parts are left out."""
    tokens = [_in_english(t) for t in tokens if not _SPANISH_FILLER.match(t)]
    if not tokens:
        return None
    return _parsed(" ".join(tokens))


# Cached: a date line without a time is read twice (for its time, then for its day), and a
# corpus repeats its dates; dateparser takes about a millisecond a call.
@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> datetime | None:
    plain = _plain_date(text)
    if plain is not None:
        return plain
    found: datetime | None = _date_parser().get_date_data(text).date_obj
    return found


# dateparser reads every weekday word but "Thurs", which leaves it a date it refuses.
_WEEKDAY = "|".join((*WEEKDAY_NAMES, *(w for w in WEEKDAY_ABBREVIATIONS if w != "Thurs")))
_MONTH = "|".join(MONTHS)
# "July 28 2004", "Friday Sep 10 2010", "11 November 2011", "June 13 2013 4:59 PM": most date
# lines, read here at a hundredth of dateparser's cost, as dateparser reads them
# (tests/ingest/test_metadata.py compares the two on every such form).
_PLAIN_DATE = re.compile(
    rf"(?:(?:{_WEEKDAY})\.? )?"
    rf"(?:(?P<month>{_MONTH})\.? (?P<day>\d{{1,2}})|(?P<day_first>\d{{1,2}}) (?P<month_after>{_MONTH})\.?)"
    r" (?P<year>\d{4})"
    r"(?: (?P<hour>\d{1,2}):(?P<minute>\d\d)(?: *(?P<half>[ap]m))?)?",
    # ASCII: other digits and letters that fold to ASCII ones ("ſept") are left to dateparser.
    re.I | re.ASCII,
)


def _plain_date(text: str) -> datetime | None:
    """The day, and the time if given, of a date in one of the plain forms above; None for any
    other text, a day the month does not have, or a time of no clock (left to dateparser, which
    reads "0:30 PM" as 00:30 and "13:30 PM" as 13:30)."""
    match = _PLAIN_DATE.fullmatch(text)
    if match is None:
        return None
    month = MONTHS[(match["month"] or match["month_after"]).lower()]
    day = int(match["day"] or match["day_first"])
    hour, minute = int(match["hour"] or 0), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"].lower() == "pm" else 0)
    try:
        return datetime(int(match["year"]), month, day, hour, minute)  # naive, as dateparser's
    except ValueError:
        return None


@functools.cache
def _date_parser() -> DateDataParser:
    """What `dateparser.parse` builds anew on every call given languages or settings: building
    it was some two fifths of the call."""
    return DateDataParser(languages=["en"], settings=_DATEPARSER_SETTINGS)


# --- values from structured inputs ------------------------------------------------------------

_EPOCH = re.compile(r"^\d{9,13}(?:\.\d+)?$")


def parse_published(value: str | float) -> str | None:
    """ISO 8601 from a JSON field: ISO strings, RFC 2822, epoch seconds or milliseconds, or a date
    written out ("September 12, 2016"). None when nothing complete can be read."""
    text = str(value).strip()
    if not text:
        return None
    if _EPOCH.match(text):
        seconds = float(text) / (1000 if float(text) > 1e11 else 1)
        return datetime.fromtimestamp(seconds, tz=UTC).isoformat(timespec="seconds")
    return _from_iso(text) or _from_rfc2822(text) or _parse_stamp(text)


def _from_iso(text: str) -> str | None:
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat(timespec="seconds")
    except ValueError:
        return None


def _from_rfc2822(text: str) -> str | None:
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.isoformat(timespec="seconds")
