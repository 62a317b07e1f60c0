"""Dates of reports and of what they report: parsing, ordering, and inferring missing ones.

A report's time is its publication date, with a clock time when the report gives one. Two reports
are ordered only when that is certain: different days, or the same day with both clock times known.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from accord.model import Article, Claim, Membership, TimeMention

# Words before a time that put it ahead of the report ("will", "is set to", "is due to").
FUTURE_CUE = re.compile(
    r"\b(will|shall|set to|due to|expected to|plans? to|scheduled to|next)\b", re.I
)
Normalizer = Callable[[str, str, bool], "str | None"]


@dataclass(frozen=True, slots=True)
class ReportTime:
    """When a report was published: its own calendar day, and the UTC instant when known."""

    day: dt.date
    instant: dt.datetime | None = None

    def before(self, other: ReportTime) -> bool:
        """Certainly earlier: an earlier day, or the same day with both instants known."""
        if self.day != other.day:
            return self.day < other.day
        return (
            self.instant is not None and other.instant is not None and self.instant < other.instant
        )


def report_time(published: str | None) -> ReportTime | None:
    """The ReportTime of an ISO 8601 date or datetime, None when absent or unreadable."""
    if not published:
        return None
    try:
        if len(published) <= 10:
            return ReportTime(dt.date.fromisoformat(published))
        stamp = dt.datetime.fromisoformat(published)
    except ValueError:
        return None
    instant = stamp.astimezone(dt.UTC) if stamp.tzinfo else None
    return ReportTime(stamp.date(), instant)


@functools.lru_cache(maxsize=4096)
def when_bounds(when: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `START/END`; None if unreadable.
    Kept for the times a story's ledger meets again and again (its timeline compares every month
    with every day)."""
    if not when:
        return None
    parts = when.split("/")
    try:
        low, high = _day_bounds(parts[0])[0], _day_bounds(parts[-1])[1]
    except ValueError:
        return None
    return (low, high) if low <= high else None


def _day_bounds(text: str) -> tuple[dt.date, dt.date]:
    text = text.strip()[:10]
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        year, month = map(int, text.split("-"))
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return dt.date(year, month, 1), following - dt.timedelta(days=1)
    day = dt.date.fromisoformat(text)
    return day, day


def whens_meet(a: str | None, b: str | None) -> bool:
    """Whether two `when` values may name the same time (unknown meets anything)."""
    ba, bb = when_bounds(a), when_bounds(b)
    if ba is None or bb is None:
        return True
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def infer_published(
    articles: Sequence[Article], memberships: Sequence[Membership]
) -> dict[str, str]:
    """Inferred publication dates (bare `YYYY-MM-DD`) of the undated reports, by key.

    An undated report takes the median day (the lower one for an even count) of the dated reports
    of its event; failing those, of its story; failing those, the day of the report it copies.
    The median resists one late follow-up that joined the event. The caller sets
    `published_inferred` on the articles it updates.
    """
    days = {a.key: t.day for a in articles if (t := report_time(a.published)) is not None}
    by_event: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    by_story: dict[str, list[dt.date]] = defaultdict(list)
    for m in memberships:
        if m.doc in days:
            by_event[(m.story, m.event)].append(days[m.doc])
            by_story[m.story].append(days[m.doc])
    member = {m.doc: m for m in memberships}
    inferred: dict[str, str] = {}
    for article in articles:
        if article.key in days:
            continue
        found = member.get(article.key)
        pool = (
            (by_event.get((found.story, found.event)) or by_story.get(found.story))
            if found
            else None
        )
        if not pool and article.duplicate_of in days:
            pool = [days[article.duplicate_of]]
        if pool:
            inferred[article.key] = statistics.median_low(sorted(pool)).isoformat()
    return inferred


def default_normalizer() -> Normalizer | None:
    """`accord.analyze.timex.normalize_when` when that module is installed, else None."""
    try:
        from accord.analyze.timex import normalize_when
    except ImportError:
        return None
    return normalize_when


def resolve_inferred_claims(
    claims: Sequence[Claim], inferred: Mapping[str, str], normalize: Normalizer | None = None
) -> list[Claim]:
    """Copies of `claims`, those of inferred-date reports with `when` re-read from `when_text`
    against that date.

    A claim with no time words of its own stands as of its report's date (as the analysis does for
    dated reports), so it takes the inferred date itself."""
    normalize = normalize or (default_normalizer() if inferred else None)
    out = []
    for claim in claims:
        published = inferred.get(claim.doc)
        when = None
        if published and not claim.when_text:
            when = published[:10]
        elif normalize and published and claim.when_text:
            when = normalize(claim.when_text, published, False)
        # The record's own copy: a large story's ledger copies its thousands of claims on
        # every add to it.
        resolved = claim.copy()
        if when:
            resolved.when, resolved.when_inferred = when, True
        out.append(resolved)
    return out


def resolve_inferred_times(
    times: Sequence[TimeMention],
    inferred: Mapping[str, str],
    normalize: Normalizer | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[TimeMention]:
    """Relative time mentions of inferred-date reports resolved against that date.

    With the reports' `texts`, a mention after a future cue in its sentence ("is set to begin ...
    in January") is read forward in time."""
    normalize = normalize or (default_normalizer() if inferred else None)
    out = []
    for time in times:
        published = inferred.get(time.doc)
        if normalize and published and (time.relative or time.when is None):
            before = (texts or {}).get(time.doc, "")[time.sentence_start : time.start]
            when = normalize(time.text, published, _says_ahead(before))
            if when:
                time = time.copy()
                time.when = when
        out.append(time)
    return out


# Read once a text: a story's ledger reads its undated reports' time words again on every add to
# it, and searching their sentences for a cue was half of that.
@functools.lru_cache(maxsize=1 << 14)
def _says_ahead(before: str) -> bool:
    """Whether the words before a time put it ahead of the report."""
    return FUTURE_CUE.search(before) is not None
