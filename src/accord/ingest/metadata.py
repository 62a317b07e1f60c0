"""Report metadata from the text itself: publication time, outlet, dateline place, author.

The lines this module reads (date lines, bylines, copyright notices) are page furniture to the
cleaner, which removes them with the recognisers defined here; `read_metadata` then reads them
back from `Cleaned.removed`. Only date lines, lines that are nothing but a stamp, are read for
the publication time: a date inside the story ("on July 28") is what the story is about.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import dateparser  # type: ignore[import-untyped, unused-ignore]  # no stubs pinned

from accord.date_words import MONTH_WORD, WEEKDAY_WORD
from accord.ingest.dateline import Dateline, parse_dateline

if TYPE_CHECKING:
    from accord.ingest.clean import Cleaned


@dataclass(frozen=True, slots=True)
class Metadata:
    # ISO 8601: a bare date, a date-time with its UTC offset when the report names a zone, or a
    # local date-time (no offset) when it gives a time but no zone.
    published: str | None
    outlet: str | None
    place: str | None
    author: str | None


def _hours(h: float) -> timezone:
    return timezone(timedelta(hours=h))


# Abbreviations as English-language news uses them. Where one is ambiguous the newsroom reading
# wins: IST is India, CST is the US Central zone, AST Atlantic. Regional names without a season
# (ET, PT, UK) are zones, so that summer time follows the date.
_ZONES: dict[str, tzinfo] = {
    **{name: _hours(0) for name in ("UTC", "GMT", "Z", "WET", "UT")},
    **{"BST": _hours(1), "CET": _hours(1), "WEST": _hours(1), "WAT": _hours(1), "CEST": _hours(2)},
    **{"EET": _hours(2), "CAT": _hours(2), "SAST": _hours(2), "EEST": _hours(3), "MSK": _hours(3)},
    **{"EAT": _hours(3), "GST": _hours(4), "PKT": _hours(5), "IST": _hours(5.5), "ICT": _hours(7)},
    **{"WIB": _hours(7), "HKT": _hours(8), "SGT": _hours(8), "PHT": _hours(8), "AWST": _hours(8)},
    **{"JST": _hours(9), "KST": _hours(9), "ACST": _hours(9.5), "AEST": _hours(10)},
    **{"AEDT": _hours(11), "NZST": _hours(12), "NZDT": _hours(13)},
    **{"ADT": _hours(-3), "ART": _hours(-3), "BRT": _hours(-3), "AST": _hours(-4)},
    **{"VET": _hours(-4), "EDT": _hours(-4), "EST": _hours(-5), "CDT": _hours(-5)},
    **{"CST": _hours(-6), "MDT": _hours(-6), "MST": _hours(-7), "PDT": _hours(-7)},
    **{"PST": _hours(-8), "AKDT": _hours(-8), "AKST": _hours(-9), "HST": _hours(-10)},
    "ET": ZoneInfo("America/New_York"),
    "CT": ZoneInfo("America/Chicago"),
    "MT": ZoneInfo("America/Denver"),
    "PT": ZoneInfo("America/Los_Angeles"),
    "UK": ZoneInfo("Europe/London"),
}
_OFFSET = re.compile(r"^(?:GMT|UTC)?([+\-])(\d{1,2}):?(\d{2})?$", re.I)

# --- recognising date lines -------------------------------------------------------------------

# Words of website chrome. A date stamp may share its line with them (" date 2024-11-16 WATCH TV
# LIVE"), and the cleaner removes short lines made only of them ("Previous Post Next Post").
PAGE_WORDS = frozenset(  # a word list reads best as text
    """watch tv live on now previous next post posts share this article story stories follow us
    subscribe newsletter newsletters sign up in log read more related comments comment print
    email e-mail tweet facebook twitter whatsapp linkedin instagram youtube telegram x home menu
    skip to content main advertisement advert ad ads sponsored click here back top the of our
    for and video videos photo photos gallery en es fr de pt english español listen audio
    download app save copy link reddit pinterest latest trending popular breaking news view all
    see also recommended topics tags""".split()  # noqa: SIM905
)

# Words that label a date line or sit between its parts ("Published On:", "Last updated at").
_DATE_LABELS = frozenset(  # a word list reads best as text
    """published updated posted last first date time edited modified created issued release
    uploaded on at hrs""".split()  # noqa: SIM905
)
_LABELLED = re.compile(r"^(?:first\s+|last\s+)?(?:published|updated|posted|date|edited)\b", re.I)
_MONTH_TOKEN = re.compile(rf"^(?:{MONTH_WORD})\.?$", re.I)
_WEEKDAY_TOKEN = re.compile(rf"^(?:{WEEKDAY_WORD})\.?$", re.I)
_NUMERIC_DATE = re.compile(r"^\d{1,4}([/.\-])\d{1,2}\1\d{1,4}(?:t[\d:.+\-z]*)?$", re.I)
_TIME = re.compile(r"^\d{1,2}(?:[:.]\d{2}){1,2}(?:[ap]\.?m\.?)?$|^\d{1,2}[ap]\.?m\.?$", re.I)
_NUMBER = re.compile(r"^\d{1,4}(?:st|nd|rd|th)?$", re.I)
_STAMP_KINDS = ("date", "time", "month", "number")
_ISO_TIME = re.compile(r"\dT\d", re.I)
_MERIDIEM = re.compile(r"^[ap]\.?m\.?$", re.I)


def date_token_kind(token: str) -> str | None:
    """What a token is in a date line: date, time, month, number, zone, label, or None."""
    if _NUMERIC_DATE.match(token):
        return "date"
    if _TIME.match(token):
        return "time"
    if _MONTH_TOKEN.match(token):
        return "month"
    if _NUMBER.match(token) or _WEEKDAY_TOKEN.match(token):
        return "number"
    if token in _ZONES or _OFFSET.match(token):  # upper case only: "eat" and "cat" are words
        return "zone"
    if token.lower() in _DATE_LABELS or _MERIDIEM.match(token):
        return "label"
    return None


def line_tokens(line: str) -> list[str]:
    """Whitespace tokens stripped of the punctuation that separates the parts of a date line."""
    spaced = _join_split_clock(line).replace("|", " | ")
    stripped = (t.strip(",;:|()[]•·–—-@") for t in spaced.split())
    return [t for t in stripped if t]


def is_date_line(line: str) -> bool:
    """A line made only of a date or time, its labels and page words ("Dec 13, 2024",
    "Posted 5/2/07", " date 2024-11-16 WATCH TV LIVE")."""
    tokens = line_tokens(line)
    if not tokens or len(tokens) > 16:
        return False
    kinds = [date_token_kind(t) or ("label" if t.lower() in PAGE_WORDS else None) for t in tokens]
    if None in kinds:
        return False
    return "date" in kinds or ("month" in kinds and ("number" in kinds or "time" in kinds))


def is_labelled_date_line(line: str) -> bool:
    """A date line that names itself ("Published On: ...", "Updated 4 May 2013")."""
    return bool(_LABELLED.match(line.lstrip("(["))) and is_date_line(line)


_BYLINE = re.compile(r"^[Bb][Yy]:?\s+(?P<name>[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|and|&))*)")
_BYLINE_TAIL = re.compile(r"^(?:\s*(?:,|\||/|-|—)\s*[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*)*$")


def is_byline(line: str) -> bool:
    """ "By Jane Doe", "By JANE DOE and JOHN ROE, Associated Press"."""
    m = _BYLINE.match(line)
    return m is not None and len(line.split()) <= 10 and bool(_BYLINE_TAIL.match(line[m.end() :]))


_COPYRIGHT = re.compile(
    r"^(?:copyright\b|©|\(c\)\s*\d{4})\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<holder>[^.,|]*)",
    re.I,
)


def is_copyright_line(line: str) -> bool:
    """ "Copyright 2024 The Associated Press. All rights reserved.", "© 2016 Example Media"."""
    return len(line.split()) <= 25 and bool(
        _COPYRIGHT.match(line) or "all rights reserved" in line.lower()
    )


# --- reading ----------------------------------------------------------------------------------


def read_metadata(raw: str, cleaned: Cleaned) -> Metadata:
    """Metadata of one report, from the lines the cleaner removed and the opening dateline.

    `raw` is the report as read; it is used for the dateline only when cleaning left no text.
    """
    dateline = _opening_dateline(cleaned.text or raw)
    copyright_holder = next(filter(None, map(_copyright_holder, cleaned.removed)), None)
    return Metadata(
        published=_published(cleaned.removed),
        outlet=(dateline.outlet if dateline else None) or copyright_holder,
        place=dateline.place if dateline else None,
        author=next(filter(None, map(_author, cleaned.removed)), None),
    )


def _opening_dateline(text: str) -> Dateline | None:
    """The dateline of the first paragraph or the one after the headline."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    for paragraph in paragraphs[:2]:
        found = parse_dateline(paragraph)
        if found is not None:
            return found
    return None


