"""Datelines: "CARACAS (Reuters) -", "Caracas [Venezuela], December 13 :", "WASHINGTON —", and
the Spanish agencies' "MADRID, 26 Nov. (EUROPA PRESS) -", "Caracas, 26 nov (EFE).-",
"BOGOTÁ, 3 de mayo de 2024 (AFP) —", "MADRID, 26 (EUROPA PRESS) -" (the day alone)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from accord.date_words import SPANISH_MONTH_WORD, month_number

_MONTH_DAY = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s*\d{4})?"
# Day first, as Spanish (and British) datelines write it: "26 Nov.", "26 de noviembre de 2024",
# "26 nov", or the day alone, which the check below accepts only beside an agency.
_DAY_MONTH = (
    rf"\d{{1,2}}(?:\s+(?:de\s+)?(?i:{SPANISH_MONTH_WORD}|[A-Z][a-z]{{2,8}})\.?"
    r"(?:,?\s+(?:del?\s+)?\d{4})?)?"
)
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
# A place in capitals or title case, an optional ", STATE" or ", Country", an optional [Country],
# an optional date and (Outlet) in either order, then a dash or a colon (".-" in EFE's style).
# Anchored at the start of a paragraph and kept short, so that a sentence opening with a name and
# a colon is not a dateline.
_DATELINE = re.compile(
    rf"""^(?P<place>[A-ZÀ-ÖØ-Þ][{_LETTER}.'\- ]{{1,40}}?)
        (?:,\s*(?!{_MONTH_DAY}|\d)[A-Z][{_LETTER}.]+(?:\s[A-Z][{_LETTER}.]+)?)?  # , Va. / , Venezuela
        (?:\s*\[(?P<country>[{_LETTER} .'-]{{2,40}})\])?                       # [Venezuela]
        (?:\s*,\s*(?P<date>{_MONTH_DAY}|{_DAY_MONTH}))?          # , December 13 / , 26 nov.
        (?:\s*\((?P<outlet>[A-Za-z][\w .&'-]{{1,40}})\))?                    # (Reuters)
        \s*(?P<mark>\.?(?:-{{1,2}}|\u2014|\u2013)|:)(?:\s+|$)""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    outlet: str | None
    date: str | None
    end: int  # offset just past the dateline in the paragraph


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline that opens `paragraph`, if any."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    place = m.group("place").strip()
    words = place.split()
    # Every word of a place name is capitalised but short particles ("Rio de Janeiro"), which
    # keeps "The senator (R-Texas) -" out.
    if len(words) > 4 or any(w[0].islower() and len(w) > 3 for w in words):
        return None
    date = m.group("date")
    if date and date.isdigit() and not m.group("outlet"):
        return None  # "Paris, 12 -" is no dateline; "MADRID, 26 (EUROPA PRESS) -" is
    has_marker = bool(m.group("outlet") or m.group("country") or date)
    # Without an outlet, country or date, only an all-capitals place before a dash is a dateline
    # ("WASHINGTON —"): "President Biden: ..." is a quote and "UPDATE: ..." a label.
    if not has_marker and (m.group("mark") == ":" or not _is_capitals(place)):
        return None
    return Dateline(place=place, outlet=m.group("outlet"), date=m.group("date"), end=m.end())


def _is_capitals(place: str) -> bool:
    letters = [c for c in place if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def dateline_day(dateline: Dateline) -> str | None:
    """The ISO date a dateline gives, when it names a day, a month and a year ("December 13,
    2024", "26 de noviembre de 2024"); None for "26 Nov.", whose year the dateline leaves out."""
    if not dateline.date:
        return None
    words = re.findall(r"[^\W\d_]+|\d+", dateline.date)
    months = [n for w in words if (n := month_number(w))]
    days = [int(w) for w in words if w.isdigit() and len(w) <= 2]
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    if not (months and days and years):
        return None
    try:
        return dt.date(years[0], months[0], days[0]).isoformat()
    except ValueError:
        return None
