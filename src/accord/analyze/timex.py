"""Time expressions of a report, normalised against its publication date.

"on Saturday", "July 28", "in September", "last week", "in 2013", "from Tuesday to Thursday", "the
fourth quarter of 2005" become YYYY, YYYY-MM, YYYY-MM-DD or START/END. A relative expression ("on
Saturday", "in January") needs the publication date: without one it stays unresolved (None) and
keeps its words, so that a later stage can resolve it once the date is inferred. Bare weekdays and
months are taken in the past unless the sentence speaks of the future ("is set to begin ... in
January"); a day of the coming weeks is the coming one unless the sentence speaks of the past.
Durations ("four years"), frequencies ("annual") and vague references ("recently") are time
expressions too, with TIMEX3 values (P4Y, P1Y, PAST_REF), found only on request (ALL_KINDS): they
place nothing in the calendar. `timex3` writes a week or a quarter as TIMEX3 does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.analyze.docs import text_of
from accord.date_words import MONTH, MONTH_NAMES, MONTHS, WEEKDAY, WEEKDAY_START, WEEKDAYS
from accord.model import TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

WORD_COUNTS = {"a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
               "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
               "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
               "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
               "fifty": 50, "sixty": 60, "hundred": 100}  # fmt: skip
# A duration's TIMEX3 unit; hours, minutes and seconds sit after the "T" (PT12H), a decade is ten
# years (P10Y).
DURATION_UNITS = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W",
                  "month": "M", "quarter": "Q", "year": "Y", "decade": "10Y"}  # fmt: skip
# Counts no number gives ("several years", "recent months"): X in TIMEX3.
SOME_COUNTS = ("several", "many", "few", "recent")
# Words of a frequency ("annual": yearly) and of vague references to now, the past and the
# future, as TIMEX3 writes them.
FREQUENCIES = {"annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "monthly": "P1M",
               "weekly": "P1W", "daily": "P1D", "quarterly": "P1Q"}  # fmt: skip
REFERENCES = {"currently": "PRESENT_REF", "current": "PRESENT_REF", "recent": "PAST_REF",
              "recently": "PAST_REF", "the future": "FUTURE_REF", "the near term": "FUTURE_REF",
              "the long term": "FUTURE_REF", "the short term": "FUTURE_REF"}  # fmt: skip
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
# Expressions of these kinds name no point or period of the calendar (a duration, a frequency, a
# vague "recently"): their values are TIMEX3's (P2Y, P1W, PAST_REF), which no date stage reads.
UNDATED_KINDS = frozenset({"duration", "frequency", "reference"})
FUTURE_AUX = {"will", "'ll", "shall", "wo", "would"}
# Modals that look ahead unless a perfect makes them look back ("may be signed" / "may have died").
FUTURE_MODALS = {"may", "might", "should"}
# How far after the publication date a day named in no tense of the past is read as a coming one.
NEAR_FUTURE_DAYS = 45
FUTURE_VERBS = {"set", "due", "schedule", "expect", "plan", "intend", "prepare", "aim", "go"}

_MONTH = rf"(?P<month>{MONTH})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = rf"(?P<weekday>{WEEKDAY})"
_SHORT_DAY = rf"(?:(?:{WEEKDAY_START})[a-z]*\.?,?\s+)?"
_NO_DIGIT = r"(?![\d,]*\d)"
_COUNT = (r"(?P<count>\d+|" + "|".join(sorted(WORD_COUNTS, key=len, reverse=True)) + r")"
          r"(?P<half>\s+and\s+a\s+half)?")  # fmt: skip
# (kind, pattern): tried in this order; a later match may not overlap an earlier one.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    ("date", _SHORT_DAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b"),
    # the comma before the year is often left out ("Saturday December 13 2008")
    ("date", _SHORT_DAY + r"\b" + _MONTH + r"\s+" + _DAY + r"(?:,\s*|\s+)" + _YEAR + r"\b"),
    # before "year" and "relative": "the first quarter of last year" is one expression. Without
    # a year a quarter is as often a game's ("in the fourth quarter"): only the adjective before
    # a company's figures ("third-quarter profit") is the calendar's then.
    ("quarter", r"\b(?:[Tt]he\s+)?(?P<which>(?i:first|second|third|fourth|final|last))\s+quarter"
     r"\s+of\s+(?:(?P<rel>this|last|next|the\s+previous|the\s+current)\s+year|" + _YEAR + r"\b"
     + _NO_DIGIT + r")"),
    ("quarter", r"\b(?P<which>(?i:first|second|third|fourth))-quarter(?=\s+(?:net\s+)?(?:profits?|"
     r"earnings|results|sales|revenues?|loss(?:es)?|income|growth|output|GDP)\b)"),
    ("day_month", r"\b" + _DAY + r"\s+" + _MONTH + r"\b" + _NO_DIGIT),
    ("day_month", r"\b" + _MONTH + r"\s+" + _DAY + r"\b" + r"(?!\s*,?\s*\d)"),
    ("month_year", r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b"),
    ("month_of", r"\b" + _MONTH + r"\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b"),
    ("ago", r"\b(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
     r"(?P<unit>day|week|month|year)s?\s+ago\b"),
    ("relative", r"\b(?:(?P<part>(?i:earlier|later))\s+)?(?P<which>(?i:this|last|next|past))\s+"
     r"(?P<unit>week|weekend|month|year)\b"),
    ("deictic", r"\b(?P<word>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)\b"),
    ("weekday", r"\b(?:(?P<which>(?i:last|next|this|early|late))\s+)?" + _WEEKDAY + r"\b"),
    ("month", r"(?:\b(?P<which>(?i:in|early|late|mid-?|since|until|by|last|next|this|of|during|"
     r"before|after|from|through))\s+)" + _MONTH + r"(?:['’]s)?\b" + _NO_DIGIT),
    ("month", r"\b" + _MONTH + r"['’]s\b"),
    ("year", r"(?:\b(?i:in|since|by|until|of|during|before|after|from|through|early|late|mid-?)\s+)"
     + _YEAR + r"\b" + _NO_DIGIT),
    # a month or a year with no word before it, kept only where the parser reads a date too
    # ("the 2008 crisis", "April was wetter"), not a count ("2000 people") or a verb ("may")
    ("bare_month", r"\b(?P<month>" + "|".join(MONTH_NAMES) + r")\b" + _NO_DIGIT),
    ("bare_year", r"(?<![$€£#\d.,-])\b" + _YEAR + r"\b(?!-?\d|[.,]\d)"),
    # "four years", "the past nine days", "a 12-year term", "six straight days": no age
    # ("12-year-old"), no "a quarter" (a fourth of something)
    ("duration", r"\b(?:(?:the\s+)?(?:past|last|next|previous|coming|first)\s+)?(?:" + _COUNT
     + r"|(?P<some>" + "|".join(SOME_COUNTS) + r"))(?:\s+|-)(?:(?:consecutive|straight|trading|"
     r"full|more|long)\s+)?(?P<unit>minute|hour|day|week|month|quarter|year|decade)(?P<plural>s)?"
     r"\b(?![-\s]old\b)"),
    ("frequency", r"\b(?P<word>" + "|".join(FREQUENCIES) + r")\b"),
    ("reference", r"\b(?P<word>" + "|".join(REFERENCES) + r")\b"),
)  # fmt: skip
# kinds read only where the parser finds a date among their words
NEEDS_DATE_ENTITY = frozenset({"bare_month", "bare_year"})
ALL_KINDS = frozenset(kind for kind, _ in PATTERNS)
# The kinds that can tell when the rest of their clause happened, as a figure's time: no undated
# kind, and no bare month or year, which mostly name the thing they modify ("the 2004 tsunami",
# "the 2008 season") rather than the time of the clause.
CLAUSE_KINDS = ALL_KINDS - UNDATED_KINDS - NEEDS_DATE_ENTITY
COMPILED = tuple((kind, re.compile(p)) for kind, p in PATTERNS)
_MONTH_START = "|".join(name[:3] for name in MONTH_NAMES)
_YEAR_DIGITS = r"(?:1[89]|20)\d\d"
# Words one of which each match of a kind's patterns holds: a text without them is not searched
# for that kind. Most reports name no quarter, no frequency, no "ago", a third of them no month,
# and the patterns' leading `\b` has `re` try them at every character: the scan was a fifth of
# the analysis rules' time. A literal or a class first lets `re` skip to where they may start.
ANCHORS = {
    kind: re.compile(anchor)
    for kind, anchor in (
        ("iso", r"\d-\d\d-\d"),
        ("date", _MONTH_START), ("day_month", _MONTH_START), ("month_year", _MONTH_START),
        ("month_of", _MONTH_START), ("month", _MONTH_START), ("bare_month", _MONTH_START),
        ("quarter", "quarter"),
        ("ago", "ago"),
        ("relative", "week|month|year"),
        ("deictic", "[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow"),
        ("weekday", WEEKDAY),
        ("year", _YEAR_DIGITS), ("bare_year", _YEAR_DIGITS),
        ("duration", "minute|hour|day|week|month|quarter|year|decade"),
        ("frequency", "|".join(FREQUENCIES)),
        ("reference", "current|recent|the future|term"),
    )
}  # fmt: skip
# Two expressions joined by one of these make a range ("from Tuesday to Thursday").
_RANGE_GAP = re.compile(r"^\s*(?:to|until|through|and|-|–|—)\s*$")
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s*$")


@dataclass(frozen=True, slots=True)
class Found:
    """One time expression in a text: characters [start, end) and how to resolve it."""

    start: int
    end: int
    kind: str
    match: re.Match[str]


def scan(text: str) -> list[Found]:
    """Time expressions of `text`, left to right, without overlaps."""
    found: list[Found] = []
    anchored = {kind for kind, anchor in ANCHORS.items() if anchor.search(text)}
    for kind, regex in COMPILED:
        if kind not in anchored:
            continue
        for m in regex.finditer(text):
            if _weak(m) or any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            found.append(Found(m.start(), m.end(), kind, m))
    return sorted(found, key=lambda f: f.start)


def _weak(m: re.Match[str]) -> bool:
    """Matches that are not times: day 0 or 32, "a quarter" (of the vote)."""
    groups = m.groupdict()
    day = groups.get("day")
    if day is not None and not 1 <= int(day) <= 31:
        return True
    return groups.get("unit") == "quarter" and not groups.get("plural")


def ranges(text: str, found: list[Found]) -> Iterator[tuple[int, int, list[Found]]]:
    """Group expressions into single ones and ranges: (start, end, parts). Only points and
    periods of the calendar make ranges ("two years and three months" are two durations)."""
    i = 0
    while i < len(found):
        first = found[i]
        if (
            i + 1 < len(found)
            and _RANGE_GAP.match(text[first.end : found[i + 1].start])
            and not {first.kind, found[i + 1].kind} & UNDATED_KINDS
        ):
            second = found[i + 1]
            opener = _RANGE_OPEN.search(text[max(0, first.start - 9) : first.start])
            start = first.start - (len(opener.group(0)) if opener else 0)
            yield start, second.end, [first, second]
            i += 2
        else:
            yield first.start, first.end, [first]
            i += 1


# A story's ledger reads its undated reports' time words again against the date it infers, on
# every add to the story: the same words against the same dates.
@functools.lru_cache(maxsize=1 << 15)
def normalize_when(text: str, published: str | None, future: bool = False) -> str | None:
    """Resolve time words ("on Saturday", "from Tuesday to Thursday", "in 2013") against the
    publication date (ISO; only its date part is used); None when they cannot be resolved, or
    name no point or period of the calendar ("two years")."""
    parts = _first_time(text)
    if not parts:
        return None
    base = dt.date.fromisoformat(published[:10]) if published else None
    return _resolve_parts(parts, base, future)


@functools.lru_cache(maxsize=1 << 14)
def _first_time(text: str) -> tuple[Found, ...]:
    """The parts of the first point or period of the calendar `text` names. Read once a text: a
    story's ledger reads its undated reports' time words again against the date it infers, and
    copies of a report repeat them."""
    found = [f for f in scan(text) if f.kind not in UNDATED_KINDS]
    return tuple(next(ranges(text, found))[2]) if found else ()


def _resolve_parts(parts: Sequence[Found], base: dt.date | None, future: bool | None) -> str | None:
    resolved = [_resolve(p, base, future) for p in parts]
    if any(r is None for r in resolved):
        return None
    if len(resolved) == 1:
        return resolved[0]
    first, last = resolved[0].split("/")[0], resolved[-1].split("/")[-1]  # type: ignore[union-attr]
    if len(first) == len(last) == 10 and last < first:  # "from Friday to Monday" across a weekend
        return None
    return f"{first}/{last}"


def _resolve(found: Found, base: dt.date | None, future: bool | None) -> str | None:
    resolver = RESOLVERS[found.kind]
    try:
        when = resolver(found.match, base, future)
    except OverflowError:  # "99999999 days ago", or "tomorrow" in a report dated 9999-12-31
        return None
    if found.kind in UNDATED_KINDS:
        return when
    # "5000 years ago" is no date of a news story, and a year before 1000 or after 9999 has no
    # four-digit ISO form: both stay unresolved.
    if when is not None and not all(_ISO_PART.match(part) for part in when.split("/")):
        return None
    return when


_ISO_PART = re.compile(r"^[1-9]\d{3}(?:-\d{2}(?:-\d{2})?)?$")


def needs_base(kind: str) -> bool:
    """Whether an expression of this kind needs the publication date."""
    return kind not in {"iso", "date", "month_year", "year", "bare_year"} | UNDATED_KINDS


# ---------------------------------------------------------------- resolvers


def _month_number(m: re.Match[str]) -> int:
    word = m.group("month").rstrip(".").lower()
    return int(word) if word.isdigit() else MONTHS[word]


def _iso(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    try:
        return dt.date(int(m.group("year")), _month_number(m), int(m.group("day"))).isoformat()
    except ValueError:
        return None


def _day_month(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    """ "July 28" in the year that puts it nearest before (or, in the future, after) the base. A
    clause in no tense of the past (`future` None: "a June 3 hearing has been scheduled", "may be
    signed on September 12") takes a day of the coming weeks in the base's own year."""
    if base is None:
        return None
    month, day = _month_number(m), int(m.group("day"))
    ahead = (dt.date(base.year, month, day) - base).days if _exists(base.year, month, day) else -1
    if future is None and 0 < ahead <= NEAR_FUTURE_DAYS:
        return dt.date(base.year, month, day).isoformat()
    for year in _years_around(base.year, bool(future)):
        try:
            day_date = dt.date(year, month, day)
        except ValueError:
            return None
        if (day_date >= base) if future else (day_date <= base + dt.timedelta(days=1)):
            return day_date.isoformat()
    return None


def _exists(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and day <= calendar.monthrange(year, month)[1]


def _years_around(year: int, future: bool) -> tuple[int, int]:
    return (year, year + 1) if future else (year, year - 1)


def _month_year(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    return f"{m.group('year')}-{_month_number(m):02d}"


def _month(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    """A month alone: this year's if it has begun (or, in the future, not yet ended)."""
    if base is None:
        return None
    which = (m.groupdict().get("which") or "").lower()
    month = _month_number(m)
    future = future or (which in {"next", "until", "by"} and month >= base.month)
    if future:
        year = base.year if month >= base.month else base.year + 1
    else:
        year = base.year if month <= base.month else base.year - 1
    if which == "last" and month == base.month:
        year -= 1
    return f"{year}-{month:02d}"


def _year(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    return m.group("year")


def _month_of(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    """ "April last year", "October of next year"."""
    if base is None:
        return None
    step = {"last": -1, "next": 1}.get(m.group("rel").lower(), 0)
    return f"{base.year + step}-{_month_number(m):02d}"


def _quarter(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    """ "the fourth quarter of 2005", "the first quarter of last year", "the final quarter of
    2009"; "third-quarter (profit)" alone is the latest third quarter begun by the base (or this
    year's, in the future): its months, START/END."""
    quarter = QUARTERS.get(m.group("which").lower(), 4)  # "the final quarter", "the last quarter"
    groups = m.groupdict()
    rel = " ".join((groups.get("rel") or "").lower().split())
    if groups.get("year"):
        year = int(groups["year"])
    elif base is None:
        return None
    elif rel:
        year = base.year + {"last": -1, "the previous": -1, "next": 1}.get(rel, 0)
    else:
        begun = 3 * quarter - 2 <= base.month
        year = base.year if future or begun else base.year - 1
    return f"{year}-{3 * quarter - 2:02d}/{year}-{3 * quarter:02d}"


def _duration(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    """ "four years" P4Y, "12-hour" PT12H, "two and a half years" P2.5Y, "the past decade" P10Y,
    "several months" PXM."""
    unit = DURATION_UNITS[m.group("unit").lower()]
    raw = (m.group("count") or "").lower()
    if not raw:
        return "PXDE" if unit == "10Y" else f"PTX{unit[1:]}" if unit[0] == "T" else f"PX{unit}"
    count: float = int(raw) if raw.isdigit() else WORD_COUNTS[raw]
    if unit == "10Y":
        count, unit = 10 * count, "Y"
    if m.group("half"):
        count += 0.5
    number = f"{count:g}"
    return f"PT{number}{unit[1:]}" if unit[0] == "T" else f"P{number}{unit}"


def _frequency(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    return FREQUENCIES[m.group("word").lower()]


def _reference(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    return REFERENCES[" ".join(m.group("word").lower().split())]


def _deictic(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    if base is None:
        return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(m.group("word").lower(), 0)
    return (base + dt.timedelta(days=shift)).isoformat()


def _weekday(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    """The weekday nearest the base: on or before it, or after it for "next" and the future."""
    if base is None:
        return None
    which = (m.group("which") or "").lower()
    wanted = WEEKDAYS[m.group("weekday").lower()]
    if which == "next" or (future and which != "last"):
        ahead = (wanted - base.weekday()) % 7 or (7 if which == "next" else 0)
        return (base + dt.timedelta(days=ahead)).isoformat()
    back = (base.weekday() - wanted) % 7 or (7 if which == "last" else 0)
    return (base - dt.timedelta(days=back)).isoformat()


def _ago(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    if base is None:
        return None
    raw = m.group("count").lower()
    count = int(raw) if raw.isdigit() else WORD_COUNTS[raw]
    unit = m.group("unit").lower()
    if unit == "year":
        return str(base.year - count)
    if unit == "month":
        return _shift_month(base, -count)
    days = count * (7 if unit == "week" else 1)
    return (base - dt.timedelta(days=days)).isoformat()


def _shift_month(base: dt.date, months: int) -> str:
    index = base.year * 12 + base.month - 1 + months
    return f"{index // 12}-{index % 12 + 1:02d}"


def _relative(m: re.Match[str], base: dt.date | None, future: bool | None) -> str | None:
    """ "last week", "earlier this month", "next year", "this weekend"."""
    if base is None:
        return None
    which, unit = m.group("which").lower(), m.group("unit").lower()
    step = {"last": -1, "past": -1, "next": 1}.get(which, 0)
    first, last = _period(base, unit, step)
    part = (m.group("part") or "").lower()
    if part == "earlier" and step == 0:
        last = base.isoformat()
    elif part == "later" and step == 0:
        first = base.isoformat()
    return first if first == last else f"{first}/{last}"


def _period(base: dt.date, unit: str, step: int) -> tuple[str, str]:
    """First and last day (or month, or year) of the week/weekend/month/year `step` away."""
    if unit == "year":
        year = str(base.year + step)
        return year, year
    if unit == "month":
        month = _shift_month(base, step)
        return month, month
    monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=step)
    if unit == "weekend":
        return (monday + dt.timedelta(days=5)).isoformat(), (
            monday + dt.timedelta(days=6)
        ).isoformat()
    return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()


Resolver = Callable[[re.Match[str], dt.date | None, bool | None], str | None]
RESOLVERS: dict[str, Resolver] = {
    "iso": _iso,
    "date": _iso,
    "day_month": _day_month,
    "month_year": _month_year,
    "month": _month,
    "year": _year,
    "deictic": _deictic,
    "weekday": _weekday,
    "ago": _ago,
    "relative": _relative,
    "month_of": _month_of,
    "bare_month": _month,
    "bare_year": _year,
    "quarter": _quarter,
    "duration": _duration,
    "frequency": _frequency,
    "reference": _reference,
}


def timex3(when: str | None) -> str | None:
    """A value as TIMEX3 writes it: a Monday-to-Sunday range is its ISO week (2030-W11), a
    Saturday and Sunday its weekend (2030-W11-WE), the three months of a quarter the quarter
    (2030-Q1); anything else as it is."""
    days = re.fullmatch(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})", when or "")
    if days:
        first, last = (dt.date.fromisoformat(d) for d in days.groups())
        year, week, weekday = first.isocalendar()
        if (last - first).days == 6 and weekday == 1:
            return f"{year}-W{week:02d}"
        if (last - first).days == 1 and weekday == 6:
            return f"{year}-W{week:02d}-WE"
    months = re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", when or "")
    if months:
        year, first_month, last_year, last_month = (int(g) for g in months.groups())
        if year == last_year and first_month % 3 == 1 and last_month == first_month + 2:
            return f"{year}-Q{first_month // 3 + 1}"
    return when


# ---------------------------------------------------------------- in a parsed report


def tense(span: Span) -> bool | None:
    """Whether the clause a time expression belongs to speaks of the future ("will", "would",
    "may", a verb of plans: "is set to begin", "is expected to"): True; of the past (a verb or
    auxiliary in the past tense: "began", "was held"): False; else None ("is scheduled", "has")."""
    tok: Token | None = span.root
    while tok is not None:
        if tok.pos_ in {"VERB", "AUX"}:
            if _future_verb(tok):
                return True
            if tok.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD"
                                        for c in tok.children):  # fmt: skip
                return False
        if tok.head == tok or tok.dep_ in {"ccomp", "advcl", "relcl", "ROOT"} or _own_clause(tok):
            return None
        tok = tok.head
    return None


def _own_clause(tok: Token) -> bool:
    """A conjoined verb with a subject of its own ("..., but he may have died on Sunday") keeps
    its own tense."""
    return tok.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def _future_verb(verb: Token) -> bool:
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & FUTURE_AUX or (aux & FUTURE_MODALS and not aux & {"have", "'ve"}):
        return True
    planned = verb.lemma_ in FUTURE_VERBS and any(c.dep_ == "xcomp" for c in verb.children)
    return planned and verb.lower_ != "went"


def find_times(
    doc: Doc, key: str, published: str | None, kinds: frozenset[str] = CLAUSE_KINDS
) -> list[TimeMention]:
    """The time expressions of the report of these kinds, normalised against `published`: by
    default those that can be a figure's time; with ALL_KINDS also durations, frequencies and
    vague references (values P2Y, P1W, PAST_REF), which place nothing in time, and bare months
    and years."""
    return find_time_sets(doc, key, published, (kinds,))[0]


def find_time_sets(
    doc: Doc, key: str, published: str | None, kind_sets: Sequence[frozenset[str]]
) -> list[list[TimeMention]]:
    """`find_times` for each set of kinds, from one scan of the text (the scan is most of the
    cost, and finds the same expressions whatever the kinds asked for)."""
    text = text_of(doc)
    scanned = scan(text)
    return [_mentions(doc, key, published, text, [f for f in scanned if f.kind in kinds])
            for kinds in kind_sets]  # fmt: skip


def _mentions(
    doc: Doc, key: str, published: str | None, text: str, found: list[Found]
) -> list[TimeMention]:
    base = dt.date.fromisoformat(published[:10]) if published else None
    mentions = []
    for start, end, parts in ranges(text, found):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not _read_as_date(span, parts):
            continue
        sentence = span.sent
        when = _resolve_parts(parts, base, tense(span))
        relative = any(needs_base(p.kind) for p in parts)
        mentions.append(
            TimeMention(key, text[start:end], start, end, sentence.start_char,
                        sentence.end_char, when, relative)
        )  # fmt: skip
    return mentions


def _read_as_date(span: Span, parts: list[Found]) -> bool:
    """A bare month or year is one where the parser reads a date too."""
    if not any(p.kind in NEEDS_DATE_ENTITY for p in parts):
        return True
    return any(t.ent_type_ == "DATE" for t in span)
