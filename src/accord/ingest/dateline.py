"""Datelines: "CARACAS (Reuters) -", "Caracas [Venezuela], December 13 :", "WASHINGTON —"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A place in capitals or title case, an optional (Outlet) or [Country], an optional date, then a
# dash or colon. Anchored at the start of a paragraph; kept short so that ordinary sentences that
# start with a name and a colon are not taken for datelines.
_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?)
        (?:,\s*[A-Z][A-Za-z.]+)?                       # , STATE
        (?:\s*\((?P<outlet>[A-Za-z][\w .&'-]{1,40})\))?  # (Reuters)
        (?:\s*\[(?P<country>[A-Za-z .'-]{2,40})\])?      # [Venezuela]
        (?:\s*,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?  # , December 13
        \s*(?:-{1,2}|\u2014|\u2013|:)\s+""",
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
    has_marker = bool(m.group("outlet") or m.group("country") or m.group("date"))
    # Without an outlet, country or date, only an all-capitals place is a dateline ("WASHINGTON —").
    if not has_marker and not place.replace(" ", "").replace(".", "").isupper():
        return None
    if len(place.split()) > 4:
        return None
    return Dateline(place=place, outlet=m.group("outlet"), date=m.group("date"), end=m.end())
