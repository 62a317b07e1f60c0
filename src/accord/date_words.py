"""The words of dates, in one place: English month and weekday names, their abbreviations, and the
regular expressions built from them (time expressions, date lines, sentence ends all use these);
then the Spanish ones, which date lines and datelines of Spanish reports use ("27 de abril del
2005", "MADRID, 26 nov. (EUROPA PRESS) -").

Written out rather than taken from `calendar`, whose names follow the process's locale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip
# "May" has no abbreviation; "Sept" is the AP style's, "Sep" everyone else's.
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
                       "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}  # fmt: skip
# The months the AP style abbreviates before a day ("Aug. 5"); March to July are written out.
# "at 07:37 a.m. UTC (3:37 a.m. EDT), killing one": after "a.m." a time zone or an aside goes on
# with the sentence; a full stop there ends no sentence.
CLOCK_GOES_ON = re.compile(r"\b[ap]\.m\.[ \t]+(?=[A-Z]{2,5}\b|\()")
AP_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat", "Sun")

# Lower-case month word (name or abbreviation) -> month number.
MONTHS = {
    **{name.lower(): n for n, name in enumerate(MONTH_NAMES, start=1)},
    **{abbr.lower(): n for abbr, n in MONTH_ABBREVIATIONS.items()},
}
# Lower-case weekday name -> weekday number (Monday is 0, as in `datetime.date.weekday`).
WEEKDAYS = {name.lower(): n for n, name in enumerate(WEEKDAY_NAMES)}


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so that a word is never cut short by its own abbreviation.
    return "|".join(sorted(words, key=len, reverse=True))


# A month as written in running text: a capitalised name, or an abbreviation with an optional
# full stop ("May." keeps its stop out: it ends a sentence).
MONTH = rf"(?:(?:{_alternation(MONTH_ABBREVIATIONS)})\.?|{_alternation(MONTH_NAMES)})"
# Any month word, without a stop; callers add flags and punctuation.
MONTH_WORD = _alternation([*MONTH_NAMES, *MONTH_ABBREVIATIONS])
WEEKDAY = _alternation(WEEKDAY_NAMES)
WEEKDAY_WORD = _alternation([*WEEKDAY_NAMES, *WEEKDAY_ABBREVIATIONS])
# The three-letter start of a weekday ("Sat", "Thu"), however the rest is spelt.
WEEKDAY_START = "|".join(name[:3] for name in WEEKDAY_NAMES)


# Spanish: lower-case month name or abbreviation -> month number; "setiembre" is the Andean and
# Rioplatense spelling, "set." its abbreviation.
SPANISH_MONTH_NAMES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                       "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip
SPANISH_MONTHS = {
    **{name: n for n, name in enumerate(SPANISH_MONTH_NAMES, start=1)},
    "setiembre": 9,
    **{"ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8},
    **{"sep": 9, "sept": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12},
}
SPANISH_WEEKDAYS = {"lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3,
                    "viernes": 4, "sábado": 5, "sabado": 5, "domingo": 6}  # fmt: skip
SPANISH_MONTH_WORD = _alternation(SPANISH_MONTHS)
SPANISH_WEEKDAY_WORD = _alternation(SPANISH_WEEKDAYS)


def month_number(word: str) -> int | None:
    """The month an English or Spanish month word names ("Nov.", "noviembre"), or None."""
    word = word.rstrip(".").lower()
    return MONTHS.get(word) or SPANISH_MONTHS.get(word)
