"""What a line of a news page is, when it is no part of the story: a date line, a byline, a
copyright notice, or words of the website around it.

The cleaner removes such lines as furniture; `accord.ingest.metadata` reads the publication time,
author and outlet back from them, with the same recognisers.
"""

from __future__ import annotations

import difflib
import re
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from accord.date_words import (
    MONTH_NAMES,
    MONTH_WORD,
    SPANISH_MONTH_WORD,
    SPANISH_WEEKDAY_WORD,
    WEEKDAY_WORD,
)


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

# --- date lines ------------------------------------------------------------------------------

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

# Words that label a date line or sit between its parts ("Published On:", "Last updated at"), in
# English and Spanish ("27 de abril del 2005", "Publicado el 26 de noviembre a las 14:30").
_DATE_LABELS = frozenset(  # a word list reads best as text
    """published updated posted last first date time edited modified created issued release
    uploaded on at hrs de del el a las publicado actualizado fecha""".split()  # noqa: SIM905
)
_LABELLED = re.compile(r"^(?:first\s+|last\s+)?(?:published|updated|posted|date|edited)\b", re.I)
_MONTH_TOKEN = re.compile(rf"^(?:{MONTH_WORD}|{SPANISH_MONTH_WORD})\.?$", re.I)
# A misspelt month is a word of this many letters or more (shorter ones, "Mayo", are names) as
# close to a month's name as difflib's ratio says ("Novemer" 0.93; "Marcher" 0.83 is a word).
MISSPELT_MONTH_LENGTH = 6
MISSPELT_CUTOFF = 0.85
_WEEKDAY_TOKEN = re.compile(rf"^(?:{WEEKDAY_WORD}|{SPANISH_WEEKDAY_WORD})\.?$", re.I)
_NUMERIC_DATE = re.compile(r"^\d{1,4}([/.\-])\d{1,2}\1\d{1,4}(?:t[\d:.+\-z]*)?$", re.I)
_TIME = re.compile(r"^\d{1,2}(?:[:.]\d{2}){1,2}(?:[ap]\.?m\.?)?$|^\d{1,2}[ap]\.?m\.?$", re.I)
_NUMBER = re.compile(r"^\d{1,4}(?:st|nd|rd|th)?$", re.I)
MERIDIEM = re.compile(r"^[ap]\.?m\.?$", re.I)


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
    if token.lower() in _DATE_LABELS or MERIDIEM.match(token):
        return "label"
    return None


def misspelt_month(token: str) -> str | None:
    """The month a long capitalised word misspells by a letter or so ("Novemer 27, 2005"); a
    date line is read for its date, and an archive's typo should not leave a report undated."""
    if len(token) < MISSPELT_MONTH_LENGTH or not token[:1].isupper() or not token.isalpha():
        return None
    found = difflib.get_close_matches(token.capitalize(), MONTH_NAMES, n=1, cutoff=MISSPELT_CUTOFF)
    return found[0] if found and found[0] != token.capitalize() else None


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
    if kinds.count(None) == 1:
        # the one word that keeps the line from being a date line may be a misspelt month; asked
        # only then, as difflib is slow beside the patterns
        kinds = [
            k or ("month" if misspelt_month(t) else None)
            for t, k in zip(tokens, kinds, strict=True)
        ]
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


def copyright_holder(line: str) -> str | None:
    """Who a copyright notice names ("The Associated Press"), if anyone."""
    m = _COPYRIGHT.match(line)
    holder = m.group("holder").strip() if m else ""
    if not holder or holder.lower().startswith("all rights"):
        return None
    return holder


def byline_author(line: str) -> str | None:
    """The names of a byline ("Jane Doe" of "By Jane Doe, Reuters")."""
    m = _BYLINE.match(line)
    return m.group("name").strip() if m and is_byline(line) else None


def zone_of(token: str) -> tzinfo | None:
    """The time zone a date line's token names ("PKT", "GMT+5", "-03:00"), if any."""
    if token in _ZONES:
        return _ZONES[token]
    m = _OFFSET.match(token)
    if not m:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    return timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))


def _join_split_clock(text: str) -> str:
    """Undo the tokeniser's gap in times and offsets: "11:47: 35" -> "11:47:35"."""
    return re.sub(r"(\d:)\s+(\d\d)\b", r"\1\2", text)
