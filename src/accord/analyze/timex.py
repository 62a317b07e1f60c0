"""Time expressions of a report, normalised against its publication date.

"on Saturday", "July 28", "in September", "last week", "in 2013", "from Tuesday to Thursday" become
YYYY, YYYY-MM, YYYY-MM-DD or START/END. A relative expression ("on Saturday", "in January") needs the
publication date: without one it stays unresolved (None) and keeps its words, so that a later stage
can resolve it once the date is inferred. Bare weekdays and months are taken in the past unless the
sentence speaks of the future ("is set to begin ... in January").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from accord.analyze.nlp import text_of
from accord.date_words import MONTH, MONTHS, WEEKDAY, WEEKDAY_START, WEEKDAYS
from accord.model import TimeMention

WORD_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
FUTURE_AUX = {"will", "'ll", "shall", "wo", "would"}
FUTURE_VERBS = {"set", "due", "schedule", "expect", "plan", "intend", "prepare", "aim", "go"}

_MONTH = rf"(?P<month>{MONTH})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = rf"(?P<weekday>{WEEKDAY})"
_SHORT_DAY = rf"(?:(?:{WEEKDAY_START})[a-z]*\.?,?\s+)?"
_NO_DIGIT = r"(?![\d,]*\d)"
# (kind, pattern): tried in this order; a later match may not overlap an earlier one.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    ("date", _SHORT_DAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b"),
    ("date", _SHORT_DAY + r"\b" + _MONTH + r"\s+" + _DAY + r",\s*" + _YEAR + r"\b"),
    ("day_month", r"\b" + _DAY + r"\s+" + _MONTH + r"\b" + _NO_DIGIT),
    ("day_month", r"\b" + _MONTH + r"\s+" + _DAY + r"\b" + r"(?!\s*,?\s*\d)"),
    ("month_year", r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b"),
    ("ago", r"\b(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
     r"(?P<unit>day|week|month|year)s?\s+ago\b"),
    ("relative", r"\b(?:(?P<part>earlier|later)\s+)?(?P<which>this|last|next|past)\s+"
     r"(?P<unit>week|weekend|month|year)\b"),
    ("deictic", r"\b(?P<word>today|tonight|yesterday|tomorrow)\b"),
    ("weekday", r"\b(?:(?P<which>last|next|this|early|late)\s+)?" + _WEEKDAY + r"\b"),
    ("month", r"(?:\b(?P<which>in|early|late|mid-?|since|until|by|last|next|this|of|during|"
     r"before|after|from|through)\s+)" + _MONTH + r"(?:['’]s)?\b" + _NO_DIGIT),
    ("month", r"\b" + _MONTH + r"['’]s\b"),
    ("year", r"(?:\b(?:in|since|by|until|of|during|before|after|from|through|early|late|mid-?)\s+)"
     + _YEAR + r"\b" + _NO_DIGIT),
)  # fmt: skip
COMPILED = tuple((kind, re.compile(p)) for kind, p in PATTERNS)
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
    for kind, regex in COMPILED:
        for m in regex.finditer(text):
            if _weak(m) or any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            found.append(Found(m.start(), m.end(), kind, m))
    return sorted(found, key=lambda f: f.start)


def _weak(m: re.Match[str]) -> bool:
    """Matches that are not dates: day 0 or 32."""
    day = m.groupdict().get("day")
    return day is not None and not 1 <= int(day) <= 31


def ranges(text: str, found: list[Found]) -> Iterator[tuple[int, int, list[Found]]]:
    """Group expressions into single ones and ranges: (start, end, parts)."""
    i = 0
    while i < len(found):
        first = found[i]
        if i + 1 < len(found) and _RANGE_GAP.match(text[first.end : found[i + 1].start]):
            second = found[i + 1]
            opener = _RANGE_OPEN.search(text[max(0, first.start - 9) : first.start])
            start = first.start - (len(opener.group(0)) if opener else 0)
            yield start, second.end, [first, second]
            i += 2
        else:
            yield first.start, first.end, [first]
            i += 1


def normalize_when(text: str, published: str | None, future: bool = False) -> str | None:
    """Resolve time words ("on Saturday", "from Tuesday to Thursday", "in 2013") against the
    publication date (ISO; only its date part is used); None when they cannot be resolved."""
    base = dt.date.fromisoformat(published[:10]) if published else None
    found = scan(text)
    if not found:
        return None
    parts = next(ranges(text, found))[2]
    return _resolve_parts(parts, base, future)


def _resolve_parts(parts: list[Found], base: dt.date | None, future: bool) -> str | None:
    resolved = [_resolve(p, base, future) for p in parts]
    if any(r is None for r in resolved):
        return None
    if len(resolved) == 1:
        return resolved[0]
    first, last = resolved[0].split("/")[0], resolved[-1].split("/")[-1]  # type: ignore[union-attr]
    if len(first) == len(last) == 10 and last < first:  # "from Friday to Monday" across a weekend
        return None
    return f"{first}/{last}"


def _resolve(found: Found, base: dt.date | None, future: bool) -> str | None:
    resolver = RESOLVERS[found.kind]
    try:
        when = resolver(found.match, base, future)
    except OverflowError:  # "99999999 days ago", or "tomorrow" in a report dated 9999-12-31
        return None
    # "5000 years ago" is no date of a news story, and a year before 1000 or after 9999 has no
    # four-digit ISO form: both stay unresolved.
    if when is not None and not all(_ISO_PART.match(part) for part in when.split("/")):
        return None
    return when


_ISO_PART = re.compile(r"^[1-9]\d{3}(?:-\d{2}(?:-\d{2})?)?$")


def needs_base(kind: str) -> bool:
    """Whether an expression of this kind needs the publication date."""
    return kind not in {"iso", "date", "month_year", "year"}


# ---------------------------------------------------------------- resolvers


def _month_number(m: re.Match[str]) -> int:
    word = m.group("month").rstrip(".").lower()
    return int(word) if word.isdigit() else MONTHS[word]


def _iso(m: re.Match[str], base: dt.date | None, future: bool) -> str | None:
    try:
        return dt.date(int(m.group("year")), _month_number(m), int(m.group("day"))).isoformat()
    except ValueError:
        return None


def _day_month(m: re.Match[str], base: dt.date | None, future: bool) -> str | None:
    """ "July 28" in the year that puts it nearest before (or, in the future, after) the base."""
    if base is None:
        return None
    month, day = _month_number(m), int(m.group("day"))
    for year in _years_around(base.year, future):
        try:
            day_date = dt.date(year, month, day)
        except ValueError:
            return None
        if (day_date >= base) if future else (day_date <= base + dt.timedelta(days=1)):
            return day_date.isoformat()
    return None


def _years_around(year: int, future: bool) -> tuple[int, int]:
    return (year, year + 1) if future else (year, year - 1)


def _month_year(m: re.Match[str], base: dt.date | None, future: bool) -> str | None:
    return f"{m.group('year')}-{_month_number(m):02d}"


def _month(m: re.Match[str], base: dt.date | None, future: bool) -> str | None:
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


def _year(m: re.Match[str], base: dt.date | None, future: bool) -> str | None:
    return m.group("year")


def _deictic(m: re.Match[str], base: dt.date | None, future: bool) -> str | None:
    if base is None:
        return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(m.group("word").lower(), 0)
    return (base + dt.timedelta(days=shift)).isoformat()


def _weekday(m: re.Match[str], base: dt.date | None, future: bool) -> str | None:
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


def _ago(m: re.Match[str], base: dt.date | None, future: bool) -> str | None:
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


def _relative(m: re.Match[str], base: dt.date | None, future: bool) -> str | None:
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


Resolver = Callable[[re.Match[str], dt.date | None, bool], str | None]
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
}


# ---------------------------------------------------------------- in a parsed report


def is_future(span: Span) -> bool:
    """Whether the clause a time expression belongs to speaks of the future: "will", "would",
    or a verb of plans ("is set to begin", "is expected to")."""
    tok: Token | None = span.root
    while tok is not None:
        if tok.pos_ in {"VERB", "AUX"} and _future_verb(tok):
            return True
        if tok.head == tok or tok.dep_ in {"ccomp", "advcl", "relcl", "ROOT"}:
            return False
        tok = tok.head
    return False


def _future_verb(verb: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    planned = verb.lemma_ in FUTURE_VERBS and any(c.dep_ == "xcomp" for c in verb.children)
    return planned and verb.lower_ != "went"


def find_times(doc: Doc, key: str, published: str | None) -> list[TimeMention]:
    """Every time expression of the report, normalised against `published`."""
    base = dt.date.fromisoformat(published[:10]) if published else None
    mentions = []
    text = text_of(doc)
    for start, end, parts in ranges(text, scan(text)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sentence = span.sent
        when = _resolve_parts(parts, base, is_future(span))
        relative = any(needs_base(p.kind) for p in parts)
        mentions.append(
            TimeMention(key, text[start:end], start, end, sentence.start_char,
                        sentence.end_char, when, relative)
        )  # fmt: skip
    return mentions
