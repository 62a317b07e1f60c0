"""The story's timeline: dated events, by when they happened, each citing its reports.

Candidates come from the claims' times (`Claim.when`) and from the time expressions of the reports'
sentences (TimeMention). Kept out: datelines and time stamps (a sentence that is little more than
its date, or that opens with a place and its date: "Caracas, December 13 : ..."), claims with no
time words (they stand as of their report's date, which dates the report, not an event), and spans
longer than a week ("since July" is a period, not an event). Candidates with
the same date merge; a month or year entry merges into a finer entry inside it that shares its
words ("the election in July" is "the July 28 election"); a day inside a short range merges into
the range when both come from one sentence.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from accord.ingest.dateline import parse_dateline
from accord.model import Article, Claim, TimelineEntry, TimeMention
from accord.reconcile.dates import when_bounds
from accord.reconcile.sentences import word_count

MAX_SPAN_DAYS = 7
MIN_OTHER_WORDS = 5  # a sentence with fewer words besides its date is a dateline or time stamp
MAX_TEXT = 240
STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "from",
        "with",
        "and",
        "or",
        "but",
        "that",
        "this",
        "it",
        "its",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "said",
        "says",
        "after",
        "before",
        "over",
        "during",
        "than",
        "as",
        "who",
        "which",
        "not",
        "no",
        "more",
        "most",
        "some",
        "about",
        "also",
        "would",
        "will",
        "could",
    ]
)


@dataclass(slots=True)
class _Candidate:
    date: str
    doc: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Entry:
    date: str
    items: list[_Candidate] = field(default_factory=list)


@functools.lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """The words of `text` that say something; kept, as merging the entries of a large story
    compares each month's sentences with every day's again and again."""
    return frozenset(w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP and len(w) > 2)


def build_timeline(
    story_id: str,
    claims: Sequence[Claim],
    times: Sequence[TimeMention],
    articles: Sequence[Article],
) -> list[TimelineEntry]:
    """Dated entries of the story, oldest first (see the module doc for what is kept)."""
    texts = {a.key: a.text for a in articles}
    found = [c for c in _from_claims(claims) + _from_times(times, texts) if _is_event_date(c.date)]
    entries: dict[str, _Entry] = {}
    for c in found:
        entries.setdefault(c.date, _Entry(c.date)).items.append(c)
    merged = _merge_ranges(_merge_coarse(list(entries.values())))
    order = {a.key: i for i, a in enumerate(articles)}
    return [_entry(story_id, e, order) for e in sorted(merged, key=_sort_key)]


def _from_claims(claims: Sequence[Claim]) -> list[_Candidate]:
    return [
        _Candidate(c.when, c.doc, c.sentence_start, c.sentence_end, c.sentence)
        for c in claims
        if c.when and c.when_text
    ]


def _from_times(times: Sequence[TimeMention], texts: dict[str, str]) -> list[_Candidate]:
    out = []
    for t in times:
        text = texts.get(t.doc, "")
        sentence = text[t.sentence_start : t.sentence_end]
        if t.when is None or not sentence:
            continue
        if _tells_of_its_time(sentence, t.start - t.sentence_start, t.end - t.sentence_start):
            out.append(_Candidate(t.when, t.doc, t.sentence_start, t.sentence_end, sentence))
    return out


# Read once a sentence and place: a story's ledger is built again on every add to it, and wire
# copies repeat its sentences.
@functools.lru_cache(maxsize=1 << 14)
def _tells_of_its_time(sentence: str, start: int, end: int) -> bool:
    """Whether `sentence` says something beside its time words at `start`-`end`, outside a
    dateline opening it ("Caracas [Venezuela], December 13 : The government ...", "ELDMOOR,
    March 3 — Crews ..."): a dateline's date is the report's, not an event's."""
    if word_count(sentence[:start] + sentence[end:]) < MIN_OTHER_WORDS:
        return False
    dateline = parse_dateline(sentence)
    return dateline is None or dateline.date is None or end > dateline.end


def _is_event_date(when: str) -> bool:
    """A calendar unit (day, month, year) or a range of at most a week."""
    bounds = when_bounds(when)
    if bounds is None:
        return False
    return "/" not in when or (bounds[1] - bounds[0]).days < MAX_SPAN_DAYS


def _days(e: _Entry) -> int:
    bounds = when_bounds(e.date)
    return (bounds[1] - bounds[0]).days if bounds else 0


def _inside(inner: _Entry, outer: _Entry) -> bool:
    bi, bo = when_bounds(inner.date), when_bounds(outer.date)
    return bool(bi and bo and bo[0] <= bi[0] and bi[1] <= bo[1] and bi != bo)


def _merge_coarse(entries: list[_Entry]) -> list[_Entry]:
    """Fold month and year entries into the finer entry inside them they share most words with."""
    # each entry's words, kept up to date as entries fold: a story of 500 reports has some 80
    # entries of some 5,000 sentences, and reading them for each month was half its timeline
    words = {e.date: {w for c in e.items for w in content_words(c.text)} for e in entries}
    kept = []
    for coarse in sorted(entries, key=_days, reverse=True):
        if "/" in coarse.date or len(coarse.date) > 7:
            kept.append(coarse)
            continue
        said = words[coarse.date]
        finer = [e for e in entries if _inside(e, coarse)]
        best = max(finer, key=lambda e: len(words[e.date] & said), default=None)
        if best is not None and words[best.date] & said:
            best.items.extend(coarse.items)
            words[best.date] |= said
        else:
            kept.append(coarse)
    return kept


def _merge_ranges(entries: list[_Entry]) -> list[_Entry]:
    """Fold a day into a short range around it when one sentence gave both."""
    ranges = [e for e in entries if "/" in e.date]
    kept = []
    for e in entries:
        spans = {(c.doc, c.start) for c in e.items}
        host = next(
            (r for r in ranges if _inside(e, r) and spans & {(c.doc, c.start) for c in r.items}),
            None,
        )
        if host is None:
            kept.append(e)
        else:
            host.items.extend(e.items)
    return kept


def _sort_key(e: _Entry) -> tuple[str, str]:
    bounds = when_bounds(e.date)
    return (bounds[0].isoformat(), bounds[1].isoformat()) if bounds else (e.date, e.date)


def _entry(story_id: str, e: _Entry, order: dict[str, int]) -> TimelineEntry:
    docs = sorted({c.doc for c in e.items}, key=lambda d: (order.get(d, 0), d))
    spans = sorted(
        {(c.doc, c.start, c.end) for c in e.items}, key=lambda s: (order.get(s[0], 0), s[1])
    )
    return TimelineEntry(
        date=e.date, text=_summary(e), docs=tuple(docs), story=story_id, spans=tuple(spans)
    )


def _summary(e: _Entry) -> str:
    """The candidate sentence sharing most words with the others (shorter wins ties), clipped."""
    texts = sorted({c.text for c in e.items})
    words: dict[str, int] = defaultdict(int)
    for t in texts:
        for w in content_words(t):
            words[w] += 1
    best = max(
        texts, key=lambda t: (sum(words[w] for w in content_words(t)) / (1 + len(t) / 200), -len(t))
    )
    best = " ".join(best.split())
    return best if len(best) <= MAX_TEXT else best[: MAX_TEXT - 1].rsplit(" ", 1)[0] + "…"
