"""Datelines: "CARACAS (Reuters) -", "Caracas [Venezuela], December 13 :", "WASHINGTON —"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH_DAY = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s*\d{4})?"
# A place in capitals or title case, an optional ", STATE" or ", Country", an optional [Country],
# an optional date and (Outlet) in either order, then a dash or a colon. Anchored at the start of a
# paragraph and kept short, so that a sentence opening with a name and a colon is not a dateline.
_DATELINE = re.compile(
    rf"""^(?P<place>[A-Z][A-Za-z.'\- ]{{1,40}}?)
        (?:,\s*(?!{_MONTH_DAY})[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?   # , Va. / , Venezuela
        (?:\s*\[(?P<country>[A-Za-z .'-]{{2,40}})\])?                   # [Venezuela]
        (?:\s*,\s*(?P<date>{_MONTH_DAY}))?                              # , December 13
        (?:\s*\((?P<outlet>[A-Za-z][\w .&'-]{{1,40}})\))?                # (Reuters)
        \s*(?P<mark>-{{1,2}}|\u2014|\u2013|:)(?:\s+|$)""",
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
    has_marker = bool(m.group("outlet") or m.group("country") or m.group("date"))
    # Without an outlet, country or date, only an all-capitals place before a dash is a dateline
    # ("WASHINGTON —"): "President Biden: ..." is a quote and "UPDATE: ..." a label.
    if not has_marker and (m.group("mark") == ":" or not _is_capitals(place)):
        return None
    return Dateline(place=place, outlet=m.group("outlet"), date=m.group("date"), end=m.end())


def _is_capitals(place: str) -> bool:
    letters = [c for c in place if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