def _copyright_holder(line: str) -> str | None:
    m = _COPYRIGHT.match(line)
    holder = m.group("holder").strip() if m else ""
    if not holder or holder.lower().startswith("all rights"):
        return None
    return holder


def _author(line: str) -> str | None:
    m = _BYLINE.match(line)
    return m.group("name").strip() if m and is_byline(line) else None


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
    tokens = line_tokens(text)
    stamp = next(filter(None, (_from_iso(t) for t in tokens if _ISO_TIME.search(t))), None)
    if stamp is not None:  # "2024-11-16T22:05:24+05:00" carries its own offset
        return stamp
    kinds = [date_token_kind(t) for t in tokens]
    timed = [
        t for t, k in zip(tokens, kinds, strict=True) if k in _STAMP_KINDS or _MERIDIEM.match(t)
    ]
    parsed = _dateparse(timed)
    if parsed is not None and "time" in kinds:
        zone = next((z for t in reversed(tokens) if (z := _zone(t)) is not None), None)
        return _with_zone(parsed, zone)
    # No time, or an odd one that dateparser refuses ("2 A.M. FEB. 4, 2009"): the day alone.
    dated = [t for t, k in zip(tokens, kinds, strict=True) if k in ("date", "month", "number")]
    day = _dateparse(dated)
    return day.date().isoformat() if day is not None else None


def _zone(token: str) -> tzinfo | None:
    if token in _ZONES:
        return _ZONES[token]
    m = _OFFSET.match(token)
    if not m:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    return timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))


def _with_zone(moment: datetime, zone: tzinfo | None) -> str:
    """A time with its offset; a time without a zone stays local (ISO 8601 without offset)."""
    return moment.replace(tzinfo=zone).isoformat(timespec="seconds")


# Numeric dates are read month first (dateparser's English default): "03/04/2023" is 4 March.
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"]}


def _dateparse(tokens: list[str]) -> datetime | None:
    """dateparser restricted to English and complete dates: it never fills in a missing year."""
    if not tokens:
        return None
    text = " ".join(tokens)
    found: datetime | None = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return found


def _join_split_clock(text: str) -> str:
    """Undo the tokeniser's gap in times and offsets: "11:47: 35" -> "11:47:35"."""
    return re.sub(r"(\d:)\s+(\d\d)\b", r"\1\2", text)


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
